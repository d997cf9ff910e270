// Keyboard in the search box and the results list: move through results, open one, clear.
import type { KeyboardEvent } from 'react';
import type { SearchState } from './use-search-state.js';

const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/** Key handlers for the search box and the results list. */
export function useResultKeys(search: SearchState, openIndex: (index: number) => void, focusSearch: () => void) {
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    const step = steps[e.key];
    if (step !== undefined) { e.preventDefault(); search.moveActive(step); }
    else if (e.key === 'Enter') { e.preventDefault(); openIndex(Math.max(search.activeIndex, 0)); }
    else if (e.key === 'Escape') { e.preventDefault(); search.setText(''); }
  };

  const onListKey = (e: KeyboardEvent): void => {
    const step = steps[e.key];
    if (step !== undefined) {
      e.preventDefault();
      search.moveActive(step);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#results-list .result.active')?.focus());
    } else if (e.key === 'Escape') {
      focusSearch();
    }
  };

  return { onSearchKey, onListKey };
}
