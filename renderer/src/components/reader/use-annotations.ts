// The open article's annotations: loaded in reading order, painted on the text with the CSS Custom
// Highlight API (no element is added to the article, so search marks, React and the stored HTML
// are left as they are), and found again in the DOM to scroll to or to map a click or a selection.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { AnnotationInfo, ItemDetail } from '../../../../electron/shared/dto.js';
import { annotationColors } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useAsync } from '../../hooks/use-async.js';
import { buildTextMap, rangeOfText, type TextMap } from './annotation-dom.js';
import type { AnnotationRequest } from './Reader.js';

export interface ArticleAnnotations {
  list: AnnotationInfo[];
  /** The annotation last clicked or asked for (a search hit), or null. */
  active: string | null;
  setActive(uid: string | null): void;
  /** Scrolls the text to an annotation and makes it the active one. */
  scrollTo(uid: string): boolean;
  /** The text map of the article as rendered now (null before it is). */
  textMap(): TextMap | null;
}

const highlightName = (color: string) => `annotation-${color}`;
const activeName = 'annotation-active';

function registry(): HighlightRegistry | null {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
}

/** Annotations of `item`, painted in `bodyRef`'s article; `request` scrolls to one once it is shown. */
export function useArticleAnnotations(item: ItemDetail, bodyRef: RefObject<HTMLElement | null>, request: AnnotationRequest | undefined): ArticleAnnotations {
  const { api, dataVersion } = useArchive();
  const { value } = useAsync(() => api.listAnnotations({ on: item.id }), [api, item.id, dataVersion]);
  const list = value ?? noAnnotations;
  const [active, setActive] = useState<string | null>(request?.uid ?? null);
  const mapRef = useRef<TextMap | null>(null);
  // Maps the article again now if its DOM changed since the last paint: a selection read before the
  // next frame (a mouseup just after the marks went in) must not be measured against old text nodes.
  const freshen = useRef<(() => void) | null>(null);
  const rangesRef = useRef(new Map<string, Range>());
  const [painted, setPainted] = useState(0);

  // Repaint whenever the article's DOM changes (search marks, the HTML body filled in) or the list does.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let frame = 0;
    const paint = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      const map = buildTextMap(body, item.text);
      mapRef.current = map;
      const ranges = new Map<string, Range>();
      for (const a of list) {
        const range = a.resolved && rangeOfText(map, a.resolved.start, a.resolved.end);
        if (range) ranges.set(a.uid, range);
      }
      rangesRef.current = ranges;
      const highlights = registry();
      if (highlights) {
        for (const color of annotationColors) {
          highlights.set(highlightName(color), new Highlight(...list.filter((a) => a.color === color && ranges.has(a.uid)).map((a) => ranges.get(a.uid)!)));
        }
      }
      setPainted((n) => n + 1);
    };
    paint();
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(paint);
    });
    observer.observe(body, { childList: true, subtree: true, characterData: true });
    freshen.current = () => {
      if (observer.takeRecords().length > 0 || frame) paint();
    };
    return () => {
      freshen.current = null;
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      const highlights = registry();
      for (const color of annotationColors) highlights?.delete(highlightName(color));
    };
  }, [bodyRef, item.text, list]);

  useEffect(() => {
    const highlights = registry();
    const range = active ? rangesRef.current.get(active) : undefined;
    if (range) highlights?.set(activeName, new Highlight(range));
    else highlights?.delete(activeName);
    return () => void highlights?.delete(activeName);
  }, [active, painted]);

  const scrollTo = useCallback((uid: string): boolean => {
    setActive(uid);
    const range = rangesRef.current.get(uid);
    const scroller = bodyRef.current?.closest('.reader-scroll');
    if (!range || !scroller) return false;
    const box = range.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    scroller.scrollTop += box.top - view.top - view.height / 3;
    return true;
  }, [bodyRef]);

  // A search hit in an annotation (or a link to it) opens the item scrolled to it, once it is painted;
  // each request once, so a second click on the same link scrolls again.
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (!request || done.current === request.seq) return;
    if (scrollTo(request.uid)) done.current = request.seq;
  }, [request, painted, scrollTo]);

  const textMap = useCallback(() => {
    freshen.current?.();
    return mapRef.current;
  }, []);
  return { list, active, setActive, scrollTo, textMap };
}

const noAnnotations: AnnotationInfo[] = [];
