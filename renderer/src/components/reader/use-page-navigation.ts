// Text or page view of a PDF item, which page, and "go to page" in either.
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { ItemDetail } from '../../../../electron/shared/dto.js';

/** A request to show a page, from outside the reader (a search result's "p. 7"); `seq` makes a repeat count. */
export interface PageRequest {
  page: number;
  seq: number;
}

export interface PageNavigation {
  view: 'text' | 'page';
  /** True once the page view was shown: the PDF stays open from then on. */
  opened: boolean;
  page: number;
  pages: number;
  /** Shows page `n` (clamped): the page view at it, or the text scrolled to its marker. */
  goTo(n: number): void;
  /** Switches to the page view at page `n` (default: the current one). */
  showPage(n?: number): void;
  showText(): void;
}

/** Page navigation for an item with pages (a PDF), else null. */
export function usePageNavigation(item: ItemDetail, bodyRef: RefObject<HTMLElement | null>, request: PageRequest | undefined): PageNavigation | null {
  const pages = item.pageStarts && item.pages ? item.pages : 0;
  const [view, setViewState] = useState<'text' | 'page'>(request ? 'page' : 'text');
  const [opened, setOpened] = useState(view === 'page');
  const setView = useCallback((next: 'text' | 'page') => {
    setViewState(next);
    if (next === 'page') setOpened(true);
  }, []);
  const [page, setPage] = useState(request?.page ?? 1);
  const clamp = useCallback((n: number) => Math.min(Math.max(1, Math.round(n) || 1), Math.max(1, pages)), [pages]);

  useEffect(() => {
    if (!request || pages === 0) return;
    setPage(clamp(request.page));
    setView('page');
  }, [request, pages, clamp, setView]);

  const showPage = useCallback((n?: number) => {
    if (n !== undefined) setPage(clamp(n));
    setView('page');
  }, [clamp, setView]);
  const showText = useCallback(() => setView('text'), [setView]);
  const goTo = useCallback(
    (n: number) => {
      const target = clamp(n);
      setPage(target);
      if (view === 'page') return;
      bodyRef.current?.querySelector(`[data-page="${target}"]`)?.scrollIntoView({ block: 'start' });
    },
    [clamp, view, bodyRef],
  );

  if (pages === 0) return null;
  return { view, opened, page, pages, goTo, showPage, showText };
}
