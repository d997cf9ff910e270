// Where a search's hits are on a rendered PDF page. The page's pdf.js text items are joined into
// one text (so phrases across items still match), the core's analyzer finds the hits in it
// (ArchiveApi.highlight, as in the reader), and each hit becomes boxes over the items it covers.
import type { Span } from '../../../../electron/shared/dto.js';

/** What the page view needs of a pdf.js text item. */
export interface PdfTextItem {
  str: string;
  /** The item's text matrix [a, b, c, d, e, f] in PDF user space. */
  transform: number[];
  /** Advance width in PDF user units. */
  width: number;
  dir: string;
  hasEOL: boolean;
}

/** The page's text, and where each item's text is in it. */
export interface PageText {
  text: string;
  /** [start, end) of item i in `text`; null for items left out (marked content, blanks). */
  ranges: Array<[number, number] | null>;
}

/** A hit box in CSS pixels of the rendered page; `angle` in radians around its top-left corner. */
export interface HitBox {
  left: number;
  top: number;
  width: number;
  height: number;
  angle: number;
}

const fontSize = (t: number[]): number => Math.hypot(t[2] ?? 0, t[3] ?? 0) || 1;

/**
 * Joins the items' text (NFKC, as the import normalises PDF text) with a space where two items of
 * a line have a visible gap between them, and a line break where a line ends.
 */
export function pageText(items: readonly PdfTextItem[]): PageText {
  let text = '';
  const ranges: PageText['ranges'] = [];
  let previous: PdfTextItem | null = null;
  for (const item of items) {
    const str = item.str.normalize('NFKC');
    if (str.trim() === '') {
      ranges.push(null);
      if (str !== '' && !/\s$/u.test(text)) text += ' ';
      if (item.hasEOL && text !== '' && !text.endsWith('\n')) text = text.trimEnd() + '\n';
      continue;
    }
    if (previous && text !== '' && !/\s$/u.test(text)) {
      const size = fontSize(item.transform);
      const sameLine = Math.abs((item.transform[5] ?? 0) - (previous.transform[5] ?? 0)) < 0.5 * size;
      const gap = (item.transform[4] ?? 0) - ((previous.transform[4] ?? 0) + previous.width);
      if (!sameLine) text += '\n';
      else if (previous.dir === 'rtl' || item.dir === 'rtl' || Math.abs(gap) > 0.1 * size) text += ' ';
    }
    ranges.push([text.length, text.length + str.length]);
    text += str;
    if (item.hasEOL) text += '\n';
    previous = item;
  }
  return { text, ranges };
}

/**
 * Boxes over the parts of the items that `spans` (offsets into pageText's text) cover, given the
 * viewport's transform and scale. Within an item, characters are taken as equally wide; a
 * right-to-left item is measured from its right end.
 */
export function hitBoxes(
  items: readonly PdfTextItem[],
  page: PageText,
  spans: readonly Span[],
  viewport: { transform: number[]; scale: number },
  multiply: (a: number[], b: number[]) => number[],
): HitBox[] {
  const boxes: HitBox[] = [];
  for (const [start, end] of spans) {
    page.ranges.forEach((range, i) => {
      if (!range || range[1] <= start || range[0] >= end) return;
      const item = items[i]!;
      const length = range[1] - range[0];
      let from = (Math.max(start, range[0]) - range[0]) / length;
      let to = (Math.min(end, range[1]) - range[0]) / length;
      if (item.dir === 'rtl') [from, to] = [1 - to, 1 - from];
      const t = multiply(viewport.transform, item.transform);
      const angle = Math.atan2(t[1] ?? 0, t[0] ?? 1);
      const height = fontSize(t);
      const width = Math.abs(item.width) * viewport.scale;
      // From the baseline origin along the baseline, then up by the ascent (about 0.85 em).
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      const along = from * width;
      const ascent = 0.85 * height;
      boxes.push({
        left: (t[4] ?? 0) + along * cos + ascent * sin,
        top: (t[5] ?? 0) + along * sin - ascent * cos,
        width: Math.max(1, (to - from) * width),
        height: height * 1.1,
        angle,
      });
    });
  }
  return boxes;
}
