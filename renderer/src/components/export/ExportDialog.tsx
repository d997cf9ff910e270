import { useEffect, useState } from 'react';
import type { ExportResult } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useAction } from '../../hooks/use-action.js';
import { useErrorText } from '../../lib/errors.js';
import { formatBytes } from '../../lib/format.js';
import { useT } from '../../i18n/locale.js';
import { DialogHeader } from '../common/DialogHeader.js';
import { Icon } from '../common/Icon.js';
import { useModalDialog } from '../../hooks/use-modal-dialog.js';

/** What to export: everything, the current search's results, or the open item. */
export type ExportScope = { kind: 'all' } | { kind: 'search'; query: string; total: number } | { kind: 'item'; id: number };

interface ExportDialogProps {
  open: boolean;
  /** The choices, the first one selected when the dialog opens. */
  scopes: ExportScope[];
  onClose(): void;
}

function scopeText(scope: ExportScope, t: ReturnType<typeof useT>): string {
  if (scope.kind === 'all') return t('export.scopeAll');
  if (scope.kind === 'search') return t('export.scopeSearch', { count: scope.total });
  return t('export.scopeItem', { id: scope.id });
}

/**
 * Export…: asks where to write (a new or empty folder, or a path ending in .zip; in the browser a
 * path on the machine that serves the archive, as import by path does) and exports there.
 */
export function ExportDialog({ open, scopes, onClose }: ExportDialogProps) {
  const t = useT();
  const errorText = useErrorText();
  const { api, host } = useArchive();
  const ref = useModalDialog(open);
  const [target, setTarget] = useState('');
  const exporting = useAction<ExportResult>();
  const { busy, error, result: written, reset } = exporting;
  const [chosen, setChosen] = useState(0);
  const scope = scopes[chosen] ?? scopes[0] ?? { kind: 'all' };
  // Each opening starts afresh.
  useEffect(() => {
    if (!open) return;
    setChosen(0);
    reset();
  }, [open, reset]);

  const chooseFolder = async (): Promise<void> => {
    const picked = await host?.pickFolder({ title: t('export.pickTitle') });
    if (picked) setTarget(picked);
  };
  const run = (): Promise<void> => {
    const args = scope.kind === 'search' ? { query: scope.query } : scope.kind === 'item' ? { ids: [scope.id] } : {};
    return exporting.run(() => api.exportItems({ target: target.trim(), ...args }));
  };

  return (
    <dialog ref={ref} className="dialog backup-dialog" aria-labelledby="export-title" onClose={onClose}>
      <DialogHeader id="export-title" title={t('export.title')} onClose={onClose} />
      <p className="muted">
        {t('export.lead')}
      </p>
      {scopes.length > 1 && (
        <fieldset className="export-scope">
          {scopes.map((s, k) => (
            <label key={s.kind}>
              <input type="radio" name="export-scope" checked={k === chosen} onChange={() => setChosen(k)} /> {scopeText(s, t)}
            </label>
          ))}
        </fieldset>
      )}
      <form
        className="path-import"
        onSubmit={(e) => {
          e.preventDefault();
          if (target.trim() !== '' && !busy) void run();
        }}
      >
        <label htmlFor="export-target">{host ? t('export.target') : t('export.targetServed')}</label>
        <div className="inline-field">
          <input id="export-target" type="text" dir="auto" placeholder="/home/me/khizana-export.zip" value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
          {host && (
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              <Icon name="folder" /> {t('export.choose')}
            </button>
          )}
        </div>
        <div className="backup-now">
          <button type="submit" className="button primary" disabled={busy || target.trim() === ''}>
            {busy ? t('export.exporting') : t('export.run')}
          </button>
          <span className="muted" role="status" dir="auto">
            {written &&
              t('export.done', { articles: written.counts.articles, notes: written.counts.notes, originals: written.counts.originals, size: formatBytes(written.bytes), target: written.target })}
          </span>
        </div>
      </form>
      {error ? <p className="error-text" role="alert" dir="auto">{errorText(error)}</p> : null}
    </dialog>
  );
}
