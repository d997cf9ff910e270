import type { ImportFileResult, ImportReport } from '../../../../electron/shared/dto.js';
import type { ImportState } from '../../hooks/use-import.js';
import { errorText } from '../../lib/errors.js';
import { baseName, formatBytes, formatCount } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';

interface ImportStatusProps {
  state: ImportState;
  onCancel(): void;
  onDismiss(): void;
}

/** The import card: progress with count, current file and Cancel; then the final report. */
export function ImportStatus({ state, onCancel, onDismiss }: ImportStatusProps) {
  if (state.phase === 'idle') return null;
  return (
    <section className="import-status" aria-label="Import" role="region">
      {state.phase === 'uploading' && (
        <Progress title="Uploading…" done={state.done} total={state.total} detail={state.current} unit="files" onCancel={onCancel} />
      )}
      {state.phase === 'importing' && (
        <Progress
          title="Importing…"
          done={state.progress?.filesDone ?? 0}
          total={state.progress?.filesTotal ?? 0}
          detail={state.progress?.currentFile ?? 'Looking for files…'}
          unit="files"
          bytes={state.progress ? `${formatBytes(state.progress.bytesDone)} of ${formatBytes(state.progress.bytesTotal)}` : ''}
          onCancel={onCancel}
        />
      )}
      {state.phase === 'failed' && (
        <>
          <CardHeader title="Import failed" onDismiss={onDismiss} />
          <p className="error-text" dir="auto">{errorText(state.error)}</p>
        </>
      )}
      {state.phase === 'done' && <ImportReportView report={state.report} onDismiss={onDismiss} />}
    </section>
  );
}

function CardHeader({ title, onDismiss }: { title: string; onDismiss: () => void }) {
  return (
    <header className="card-header">
      <h2>{title}</h2>
      <button type="button" className="icon-button" aria-label="Close import report" onClick={onDismiss}>
        <Icon name="close" />
      </button>
    </header>
  );
}

function Progress({ title, done, total, detail, unit, bytes, onCancel }: { title: string; done: number; total: number; detail: string; unit: string; bytes?: string; onCancel: () => void }) {
  return (
    <>
      <header className="card-header">
        <h2>{title}</h2>
        <button type="button" className="button subtle" onClick={onCancel}>Cancel</button>
      </header>
      <progress aria-label={title} max={total || 1} value={total ? done : undefined} />
      <p className="progress-line">
        <span>{total ? `${formatCount(done)} of ${formatCount(total)} ${unit}` : 'Starting…'}</span>
        {bytes && <span className="muted">{bytes}</span>}
      </p>
      <p className="current-file" dir="auto" title={detail}>{detail && baseName(detail)}</p>
    </>
  );
}

const statusLabel: Record<ImportFileResult['status'], string> = {
  imported: 'Imported',
  duplicate: 'Duplicate',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** What happened to each file; failures first, with their reasons. */
function ImportReportView({ report, onDismiss }: { report: ImportReport; onDismiss: () => void }) {
  const order = { failed: 0, skipped: 1, duplicate: 2, imported: 3 } as const;
  const results = [...report.results].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <>
      <CardHeader title={report.stopped ? 'Import stopped' : report.cancelled ? 'Import cancelled' : 'Import finished'} onDismiss={onDismiss} />
      {report.stopped && <p className="reason" role="alert" dir="auto"><code>{report.stopped.code}</code> {report.stopped.message}; the files left were not tried.</p>}
      <ul className="report-totals">
        <li className="ok"><strong>{formatCount(report.imported)}</strong> imported</li>
        <li><strong>{formatCount(report.duplicates)}</strong> duplicates</li>
        <li className={report.failed ? 'bad' : ''}><strong>{formatCount(report.failed)}</strong> failed</li>
        {report.skipped > 0 && <li><strong>{formatCount(report.skipped)}</strong> skipped</li>}
      </ul>
      <ul className="report-files" aria-label="Imported files">
        {results.map((r, i) => (
          <li key={`${r.path}-${i}`} className={`file-result ${r.status}`}>
            <span className="status-badge">{statusLabel[r.status]}</span>
            <span className="file-name" title={r.path}><bdi>{r.path}</bdi></span>
            {r.error && (
              <span className="reason" dir="auto">
                <code>{r.error.code}</code> {r.error.message}
              </span>
            )}
            {r.warnings?.map((w) => <span key={w} className="reason warning" dir="auto">{w}</span>)}
          </li>
        ))}
      </ul>
    </>
  );
}
