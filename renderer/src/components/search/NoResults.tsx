import type { ReactNode } from 'react';
import { useRich, useT } from '../../i18n/locale.js';

interface NoResultsProps {
  query: string;
  didYouMean: string | null;
  filtered: boolean;
  onUseSuggestion(query: string): void;
  onClearFilters(): void;
}

/** What to try when a query finds nothing. */
export function NoResults({ query, didYouMean, filtered, onUseSuggestion, onClearFilters }: NoResultsProps) {
  const t = useT();
  const rich = useRich();
  const code = (chunks: ReactNode[]) => <code dir="auto">{chunks}</code>;
  return (
    <div className="empty-state no-results" role="status">
      <h2>{rich('noResults.title', { query, q: (chunks: ReactNode[]) => <bdi className="query-echo">{chunks}</bdi> })}</h2>
      {didYouMean && (
        <p className="did-you-mean">
          {rich('noResults.didYouMean', {
            suggestion: didYouMean,
            s: (chunks: ReactNode[]) => (
              <button type="button" className="link-button" onClick={() => onUseSuggestion(didYouMean)}>
                <bdi>{chunks}</bdi>
              </button>
            ),
          })}
        </p>
      )}
      <ul className="suggestions">
        {filtered && (
          <li>
            {rich('noResults.filtered', {
              clear: (chunks: ReactNode[]) => <button type="button" className="link-button" onClick={onClearFilters}>{chunks}</button>,
            })}
          </li>
        )}
        <li>{t('noResults.fewer')}</li>
        <li>{rich('noResults.typo', { code })}</li>
        <li>{rich('noResults.prefix', { code })}</li>
        <li>{rich('noResults.or', { code })}</li>
      </ul>
    </div>
  );
}
