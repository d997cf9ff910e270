// Repairs of pdf.js text items whose glyphs a PDF maps badly. Pure functions, used by pdf.ts.
//
// Control characters. Some writers give a glyph without a Unicode value its glyph id instead
// (a ToUnicode entry <0003> for the space glyph); pdf.js then hands over U+0003, and deleting it
// glues words (perceivedenjoyment) or empties numbers. Glyph ids below 32 are, in TrueType fonts
// that keep the standard Macintosh glyph order (Arial, Times New Roman, DejaVu …), the ASCII
// characters from the space on: id = code − 29 (3 space, 10 quotesingle, 15 comma, 16 hyphen,
// 17 period, 19–28 the digits). So U+0003–U+001F are read that way; tab, line feed and carriage
// return (9, 10, 13: "&", "'", "*" by that order, but also text-layout codes) are read as a space,
// and U+0000–U+0002 (.notdef, .null, CR glyphs) are dropped. The parser warns when it did this.
//
// Fake bold. A writer without a bold face draws each glyph twice, a fraction of a point apart:
// glyph, step back, the same glyph, the next one … pdf.js starts a new item at each step back,
// so the line reads "S" "Se" "et" "tt" … (SSeettttiinngg). The copy is the first character of an
// item that starts back over the previous item's last glyph.

const MAC_ORDER_CONTROLS = /[\u0003-\u0008\u000B\u000C\u000E-\u001F]/gu;
const LAYOUT_CONTROLS = /[\t\n\r]/gu;

/** True when `text` has control characters that readGlyphIdControls would turn into text. */
export function hasGlyphIdControls(text: string): boolean {
  return /[\u0003-\u001F]/u.test(text);
}

/** Reads U+0003–U+001F as the ASCII characters of the standard glyph order (see above). */
export function readGlyphIdControls(text: string): string {
  return text
    .replace(LAYOUT_CONTROLS, ' ')
    .replace(MAC_ORDER_CONTROLS, (ch) => String.fromCharCode(ch.charCodeAt(0) + 29));
}

/** How many characters of `text` advance: combining marks (a shadda) take no room. */
export function advancing(text: string): number {
  return Math.max(1, text.replace(/\p{M}/gu, '').length);
}

/** An item's text and extent along the baseline, in drawing (stream) order. */
export interface DrawnRun {
  str: string;
  u0: number;
  u1: number;
}

/**
 * The text of `item` without the glyph it redraws: its first character when it starts back over
 * the last glyph of `prev`, by more than half and less than one and a half of prev's mean
 * character width, and repeats that glyph (for right-to-left text, which pdf.js gives reversed,
 * the ends are swapped). A mark drawn twice (ّّ) is kept once by pdf.ts's line normalisation. Real double letters (Setting, مدّ) move forward and are kept.
 */
export function withoutRedrawnGlyph(prev: DrawnRun, item: DrawnRun, rtl: boolean): string {
  const prevChars = [...prev.str];
  const chars = [...item.str];
  if (prevChars.length === 0 || chars.length === 0) return item.str;
  const charWidth = (prev.u1 - prev.u0) / advancing(prev.str);
  const overlap = prev.u1 - item.u0;
  if (!(charWidth > 0 && overlap > 0.5 * charWidth && overlap < 1.5 * charWidth)) return item.str;
  if (rtl) return prevChars[0] === chars.at(-1) ? chars.slice(0, -1).join('') : item.str;
  return prevChars.at(-1) === chars[0] ? chars.slice(1).join('') : item.str;
}
