import { plural } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';

interface ResultSummaryProps {
  total: number;
  loading: boolean;
  canSave: boolean;
  saved: boolean;
  onSave(): void;
}

/** "123 results", announced politely, with the save-this-search star. */
export function ResultSummary({ total, loading, canSave, saved, onSave }: ResultSummaryProps) {
  return (
    <div className="result-summary">
      <span role="status" aria-live="polite" className="result-count">
        {plural(total, 'result')}
        {loading && <span className="spinner" aria-label="Searching" />}
      </span>
      {canSave && (
        <button type="button" className={`icon-button${saved ? ' on' : ''}`} onClick={onSave} aria-label={saved ? 'Search saved' : 'Save this search'} title={saved ? 'Saved' : 'Save this search'} aria-pressed={saved}>
          <Icon name="star" />
        </button>
      )}
    </div>
  );
}
