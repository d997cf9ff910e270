// Where the reader puts its "p. 7" markers, and where the page view boxes a hit: pure functions
// fed real numbers (pdf.js text items as it gives them, a viewport transform as it builds it).
import { describe, expect, it } from 'vitest';
import { pageMarkerPlaces } from '../../renderer/src/components/reader/page-markers.js';
import { hitBoxes, pageText, type PdfTextItem } from '../../renderer/src/lib/pdf/page-hits.js';

describe('pageMarkerPlaces', () => {
  it('puts each page before the paragraph it starts with', () => {
    // "p1a\np1b\n\np2\n\np3" split one paragraph a line: starts 0, 4, 9, 13.
    expect(pageMarkerPlaces([0, 4, 9, 13], [0, 9, 13])).toEqual({ before: [[1], [], [2], [3]], after: [] });
  });

  it('stacks empty pages before the next text, and after the last paragraph', () => {
    expect(pageMarkerPlaces([0, 7], [0, 3, 5, 7, 9, 11])).toEqual({ before: [[1], [2, 3, 4]], after: [5, 6] });
  });

  it('marks a page that starts inside a reflowed paragraph before the next one', () => {
    expect(pageMarkerPlaces([0, 50], [0, 20])).toEqual({ before: [[1], [2]], after: [] });
  });

  it('puts every page of a PDF without text after nothing', () => {
    expect(pageMarkerPlaces([], [0, 0, 0])).toEqual({ before: [], after: [1, 2, 3] });
  });
});

const item = (str: string, x: number, y: number, width: number, extra: Partial<PdfTextItem> = {}): PdfTextItem => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width,
  dir: 'ltr',
  hasEOL: false,
  ...extra,
});
// A 600×800 pt page at scale 1.5: y flips (pdf.js's viewport transform).
const viewport = { scale: 1.5, transform: [1.5, 0, 0, -1.5, 0, 1200] };
const multiply = (m: number[], n: number[]): number[] => [
  m[0]! * n[0]! + m[2]! * n[1]!,
  m[1]! * n[0]! + m[3]! * n[1]!,
  m[0]! * n[2]! + m[2]! * n[3]!,
  m[1]! * n[2]! + m[3]! * n[3]!,
  m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
  m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
];

describe('pageText', () => {
  it('joins items of a line by their gaps and lines by a break, NFKC as the import does', () => {
    const items = [item('Trace ', 100, 700, 30), item('trees', 130, 700, 25, { hasEOL: true }), item('spe', 100, 688, 15), item('ciﬁc', 115, 688, 20)];
    const { text, ranges } = pageText(items);
    expect(text).toBe('Trace trees\nspecific');
    expect(ranges).toEqual([[0, 6], [6, 11], [12, 15], [15, 20]]);
  });

  it('leaves out blank items, keeping them as a space', () => {
    const { text, ranges } = pageText([item('a', 0, 0, 5), item(' ', 5, 0, 3), item('b', 8, 0, 5)]);
    expect(text).toBe('a b');
    expect(ranges).toEqual([[0, 1], null, [2, 3]]);
  });
});

describe('hitBoxes', () => {
  it('boxes the part of an item a hit covers, in page pixels', () => {
    const items = [item('Trace trees here', 100, 700, 80)];
    const text = pageText(items);
    const [box] = hitBoxes(items, text, [[6, 11]], viewport, multiply);
    // Characters taken as equally wide: 6/16 to 11/16 of 80 pt, at 1.5 px/pt, from x = 150 px.
    expect(box!.left).toBeCloseTo(150 + 1.5 * 80 * (6 / 16));
    expect(box!.width).toBeCloseTo(1.5 * 80 * (5 / 16));
    // Baseline at 1200 − 1.5·700 = 150 px; the box rises by the ascent of a 15 px font.
    expect(box!.top).toBeCloseTo(150 - 0.85 * 15);
    expect(box!.height).toBeCloseTo(15 * 1.1);
    expect(box!.angle).toBe(0);
  });

  it('measures a right-to-left item from its right end, and splits a hit across items', () => {
    const items = [item('خلال ساعة', 300, 700, 90, { dir: 'rtl' })];
    const [box] = hitBoxes(items, pageText(items), [[0, 4]], viewport, multiply);
    // The first four letters are at the right end of the item.
    expect(box!.left + box!.width).toBeCloseTo(1.5 * (300 + 90));
    const two = [item('Trace', 0, 700, 25), item('trees', 30, 700, 25)];
    expect(hitBoxes(two, pageText(two), [[0, 11]], viewport, multiply)).toHaveLength(2);
  });
});
