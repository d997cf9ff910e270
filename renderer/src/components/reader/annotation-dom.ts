// Where the item's text is in the rendered article: the reader shows reflowed paragraphs or the
// stored HTML, whose text differs from the item's text in white space (and page markers). This
// maps between offsets of the item's text (what annotations anchor to) and DOM positions, both
// ways, through one alignment (shared/annotation-anchor.ts alignTexts).
import { alignTexts } from '../../../../electron/shared/annotation-anchor.js';

export interface TextMap {
  nodes: Text[];
  /** Where each node's text starts in `shown` (the nodes' text run together). */
  starts: number[];
  shown: string;
  /** shown offset → offset in the item's text. */
  toStored: Int32Array;
}

/** Text nodes of the article, in order, without the page markers ("p. 7") and other UI inside it. */
function articleTextNodes(body: HTMLElement): Text[] {
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('.page-marker, [data-not-text], script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** The map of the article rendered in `body` onto `stored`, the item's text. */
export function buildTextMap(body: HTMLElement, stored: string): TextMap {
  const nodes = articleTextNodes(body);
  const starts: number[] = [];
  let shown = '';
  for (const node of nodes) {
    starts.push(shown.length);
    shown += node.data;
  }
  return { nodes, starts, shown, toStored: alignTexts(shown, stored) };
}

/** First index i of a non-decreasing array with a[i] >= value (a.length when none). */
function lowerBound(a: ArrayLike<number>, value: number, length = a.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The DOM position of shown offset `i`. */
function domPoint(map: TextMap, i: number): { node: Text; offset: number } | null {
  if (map.nodes.length === 0) return null;
  const k = Math.max(0, lowerBound(map.starts, i + 1) - 1);
  const node = map.nodes[k]!;
  return { node, offset: Math.min(node.data.length, i - map.starts[k]!) };
}

/** A DOM range over [start, end) of the item's text, or null when it is not shown. */
export function rangeOfText(map: TextMap, start: number, end: number): Range | null {
  const length = map.shown.length;
  let from = lowerBound(map.toStored, start, length);
  let to = lowerBound(map.toStored, end, length);
  while (from < to && /\s/u.test(map.shown[from]!)) from++;
  while (to > from && /\s/u.test(map.shown[to - 1]!)) to--;
  if (to <= from) return null;
  const a = domPoint(map, from);
  const b = domPoint(map, to - 1);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset + 1);
  return range;
}

/** The shown offset of a DOM boundary point. */
function shownOffset(map: TextMap, container: Node, offset: number): number {
  if (container.nodeType === Node.TEXT_NODE) {
    const k = map.nodes.indexOf(container as Text);
    if (k >= 0) return map.starts[k]! + offset;
  }
  const point = document.createRange();
  point.setStart(container, offset);
  const k = map.nodes.findIndex((node) => point.comparePoint(node, 0) >= 0);
  return k < 0 ? map.shown.length : map.starts[k]!;
}

/** [start, end) in the item's text of a DOM range (a selection), white space at its edges left out; null if empty. */
export function textOfRange(map: TextMap, range: Range): { start: number; end: number } | null {
  let from = shownOffset(map, range.startContainer, range.startOffset);
  let to = shownOffset(map, range.endContainer, range.endOffset);
  while (from < to && /\s/u.test(map.shown[from]!)) from++;
  while (to > from && /\s/u.test(map.shown[to - 1]!)) to--;
  if (to <= from) return null;
  return { start: map.toStored[from]!, end: map.toStored[to - 1]! + 1 };
}

/** The item-text offset under a point of the window (a click), or null. */
export function textOffsetAt(map: TextMap, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint?.(x, y);
  if (!caret) return null;
  return map.toStored[Math.min(shownOffset(map, caret.offsetNode, caret.offset), map.shown.length)] ?? null;
}
