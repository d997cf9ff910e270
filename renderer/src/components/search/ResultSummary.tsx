import type { SearchNotice } from '../../../../electron/shared/dto.js';
import { noticeText } from '../../../../electron/shared/search-notices.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface ResultSummaryProps {
  total: number;
  /** The search has been running a while: `total` is the previous query's, so it is not shown. */
  loading: boolean;
  canSave: boolean;
  saved: boolean;
  onSave(): void;
  /** Opens Export… for these results (absent when there is no search). */
  onExport?: (() => void) | undefined;
  /** How the query was searched differently from how it reads, one short line each. */
  notices?: SearchNotice[];
}

/** "123 results" (or "Searching…" while a slow search runs), announced politely, with the save-this-search star (and any notices under it). */
export function ResultSummary({ total, loading, canSave, saved, onSave, onExport, notices = [] }: ResultSummaryProps) {
  const t = useT();
  return (
    <>
      <div className="result-summary">
        <span role="status" aria-live="polite" className="result-count">
          {loading ? (
            <>
              {t('search.searching')}
              <span className="spinner" aria-hidden="true" />
            </>
          ) : (
            t('search.results', { count: total })
          )}
        </span>
        {canSave && (
          <button type="button" className={`icon-button${saved ? ' on' : ''}`} onClick={onSave} aria-label={saved ? t('search.saved') : t('search.save')} title={saved ? t('search.savedShort') : t('search.save')} aria-pressed={saved}>
            <Icon name="star" />
          </button>
        )}
        {onExport && total > 0 && !loading && (
          <button type="button" className="link-button" onClick={onExport} title={t('search.exportTitle')}>
            {t('search.export')}
          </button>
        )}
      </div>
      {notices.map((n) => (
        <p key={n.term} className="result-notice">{noticeText(n)}</p>
      ))}
    </>
  );
}
