import { useEffect, useState } from 'react';
import type { RestoredBackup } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useAction } from '../../hooks/use-action.js';
import { errorText } from '../../lib/errors.js';
import { formatDateTime, plural } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';

/** The backup dialog's "Restoring" part: a backup file, a new folder, "Restore…" with a confirmation step. */
export function RestoreBackup({ suggestedFile, open }: { suggestedFile: string | null; open: boolean }) {
  const { api, host } = useArchive();
  const [file, setFile] = useState('');
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const restoring = useAction<RestoredBackup>();
  const { busy, error, result: restored } = restoring;
  useEffect(() => {
    if (!open) return;
    setFile((current) => current || suggestedFile || '');
    setConfirming(false);
  }, [open, suggestedFile]);

  const ready = file.trim() !== '' && target.trim() !== '' && !busy;
  const chooseTarget = async (): Promise<void> => {
    const picked = await host?.pickFolder({ title: 'A new, empty folder for the restored archive' });
    if (picked) setTarget(picked);
  };
  const restore = (): Promise<void> => {
    setConfirming(false);
    return restoring.run(() => api.restoreBackup({ file: file.trim(), target: target.trim() }));
  };

  return (
    <>
      <h3 className="backup-heading">Restoring</h3>
      <p className="muted">
        A backup is restored into a new, empty folder, so restoring can never overwrite this archive. Every file of the backup is checked
        first; a damaged backup is refused and leaves nothing behind.
      </p>
      <form
        className="path-import restore-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) setConfirming(true);
        }}
      >
        <label htmlFor="restore-file">Backup file</label>
        <input id="restore-file" type="text" dir="auto" placeholder="/media/usb/Khizana backups/khizana-backup-….tar" value={file} onChange={(e) => { setFile(e.target.value); setConfirming(false); }} spellCheck={false} />
        <label htmlFor="restore-target">New folder for the restored archive</label>
        <div className="inline-field">
          <input id="restore-target" type="text" dir="auto" placeholder="/home/me/Khizana restored" value={target} onChange={(e) => { setTarget(e.target.value); setConfirming(false); }} spellCheck={false} />
          {host && (
            <button type="button" className="button" aria-label="Choose a new folder to restore into" onClick={() => void chooseTarget()}>
              <Icon name="folder" /> Choose…
            </button>
          )}
        </div>
        {confirming ? (
          <div className="restore-confirm" role="group" aria-label="Confirm restore">
            <p dir="auto">
              Restore <strong>{file.trim()}</strong> into <strong>{target.trim()}</strong>? The open archive is not changed.
            </p>
            <button type="button" className="button primary" onClick={() => void restore()}>Restore</button>
            <button type="button" className="button subtle" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        ) : (
          <div className="backup-now">
            <button type="submit" className="button" disabled={!ready}>{busy ? 'Restoring…' : 'Restore…'}</button>
          </div>
        )}
      </form>
      {restored && (
        <p className="muted restore-status" aria-live="polite" dir="auto">
          Restored the backup of {formatDateTime(restored.createdAt)}: {plural(restored.counts.articles, 'article')}, {plural(restored.counts.notes, 'note')} and{' '}
          {plural(restored.counts.originals, 'original file')} into {restored.target}. To open it, quit Khizana and start it with{' '}
          <code>--archive &quot;{restored.target}&quot;</code> (or <code>KHIZANA_ARCHIVE=&quot;{restored.target}&quot;</code>), or put that folder in place of this archive’s.
        </p>
      )}
      {error ? <p className="error-text restore-error" role="alert" dir="auto">{errorText(error).split('\n')[0]}</p> : null}
      {!restored && (
        <p className="muted">
          In a terminal: <code dir="ltr">{`khizana --archive NEW-FOLDER restore "${file.trim() || 'BACKUP.tar'}"`}</code>. Then quit Khizana and start it on the
          restored archive with <code>--archive NEW-FOLDER</code> (or <code>KHIZANA_ARCHIVE=NEW-FOLDER</code>), or put that folder in place of this archive’s.
        </p>
      )}
    </>
  );
}
