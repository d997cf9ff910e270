// Cutting a string into plain and highlighted runs from [start, end) spans.
import type { Span } from '../../../electron/shared/dto.js';

export interface Segment {
  text: string;
  hit: boolean;
  /** Offset of this segment in the original string. */
  start: number;
}

/** Sorts, clamps and merges overlapping spans. */
export function normaliseSpans(spans: readonly Span[], length: number): Span[] {
  const sorted = spans
    .map(([s, e]): Span => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Splits `text` into segments, the spans marked as hits. */
export function splitBySpans(text: string, spans: readonly Span[], offset = 0): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const [s, e] of normaliseSpans(spans, text.length)) {
    if (s > at) segments.push({ text: text.slice(at, s), hit: false, start: offset + at });
    segments.push({ text: text.slice(s, e), hit: true, start: offset + s });
    at = e;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false, start: offset + at });
  return segments;
}

/** The spans that fall inside [from, to), shifted to start at `from`. */
export function spansWithin(spans: readonly Span[], from: number, to: number): Span[] {
  return spans
    .filter(([s, e]) => e > from && s < to)
    .map(([s, e]): Span => [Math.max(s, from) - from, Math.min(e, to) - from]);
}
