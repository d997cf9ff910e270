import { useEffect, useState, type ReactNode } from 'react';
import type { RestoredBackup } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useAction } from '../../hooks/use-action.js';
import { useErrorText } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useRich, useT } from '../../i18n/locale.js';
import { Icon } from '../common/Icon.js';

/** The backup dialog's "Restoring" part: a backup file, a new folder, "Restore…" with a confirmation step. */
export function RestoreBackup({ suggestedFile, open }: { suggestedFile: string | null; open: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const rich = useRich();
  const code = (chunks: ReactNode[]) => <code>{chunks}</code>;
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
    const picked = await host?.pickFolder({ title: t('restore.pickTitle') });
    if (picked) setTarget(picked);
  };
  const restore = (): Promise<void> => {
    setConfirming(false);
    return restoring.run(() => api.restoreBackup({ file: file.trim(), target: target.trim() }));
  };

  return (
    <>
      <h3 className="backup-heading">{t('restore.heading')}</h3>
      <p className="muted">
        {t('restore.lead')}
      </p>
      <form
        className="path-import restore-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) setConfirming(true);
        }}
      >
        <label htmlFor="restore-file">{t('restore.file')}</label>
        <input id="restore-file" type="text" dir="auto" placeholder="/media/usb/Khizana backups/khizana-backup-….tar" value={file} onChange={(e) => { setFile(e.target.value); setConfirming(false); }} spellCheck={false} />
        <label htmlFor="restore-target">{t('restore.target')}</label>
        <div className="inline-field">
          <input id="restore-target" type="text" dir="auto" placeholder="/home/me/Khizana restored" value={target} onChange={(e) => { setTarget(e.target.value); setConfirming(false); }} spellCheck={false} />
          {host && (
            <button type="button" className="button" aria-label={t('restore.chooseLabel')} onClick={() => void chooseTarget()}>
              <Icon name="folder" /> {t('export.choose')}
            </button>
          )}
        </div>
        {confirming ? (
          <div className="restore-confirm" role="group" aria-label={t('restore.confirm')}>
            <p dir="auto">
              {rich('restore.question', { file: file.trim(), target: target.trim(), strong: (chunks: ReactNode[]) => <strong>{chunks}</strong> })}
            </p>
            <button type="button" className="button primary" onClick={() => void restore()}>{t('restore.run')}</button>
            <button type="button" className="button subtle" onClick={() => setConfirming(false)}>{t('details.cancel')}</button>
          </div>
        ) : (
          <div className="backup-now">
            <button type="submit" className="button" disabled={!ready}>{busy ? t('restore.running') : t('restore.start')}</button>
          </div>
        )}
      </form>
      {restored && (
        <p className="muted restore-status" aria-live="polite" dir="auto">
          {rich('restore.done', { at: formatDateTime(restored.createdAt), articles: restored.counts.articles, notes: restored.counts.notes, originals: restored.counts.originals, target: restored.target, code })}
        </p>
      )}
      {error ? <p className="error-text restore-error" role="alert" dir="auto">{errorText(error).split('\n')[0]}</p> : null}
      {!restored && (
        <p className="muted">
          {rich('restore.terminal', { command: `khizana --archive NEW-FOLDER restore "${file.trim() || 'BACKUP.tar'}"`, cmd: (chunks: ReactNode[]) => <code dir="ltr">{chunks}</code>, code })}
        </p>
      )}
    </>
  );
}
