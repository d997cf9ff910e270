// What the user is searching for (words, filters, sort), the results it gives, and the active row.
import { useCallback, useEffect, useState } from 'react';
import type { SortOrder } from '../../../electron/shared/contract.js';
import type { AddressState } from '../lib/address-state.js';
import { composeQuery, hasFilters, type Filters } from '../lib/query.js';
import { usePagedSearch, type PagedSearch } from './use-paged-search.js';

export interface SearchState {
  /** The words as typed (the box's value). */
  text: string;
  setText(text: string): void;
  /** The words as searched (typing settled). */
  searchedText: string;
  hasText: boolean;
  filters: Filters;
  setFilters(filters: Filters): void;
  filtered: boolean;
  /** The sort the user chose, and the one used (the same: without words, relevance is "recently added"). */
  sort: SortOrder;
  effectiveSort: SortOrder;
  setSort(sort: SortOrder): void;
  /** Words and filters in the query language. */
  query: string;
  results: PagedSearch;
  /** The highlighted result row (-1: none); reset when the query changes. */
  activeIndex: number;
  setActiveIndex(index: number): void;
  /** Moves the highlighted row by `step`, kept inside the results. */
  moveActive(step: number): void;
  /** Shows `state`'s words, filters and sort at once, without the typing delay (Back/Forward). */
  restore(state: Omit<AddressState, 'item'>): void;
}

/** The search the window shows, starting from `initial`: typed words debounced, filters and sort composed into one query. */
export function useSearchState(initial: Omit<AddressState, 'item'>): SearchState {
  const [text, setText] = useState(initial.text);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [sort, setSort] = useState<SortOrder>(initial.sort);
  const [activeIndex, setActiveIndex] = useState(-1);

  // The typed words, searched once typing pauses for 150 ms; restore() sets both at once.
  const [searchedText, setSearchedText] = useState(initial.text);
  useEffect(() => {
    const timer = setTimeout(() => setSearchedText(text), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const restore = useCallback((state: Omit<AddressState, 'item'>) => {
    setText(state.text);
    setSearchedText(state.text);
    setFilters(state.filters);
    setSort(state.sort);
  }, []);
  const hasText = searchedText.trim() !== '';
  const query = composeQuery(searchedText, filters);
  // Without words, "relevance" lists the most recently added first (the core's order), so no swap is needed.
  const effectiveSort: SortOrder = sort;
  const results = usePagedSearch(query, effectiveSort);

  useEffect(() => setActiveIndex(-1), [query]);

  const total = results.total;
  const moveActive = useCallback(
    (step: number) => {
      if (total === 0) return;
      setActiveIndex((i) => Math.max(0, Math.min(total - 1, i + step)));
    },
    [total],
  );

  return {
    text, setText, searchedText, hasText,
    filters, setFilters, filtered: hasFilters(filters),
    sort, effectiveSort, setSort,
    query, results,
    activeIndex, setActiveIndex, moveActive,
    restore,
  };
}
