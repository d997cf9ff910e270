// Which results are selected for a bulk action: chosen rows (Ctrl/Cmd-click, Shift-click, Shift+↑/↓),
// or every result of the search ("select all N"), which the core resolves from the query itself, so
// pages never loaded here are included. A new query clears it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PagedSearch } from './use-paged-search.js';

export type ResultSelection =
  | { kind: 'ids'; ids: ReadonlySet<number>; anchor: number | null }
  | { kind: 'all'; query: string; total: number; except: ReadonlySet<number> };

/** What a bulk method is given: the selected ids, or the query with the rows deselected from it. */
export type SelectionTarget = { ids: number[] } | { query: string; except: number[] };

export interface SelectionControl {
  selection: ResultSelection;
  /** How many results are selected. */
  count: number;
  isSelected(id: number): boolean;
  /** Ctrl/Cmd-click: adds or removes the row at `index`; it becomes the anchor of a range. */
  toggle(index: number): void;
  /** Shift-click, Shift+↑/↓: selects the rows from the anchor (or `from`) to `index`. */
  extendTo(index: number, from?: number): void;
  selectAll(): void;
  clear(): void;
  target(): SelectionTarget;
}

const none: ResultSelection = { kind: 'ids', ids: new Set(), anchor: null };

/** The selection in the results list of `results`. */
export function useResultSelection(results: PagedSearch): SelectionControl {
  const [selection, setSelection] = useState<ResultSelection>(none);
  const { query, hitAt, total } = results;
  useEffect(() => setSelection(none), [query]);

  const toggle = useCallback((index: number) => {
    const id = hitAt(index)?.id;
    if (id === undefined) return;
    setSelection((s) => {
      if (s.kind === 'all') {
        const except = new Set(s.except);
        if (!except.delete(id)) except.add(id);
        return { ...s, except };
      }
      const ids = new Set(s.ids);
      if (!ids.delete(id)) ids.add(id);
      return { kind: 'ids', ids, anchor: index };
    });
  }, [hitAt]);

  const extendTo = useCallback((index: number, from?: number) => {
    setSelection((s) => {
      if (s.kind === 'all') return s;
      const anchor = s.anchor ?? from ?? index;
      const ids = new Set(s.ids);
      // The rows between: those loaded (the list keeps the pages around what is on screen).
      for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
        const id = hitAt(i)?.id;
        if (id !== undefined) ids.add(id);
      }
      return { kind: 'ids', ids, anchor };
    });
  }, [hitAt]);

  const selectAll = useCallback(() => setSelection({ kind: 'all', query, total, except: new Set() }), [query, total]);
  const clear = useCallback(() => setSelection(none), []);

  return useMemo(() => ({
    selection,
    count: selection.kind === 'all' ? selection.total - selection.except.size : selection.ids.size,
    isSelected: (id: number) => (selection.kind === 'all' ? !selection.except.has(id) : selection.ids.has(id)),
    toggle,
    extendTo,
    selectAll,
    clear,
    target: (): SelectionTarget => (selection.kind === 'all' ? { query: selection.query, except: [...selection.except] } : { ids: [...selection.ids] }),
  }), [selection, toggle, extendTo, selectAll, clear]);
}
