import { useEffect, useState } from 'react';
import type { ExportResult } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useAction } from '../../hooks/use-action.js';
import { errorText } from '../../lib/errors.js';
import { formatBytes, plural } from '../../lib/format.js';
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

function scopeText(scope: ExportScope): string {
  if (scope.kind === 'all') return 'Everything in the archive';
  if (scope.kind === 'search') return `The ${plural(scope.total, 'result')} of this search (all pages)`;
  return `The open item (#${scope.id})`;
}

/**
 * Export…: asks where to write (a new or empty folder, or a path ending in .zip; in the browser a
 * path on the machine that serves the archive, as import by path does) and exports there.
 */
export function ExportDialog({ open, scopes, onClose }: ExportDialogProps) {
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
    const picked = await host?.pickFolder({ title: 'An empty folder for the export' });
    if (picked) setTarget(picked);
  };
  const run = (): Promise<void> => {
    const args = scope.kind === 'search' ? { query: scope.query } : scope.kind === 'item' ? { ids: [scope.id] } : {};
    return exporting.run(() => api.exportItems({ target: target.trim(), ...args }));
  };

  return (
    <dialog ref={ref} className="dialog backup-dialog" aria-labelledby="export-title" onClose={onClose}>
      <DialogHeader id="export-title" title="Export" onClose={onClose} />
      <p className="muted">
        Markdown files (open the folder as an Obsidian vault), every field in items.jsonl, tags, saved searches and the original
        files; notes attached to exported items come along. Khizana can import the export back.
      </p>
      {scopes.length > 1 && (
        <fieldset className="export-scope">
          {scopes.map((s, k) => (
            <label key={s.kind}>
              <input type="radio" name="export-scope" checked={k === chosen} onChange={() => setChosen(k)} /> {scopeText(s)}
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
        <label htmlFor="export-target">A new or empty folder, or a file name ending in .zip{host ? '' : ' (on the computer serving the archive)'}</label>
        <div className="inline-field">
          <input id="export-target" type="text" dir="auto" placeholder="/home/me/khizana-export.zip" value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
          {host && (
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              <Icon name="folder" /> Choose…
            </button>
          )}
        </div>
        <div className="backup-now">
          <button type="submit" className="button primary" disabled={busy || target.trim() === ''}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <span className="muted" role="status" dir="auto">
            {written &&
              `Exported ${plural(written.counts.articles, 'article')}, ${plural(written.counts.notes, 'note')} and ${plural(written.counts.originals, 'original file')} (${formatBytes(written.bytes)}) to ${written.target}.`}
          </span>
        </div>
      </form>
      {error ? <p className="error-text" role="alert" dir="auto">{errorText(error)}</p> : null}
    </dialog>
  );
}
