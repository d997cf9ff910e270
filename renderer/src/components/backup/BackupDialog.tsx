import { useEffect, useState } from 'react';
import { useArchive } from '../../hooks/archive-context.js';
import type { BackupState } from '../../hooks/use-backup.js';
import { errorText } from '../../lib/errors.js';
import { formatBytes, formatDateTime, plural } from '../../lib/format.js';
import { timeAgo } from '../../lib/relative-time.js';
import { DialogHeader } from '../common/DialogHeader.js';
import { Icon } from '../common/Icon.js';
import { RestoreBackup } from './RestoreBackup.js';
import { useModalDialog } from '../../hooks/use-modal-dialog.js';

interface BackupDialogProps {
  open: boolean;
  backup: BackupState;
  error: unknown;
  onClose(): void;
}

/** File → Back Up Now…: the backup folder, daily automatic backups, "Back up now", and restoring a backup into a new folder. */
export function BackupDialog({ open, backup, error, onClose }: BackupDialogProps) {
  const { host } = useArchive();
  const ref = useModalDialog(open);
  const { status, busy, written } = backup;
  const [folder, setFolder] = useState('');
  useEffect(() => setFolder(status?.folder ?? ''), [status?.folder, open]);

  const chooseFolder = async (): Promise<void> => {
    const picked = await host?.pickFolder({ title: 'Folder for Khizana backups' });
    if (picked) await backup.save({ folder: picked });
  };
  const changed = folder.trim() !== '' && folder.trim() !== status?.folder;

  return (
    <dialog ref={ref} className="dialog backup-dialog" aria-labelledby="backup-title" onClose={onClose}>
      <DialogHeader id="backup-title" title="Back up" onClose={onClose} />
      <p className="muted">
        A backup is one file (a .tar any archive tool opens) holding your items, notes, tags, saved searches and every original file,
        each with a checksum. You can keep working while it is written.
      </p>
      <form
        className="path-import"
        onSubmit={(e) => {
          e.preventDefault();
          if (changed) void backup.save({ folder: folder.trim() });
        }}
      >
        <label htmlFor="backup-folder">Backup folder</label>
        <div className="inline-field">
          <input id="backup-folder" type="text" dir="auto" placeholder="/media/usb/Khizana backups" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
          {changed && <button type="submit" className="button">Use this folder</button>}
          {host && (
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              <Icon name="folder" /> Choose…
            </button>
          )}
        </div>
      </form>
      <label className="backup-auto">
        <input type="checkbox" checked={status?.auto ?? false} disabled={!status?.folder} onChange={(e) => void backup.save({ auto: e.target.checked })} />
        <span>Back up automatically every day while Khizana is open (the last {status?.keep ?? 7} are kept)</span>
      </label>
      <div className="backup-now">
        <button type="button" className="button primary" disabled={busy || !status?.folder} onClick={() => void backup.backUpNow()}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
        <span className="muted" role="status">
          {written
            ? `Backed up ${plural(written.counts.articles, 'article')}, ${plural(written.counts.notes, 'note')} and ${plural(written.counts.originals, 'original file')} (${formatBytes(written.bytes)}).`
            : status?.lastBackupAt
              ? `Last backup ${timeAgo(status.lastBackupAt)} (${formatDateTime(status.lastBackupAt)}).`
              : 'No backup yet.'}
        </span>
      </div>
      {error ? <p className="error-text" role="alert" dir="auto">{errorText(error)}</p> : null}
      {!error && status?.lastError ? (
        <p className="error-text" role="alert" dir="auto">
          The last backup failed ({formatDateTime(status.lastError.at)}): {status.lastError.message}
        </p>
      ) : null}
      {status?.lastBackupFile && <p className="muted backup-file" dir="auto">{status.lastBackupFile}</p>}
      <RestoreBackup suggestedFile={written?.file ?? status?.lastBackupFile ?? null} open={open} />
    </dialog>
  );
}
