interface NoResultsProps {
  query: string;
  didYouMean: string | null;
  filtered: boolean;
  onUseSuggestion(query: string): void;
  onClearFilters(): void;
}

/** What to try when a query finds nothing. */
export function NoResults({ query, didYouMean, filtered, onUseSuggestion, onClearFilters }: NoResultsProps) {
  return (
    <div className="empty-state no-results" role="status">
      <h2>
        No results for “<bdi className="query-echo">{query}</bdi>”
      </h2>
      {didYouMean && (
        <p className="did-you-mean">
          Did you mean{' '}
          <button type="button" className="link-button" onClick={() => onUseSuggestion(didYouMean)}>
            <bdi>{didYouMean}</bdi>
          </button>
          ?
        </p>
      )}
      <ul className="suggestions">
        {filtered && (
          <li>
            The filters may hide what you want.{' '}
            <button type="button" className="link-button" onClick={onClearFilters}>Clear the filters</button>
          </li>
        )}
        <li>Use fewer words: every word must appear.</li>
        <li>
          Add <code>~</code> to a word for spelling mistakes: <code dir="auto">ادلب~</code>, <code>rebels~</code>
        </li>
        <li>
          Add <code>*</code> to find words that start with it: <code dir="auto">فصائ*</code>
        </li>
        <li>
          Join alternatives with <code>OR</code>: <code>Idlib OR ادلب</code>
        </li>
      </ul>
    </div>
  );
}
