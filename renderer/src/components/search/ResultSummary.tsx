import type { SearchNotice } from '../../../../electron/shared/dto.js';
import { noticeText } from '../../../../electron/shared/search-notices.js';
import { plural } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';

interface ResultSummaryProps {
  total: number;
  loading: boolean;
  canSave: boolean;
  saved: boolean;
  onSave(): void;
  /** Opens Export… for these results (absent when there is no search). */
  onExport?: (() => void) | undefined;
  /** How the query was searched differently from how it reads, one short line each. */
  notices?: SearchNotice[];
}

/** "123 results", announced politely, with the save-this-search star (and any notices under it). */
export function ResultSummary({ total, loading, canSave, saved, onSave, onExport, notices = [] }: ResultSummaryProps) {
  return (
    <>
      <div className="result-summary">
        <span role="status" aria-live="polite" className="result-count">
          {plural(total, 'result')}
          {loading && <span className="spinner" role="img" aria-label="Searching" />}
        </span>
        {canSave && (
          <button type="button" className={`icon-button${saved ? ' on' : ''}`} onClick={onSave} aria-label={saved ? 'Search saved' : 'Save this search'} title={saved ? 'Saved' : 'Save this search'} aria-pressed={saved}>
            <Icon name="star" />
          </button>
        )}
        {onExport && total > 0 && (
          <button type="button" className="link-button" onClick={onExport} title="Export these results">
            Export…
          </button>
        )}
      </div>
      {notices.map((n) => (
        <p key={n.term} className="result-notice">{noticeText(n)}</p>
      ))}
    </>
  );
}
