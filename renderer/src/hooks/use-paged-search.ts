// Search results as one long virtual list: pages are fetched as the user scrolls to them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SortOrder } from '../../../electron/shared/contract.js';
import type { SearchFacets, SearchHit, SearchNotice } from '../../../electron/shared/dto.js';
import { useArchive } from './archive-context.js';

const pageSize = 50;

export interface PagedSearch {
  /** The query these results belong to (may lag behind the one asked for while loading). */
  query: string;
  total: number;
  facets: SearchFacets | null;
  didYouMean: string | null;
  /** How the query was searched differently from how it reads (a broad prefix limited). */
  notices: SearchNotice[];
  /** First page still on its way. */
  loading: boolean;
  /**
   * Still on its way after `slowAfterMs`: what is shown (rows, total, facets) is the previous
   * query's, and the list says so (dimmed, busy, "Searching…" in place of the count).
   */
  stale: boolean;
  error: unknown;
  /** The hit at `index`, or undefined while its page loads. */
  hitAt(index: number): SearchHit | undefined;
  /** Asks for the pages covering [start, end]. */
  ensureRange(start: number, end: number): void;
}

interface Results {
  key: string;
  query: string;
  total: number;
  facets: SearchFacets | null;
  didYouMean: string | null;
  notices: SearchNotice[];
  pages: Map<number, SearchHit[]>;
}

const maxPages = 40;

/** How long a search may take before the previous results are shown as out of date. */
export const slowAfterMs = 150;

/** Drops the pages farthest from `page` so a long scroll through 100,000 hits stays small in memory. */
function keepNear(pages: Map<number, SearchHit[]>, page: number): Map<number, SearchHit[]> {
  if (pages.size <= maxPages) return pages;
  const farthest = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
  for (const p of farthest.slice(0, pages.size - maxPages)) pages.delete(p);
  return pages;
}

/** Runs `query` and serves its hits page by page; reloads when archive data changes. */
export function usePagedSearch(query: string, sort: SortOrder): PagedSearch {
  const { api, dataVersion } = useArchive();
  const key = `${sort}\u0000${query}\u0000${dataVersion}`;
  const [results, setResults] = useState<Results>({ key: '', query: '', total: 0, facets: null, didYouMean: null, notices: [], pages: new Map() });
  const [error, setError] = useState<unknown>(null);
  const [slowKey, setSlowKey] = useState<string | null>(null);
  const pending = useRef(new Set<string>());
  const keyRef = useRef(key);
  keyRef.current = key;

  useEffect(() => {
    let live = true;
    const first = { query, sort, limit: pageSize, offset: 0 };
    // Facets are a bonus: if counting them fails, the results themselves must still show.
    api.search({ ...first, facets: true }).catch(() => api.search(first)).then(
      (r) => {
        if (!live) return;
        pending.current.clear();
        setError(null);
        setResults({ key, query, total: r.total, facets: r.facets ?? null, didYouMean: r.didYouMean ?? null, notices: r.notices ?? [], pages: new Map([[0, r.hits]]) });
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setResults({ key, query, total: 0, facets: null, didYouMean: null, notices: [], pages: new Map() });
      },
    );
    // Fast answers replace the results without flicker; a slow one first marks them out of date.
    const slow = setTimeout(() => setSlowKey(key), slowAfterMs);
    return () => {
      live = false;
      clearTimeout(slow);
    };
  }, [api, key, query, sort]);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (results.key !== key) return;
      for (let page = Math.floor(start / pageSize); page <= Math.floor(end / pageSize); page++) {
        const id = `${key}#${page}`;
        if (results.pages.has(page) || pending.current.has(id) || page * pageSize >= results.total) continue;
        pending.current.add(id);
        api.search({ query, sort, limit: pageSize, offset: page * pageSize }).then(
          (r) => {
            if (keyRef.current !== key) return;
            setResults((prev) => (prev.key === key ? { ...prev, pages: keepNear(new Map(prev.pages).set(page, r.hits), page) } : prev));
          },
          (e: unknown) => setError(e),
        ).finally(() => pending.current.delete(id));
      }
    },
    [api, key, query, sort, results],
  );

  const hitAt = useCallback((index: number) => results.pages.get(Math.floor(index / pageSize))?.[index % pageSize], [results]);

  return {
    query: results.query,
    total: results.total,
    facets: results.facets,
    didYouMean: results.didYouMean,
    notices: results.notices,
    loading: results.key !== key,
    stale: results.key !== key && slowKey === key,
    error,
    hitAt,
    ensureRange,
  };
}
