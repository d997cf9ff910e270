// Hit spans for the reader, from the core's analyzer (the same one search uses).
import { useEffect, useState } from 'react';
import type { Span } from '../../../electron/shared/dto.js';
import { useArchive } from './archive-context.js';

/**
 * Spans of `query` in each of `texts` ([] per text while loading or without a query).
 * `key` identifies the texts, so a new array with the same content does not refetch.
 */
export function useHighlight(query: string, texts: readonly string[], key: string): Span[][] | null {
  const { api } = useArchive();
  const [result, setResult] = useState<{ key: string; spans: Span[][] } | null>(null);
  const fullKey = `${key}\u0000${query}`;
  useEffect(() => {
    if (query.trim() === '' || texts.length === 0) return;
    let live = true;
    api.highlight({ query, texts: [...texts] }).then(
      (spans) => live && setResult({ key: fullKey, spans }),
      () => live && setResult({ key: fullKey, spans: [] }), // a highlight failure must not break reading
    );
    return () => {
      live = false;
    };
  }, [api, fullKey]); // texts and query are part of fullKey
  if (query.trim() === '') return [];
  return result?.key === fullKey ? result.spans : null;
}
