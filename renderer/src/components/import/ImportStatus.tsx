import type { ImportFileResult, ImportProgress, ImportReport } from '../../../../electron/shared/dto.js';
import type { ImportState } from '../../hooks/use-import.js';
import { useErrorText } from '../../lib/errors.js';
import { baseName, formatBytes } from '../../lib/format.js';
import { useLocale, useRich, useT } from '../../i18n/locale.js';
import type { MessageId } from '../../../../electron/shared/i18n/locale.js';
import type { ReactNode } from 'react';
import { Icon } from '../common/Icon.js';

interface ImportStatusProps {
  state: ImportState;
  onCancel(): void;
  onDismiss(): void;
}

/** The import card: progress with count, current file and Cancel; then the final report. */
export function ImportStatus({ state, onCancel, onDismiss }: ImportStatusProps) {
  const t = useT();
  const errorText = useErrorText();
  if (state.phase === 'idle') return null;
  return (
    <section className="import-status" aria-label={t('import.title')} role="region">
      {state.phase === 'uploading' && (
        <Progress title={t('import.uploading')} done={state.done} total={state.total} detail={state.current} onCancel={onCancel} />
      )}
      {state.phase === 'importing' && (
        <Progress
          title={t('import.importing')}
          done={state.progress?.filesDone ?? 0}
          total={state.progress?.filesTotal ?? 0}
          detail={state.progress?.currentFile ?? t('import.looking')}
          bytes={state.progress ? t('import.bytes', { done: formatBytes(state.progress.bytesDone), total: formatBytes(state.progress.bytesTotal) }) : ''}
          pages={pagesLine(state.progress?.pages, t)}
          onCancel={onCancel}
        />
      )}
      {state.phase === 'failed' && (
        <>
          <CardHeader title={t('import.failed')} onDismiss={onDismiss} />
          <p className="error-text" dir="auto">{errorText(state.error)}</p>
        </>
      )}
      {state.phase === 'done' && <ImportReportView report={state.report} onDismiss={onDismiss} />}
    </section>
  );
}

function CardHeader({ title, onDismiss }: { title: string; onDismiss: () => void }) {
  const t = useT();
  return (
    <header className="card-header">
      <h2>{title}</h2>
      <button type="button" className="icon-button" aria-label={t('import.closeReport')} onClick={onDismiss}>
        <Icon name="close" />
      </button>
    </header>
  );
}

/** "Page 3 of 12" of a long file being read, and whether a scan is going through OCR (issue 13). */
function pagesLine(pages: ImportProgress['pages'], t: ReturnType<typeof useT>): string {
  if (!pages || (pages.total < 2 && pages.ocrPages === 0)) return '';
  const values = { done: Math.min(pages.done + 1, pages.total), total: pages.total };
  return pages.ocrPages > 0 ? t('import.pagesOcr', values) : t('import.pages', values);
}

function Progress({ title, done, total, detail, bytes, pages, onCancel }: { title: string; done: number; total: number; detail: string; bytes?: string; pages?: string; onCancel: () => void }) {
  const t = useT();
  return (
    <>
      <header className="card-header">
        <h2>{title}</h2>
        <button type="button" className="button subtle" onClick={onCancel}>{t('details.cancel')}</button>
      </header>
      <progress aria-label={title} max={total || 1} value={total ? done : undefined} />
      <p className="progress-line">
        <span>{total ? t('import.progressFiles', { done, total }) : t('import.starting')}</span>
        {bytes && <span className="muted">{bytes}</span>}
      </p>
      <p className="current-file" dir="auto" title={detail}>{detail && baseName(detail)}</p>
      {pages && <p className="muted" aria-live="polite">{pages}</p>}
    </>
  );
}

const statusLabel: Record<ImportFileResult['status'], MessageId> = {
  imported: 'import.status.imported',
  duplicate: 'import.status.duplicate',
  failed: 'import.status.failed',
  skipped: 'import.status.skipped',
};

/** What happened to each file; failures first, with their reasons. */
function ImportReportView({ report, onDismiss }: { report: ImportReport; onDismiss: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  // The error codes are English words: shown (for looking them up) in the English interface only.
  const showCodes = useLocale().locale === 'en';
  const rich = useRich();
  const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
  const order = { failed: 0, skipped: 1, duplicate: 2, imported: 3 } as const;
  const results = [...report.results].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <>
      <CardHeader title={report.stopped ? t('import.stopped') : report.cancelled ? t('import.cancelled') : t('import.finished')} onDismiss={onDismiss} />
      {report.stopped && <p className="reason" role="alert" dir="auto">{showCodes && <><code>{report.stopped.code}</code> </>}{t('import.stoppedReason', { message: errorText(report.stopped) })}</p>}
      <ul className="report-totals">
        <li className="ok">{rich('import.totalImported', { count: report.imported, strong })}</li>
        <li>{rich('import.totalDuplicates', { count: report.duplicates, strong })}</li>
        <li className={report.failed ? 'bad' : ''}>{rich('import.totalFailed', { count: report.failed, strong })}</li>
        {report.skipped > 0 && <li>{rich('import.totalSkipped', { count: report.skipped, strong })}</li>}
      </ul>
      <ul className="report-files" aria-label={t('import.files')}>
        {results.map((r, i) => (
          <li key={`${r.path}-${i}`} className={`file-result ${r.status}`}>
            <span className="status-badge">{t(statusLabel[r.status])}</span>
            <span className="file-name" title={r.path}><bdi>{r.path}</bdi></span>
            {r.error && (
              <span className="reason" dir="auto">
                {showCodes && <><code>{r.error.code}</code> </>}{errorText(r.error)}
              </span>
            )}
            {r.warnings?.map((w) => <span key={w} className="reason warning" dir="auto">{w}</span>)}
          </li>
        ))}
      </ul>
    </>
  );
}
