import { useEffect, useState } from 'react';
import { useArchive } from '../../hooks/archive-context.js';
import type { BackupState } from '../../hooks/use-backup.js';
import { useErrorText } from '../../lib/errors.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { useT } from '../../i18n/locale.js';
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
  const t = useT();
  const errorText = useErrorText();
  const { host } = useArchive();
  const ref = useModalDialog(open);
  const { status, busy, written } = backup;
  const [folder, setFolder] = useState('');
  useEffect(() => setFolder(status?.folder ?? ''), [status?.folder, open]);

  const chooseFolder = async (): Promise<void> => {
    const picked = await host?.pickFolder({ title: t('backup.pickTitle') });
    if (picked) await backup.save({ folder: picked });
  };
  const changed = folder.trim() !== '' && folder.trim() !== status?.folder;

  return (
    <dialog ref={ref} className="dialog backup-dialog" aria-labelledby="backup-title" onClose={onClose}>
      <DialogHeader id="backup-title" title={t('backup.title')} onClose={onClose} />
      <p className="muted">
        {t('backup.lead')}
      </p>
      <form
        className="path-import"
        onSubmit={(e) => {
          e.preventDefault();
          if (changed) void backup.save({ folder: folder.trim() });
        }}
      >
        <label htmlFor="backup-folder">{t('backup.folder')}</label>
        <div className="inline-field">
          <input id="backup-folder" type="text" dir="auto" placeholder="/media/usb/Khizana backups" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
          {changed && <button type="submit" className="button">{t('backup.useFolder')}</button>}
          {host && (
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              <Icon name="folder" /> {t('export.choose')}
            </button>
          )}
        </div>
      </form>
      <label className="backup-auto">
        <input type="checkbox" checked={status?.auto ?? false} disabled={!status?.folder} onChange={(e) => void backup.save({ auto: e.target.checked })} />
        <span>{t('backup.auto', { keep: status?.keep ?? 7 })}</span>
      </label>
      <div className="backup-now">
        <button type="button" className="button primary" disabled={busy || !status?.folder} onClick={() => void backup.backUpNow()}>
          {busy ? t('backup.running') : t('backup.now')}
        </button>
        <span className="muted" role="status">
          {written
            ? t('backup.done', { articles: written.counts.articles, notes: written.counts.notes, originals: written.counts.originals, size: formatBytes(written.bytes) })
            : status?.lastBackupAt
              ? t('backup.last', { ago: timeAgo(status.lastBackupAt, Date.now(), t('time.justNow')), at: formatDateTime(status.lastBackupAt) })
              : t('backup.none')}
        </span>
      </div>
      {error ? <p className="error-text" role="alert" dir="auto">{errorText(error)}</p> : null}
      {!error && status?.lastError ? (
        <p className="error-text" role="alert" dir="auto">
          {t('backup.failed', { at: formatDateTime(status.lastError.at), message: errorText(status.lastError) })}
        </p>
      ) : null}
      {status?.lastBackupFile && <p className="muted backup-file" dir="auto">{status.lastBackupFile}</p>}
      <RestoreBackup suggestedFile={written?.file ?? status?.lastBackupFile ?? null} open={open} />
    </dialog>
  );
}
