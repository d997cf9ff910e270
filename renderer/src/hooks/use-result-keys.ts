// Keyboard in the search box and the results list: move through results, open one, clear.
import type { KeyboardEvent } from 'react';
import type { SelectionControl } from './use-result-selection.js';
import type { SearchState } from './use-search-state.js';

const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/**
 * Key handlers for the search box and the results list. In the list, Shift+↑/↓ extends the
 * selection, Ctrl/Cmd+A selects every result of the search, Esc clears the selection first.
 */
export function useResultKeys(search: SearchState, openIndex: (index: number) => void, focusSearch: () => void, selection?: SelectionControl) {
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    const step = steps[e.key];
    if (step !== undefined) { e.preventDefault(); search.moveActive(step); }
    else if (e.key === 'Enter') { e.preventDefault(); openIndex(Math.max(search.activeIndex, 0)); }
    else if (e.key === 'Escape') { e.preventDefault(); search.setText(''); }
  };

  const onListKey = (e: KeyboardEvent): void => {
    const step = steps[e.key];
    if (selection && e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      selection.selectAll();
      return;
    }
    if (step !== undefined) {
      e.preventDefault();
      if (selection && e.shiftKey && search.results.total > 0) {
        const from = Math.max(search.activeIndex, 0);
        const to = Math.max(0, Math.min(search.results.total - 1, from + step));
        selection.extendTo(to, from);
      }
      search.moveActive(step);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#results-list .result.active')?.focus());
    } else if (e.key === 'Escape') {
      if (selection && selection.count > 0) selection.clear();
      else focusSearch();
    }
  };

  return { onSearchKey, onListKey };
}
