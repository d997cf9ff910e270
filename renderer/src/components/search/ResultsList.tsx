import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { PagedSearch } from '../../hooks/use-paged-search.js';
import type { SelectionControl } from '../../hooks/use-result-selection.js';
import { ResultRow, ResultRowSkeleton } from './ResultRow.js';
import { useT } from '../../i18n/locale.js';

interface ResultsListProps {
  results: PagedSearch;
  activeIndex: number;
  openId: number | null;
  onActivate(index: number): void;
  /** `page`: open at that PDF page (the result's "p. 7"). */
  onOpen(index: number, page?: number): void;
  onKeyDown(event: KeyboardEvent): void;
  selection: SelectionControl;
}

const rowHeight = 104;

/** The virtualised result list: only visible rows exist, pages load as they scroll into view. */
export function ResultsList({ results, activeIndex, openId, onActivate, onOpen, onKeyDown, selection }: ResultsListProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: results.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = results;

  useEffect(() => {
    if (results.total > 0) ensureRange(first, last);
  }, [ensureRange, first, last, results.total]);

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [results.query]);

  return (
    <div ref={scrollRef} className={`results-scroll${results.stale ? ' stale' : ''}`} onKeyDown={onKeyDown}>
      {/* A slow search: the rows are the previous query's, dimmed and marked busy until the new ones come. */}
      <div id="results-list" role="list" aria-label={t('search.resultsList')} aria-busy={results.stale} className="results-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((row) => {
          const hit = results.hitAt(row.index);
          return (
            <div
              key={row.key}
              role="listitem"
              aria-posinset={row.index + 1}
              aria-setsize={results.total}
              className="result-slot"
              style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
            >
              {hit ? (
                <ResultRow
                  hit={hit}
                  active={row.index === activeIndex}
                  open={hit.id === openId}
                  selected={selection.isSelected(hit.id)}
                  onOpen={(event) => {
                    // Shift-click: a range from the last row chosen (or the highlighted one); Ctrl/Cmd-click: one more or one less.
                    if (event.shiftKey) selection.extendTo(row.index, activeIndex >= 0 ? activeIndex : row.index);
                    else if (event.ctrlKey || event.metaKey) selection.toggle(row.index);
                    else {
                      selection.clear();
                      onActivate(row.index);
                      onOpen(row.index);
                      return;
                    }
                    onActivate(row.index);
                  }}
                  onOpenPage={(page) => {
                    onActivate(row.index);
                    onOpen(row.index, page);
                  }}
                />
              ) : (
                <ResultRowSkeleton />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
