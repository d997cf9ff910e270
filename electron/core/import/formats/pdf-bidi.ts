// Brackets on right-to-left lines of a PDF text layer. A writer draws a right-to-left line in
// visual order, and many map each bracket glyph to the character of its shape: the "(" seen at
// the left end of "(إدلب)" is the logical ")". Once the line is put back in logical order the
// pair reads ")إدلب(". Other writers map the glyph to the logical character, and the pair is
// right already; so a pair is mirrored only when it comes out closing-before-opening.

// Unicode Bidi_Mirrored pairs found in running text (BidiMirroring.txt).
const MIRROR: Record<string, string> = {
  '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<',
  '«': '»', '»': '«', '‹': '›', '›': '‹', '﴾': '﴿', '﴿': '﴾',
};
const OPENING = new Set(['(', '[', '{', '<', '«', '‹', '﴾']);
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Mirrors bracket pairs that read closing-before-opening (")إدلب(" → "(إدلب)", "»نص«" → "«نص»",
 * "]1[" → "[1]") on a line with right-to-left text. A pair around or next to Latin letters is
 * left alone: it belongs to a left-to-right run, whose order is not the mirror image.
 */
export function mirrorReversedBrackets(line: string): string {
  if (!RTL_CHAR.test(line)) return line;
  const chars = [...line];
  // latinBefore[i]: Latin letters among chars[0..i-1], so "Latin inside a pair?" costs O(1).
  const latinBefore = [0];
  for (const ch of chars) latinBefore.push(latinBefore.at(-1)! + (LATIN_LETTER.test(ch) ? 1 : 0));
  // Brackets not yet paired: an opening one waits for its closing, a closing one (read first)
  // for the opening that ends it in mirror image.
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const mirror = MIRROR[ch];
    if (mirror === undefined) continue;
    const top = open.length > 0 ? open[open.length - 1]! : -1;
    if (top >= 0 && chars[top] === mirror) {
      open.pop();
      // A pair read closing-before-opening, with no Latin inside: drawn mirrored.
      const latin = latinBefore[i]! > latinBefore[top + 1]! || LATIN_LETTER.test(chars[top - 1] ?? '') || LATIN_LETTER.test(chars[i + 1] ?? '');
      if (OPENING.has(ch) && !latin) {
        chars[top] = ch;
        chars[i] = mirror;
      }
      continue;
    }
    open.push(i);
  }
  return chars.join('');
}
