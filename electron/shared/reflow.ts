// Hard-wrapped text (wire copy, e-mail, PDF lines) read as paragraphs: which line breaks are soft
// wraps. Only a text whose lines mostly run to a similar width counts as hard-wrapped; in it a line
// break is a wrap unless a blank line, indentation, a list marker, a table row or a short last line
// ends the paragraph. A wrap stands for one character of the same length, so the stored text, its
// search offsets and page starts stay valid: the reader and the search snippets use the same rule.

/** The shape of a hard-wrapped text: the width its lines wrap at and the indentation of its body. */
export interface WrapProfile {
  /** Characters a full line holds (a high percentile of the line lengths). */
  width: number;
  /** The indentation of the least indented body line; a line indented further starts a paragraph. */
  margin: number;
}

/** A line break that wraps a paragraph: `hyphen` when it splits a hyphenated word (English-\nlanguage). */
export interface SoftBreak {
  at: number;
  hyphen: boolean;
}

// What the profile reads: the first lines are enough, and a snippet must not scan a whole book.
const sampleLines = 2_000;
// Narrower than this is a list, verse or a table, not prose wrapped to a margin; wider is not a
// fixed-width layout (wire copy and mail wrap at 60-80 columns, a PDF column at 40-130 characters).
const minWidth = 40;
const maxWidth = 150;
// Lines this many times the width, holding words, are paragraphs of a text with one paragraph a line.
const paragraphLineRatio = 2.5;
// At least this share of the lines followed by another must be full and end mid-sentence: wrapped
// prose breaks most lines mid-sentence, text with one paragraph a line almost never does.
const minWrappedShare = 0.4;
// A line this close to the width is "full" (greedy wrapping leaves at most a long word's room).
const fullRatio = 0.75;
// Lines that end mid-sentence are wraps unless shorter than this share of the width (headings,
// verse, addresses): proportional PDF text and justified lines vary in characters per line.
const shortRatio = 0.8;
// A line shorter than this share of the width, not ending a sentence, after one that does: a heading.
const headingRatio = 0.6;
// A line this much wider than the width is two lines joined (see wrapKind).
const overlongRatio = 1.15;
// Verse and lists start (nearly) every line with a capital; prose only a sentence or a name.
const maxCapitalShare = 0.9;
const minCasedLines = 8;
// Rhymed verse ends a line with the letter that ended the line two above (one rhyme, or two in
// turn) far more often than prose, where about one line in eight does by chance.
const minRhymeShare = 0.6;
const minRhymeLines = 8;

const blankLine = /^[ \t\r\f\v\u00A0]*$/u;
// A paragraph ends with a sentence: . ! ? : … (Arabic ؟ and ۔ too), maybe inside quotes or brackets.
const sentenceEnd = /[.!?:…؟۔](?:["'”’»)\]]*)$/u;
// *, •, 1. 1) 1 - (1) a) أ) ١- at the start of a line, before a space.
const listMarker = /^[ \t]*(?:[*+•·▪◦‣]|[0-9٠-٩۰-۹]{1,3} ?[.)\-–]|\([0-9٠-٩۰-۹]{1,3}\)|\(?[a-z\u0621-\u064A][.)]|\([a-zA-Z\u0621-\u064A]\))[ \t]/u;
// A dash starts a list item only after a sentence, a colon or another item: Arabic and English
// prose set dashes between words, and wrapping puts one at the start of a line.
const dashMarker = /^[ \t]*[-–—][ \t]/u;
// Table rows: | cells, tab stops, or columns lined up with runs of spaces.
const tableRow = /^[ \t]*\||\S(?:\t| {3,})\S/u;
// Quoted e-mail: a line starting with > is a line of the quote, never joined to another.
const quoted = /^[ \t]*>/u;
// Direction marks and embeddings (1\u202A.\u202C) say nothing about the words; lines are read without them.
const bidiControls = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const hyphenEnd = /\p{L}-$/u;
const letterStart = /^\p{L}/u;

interface Line {
  start: number;
  /** End of the line's text, trailing white space excluded. */
  end: number;
  /** Offset of the '\n' after the line, or the text's length. */
  next: number;
  indent: number;
}

function lineAt(text: string, start: number): Line {
  let next = text.indexOf('\n', start);
  if (next < 0) next = text.length;
  let end = next;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  let indent = 0;
  for (let i = start; i < end && (text[i] === ' ' || text[i] === '\t'); i++) indent += text[i] === '\t' ? 4 : 1;
  return { start, end, next, indent };
}

function isBlank(text: string, line: Line): boolean {
  return line.end === line.start || blankLine.test(text.slice(line.start, line.end));
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Whether the lines' last letters rhyme like verse; `finals` has null for a line ending otherwise. */
function rhymes(finals: (string | null)[]): boolean {
  let pairs = 0;
  let same = 0;
  for (let i = 0; i + 2 < finals.length; i++) {
    if (finals[i] === null || finals[i + 2] === null) continue;
    pairs++;
    if (finals[i] === finals[i + 2]) same++;
  }
  return pairs >= minRhymeLines && same >= minRhymeShare * pairs;
}

/** A non-blank line as the rule reads it: bidi controls removed, at most 2,000 characters. */
interface Read extends Line {
  content: string;
}

function readLine(text: string, line: Line): Read {
  return { ...line, content: text.slice(line.start, Math.min(line.end, line.start + 2_000)).replace(bidiControls, '') };
}

/** Whether `b` opens a paragraph by its form alone: indented, a list item, a table row, a quote. */
function opensParagraph(a: Read, b: Read, margin: number): boolean {
  if (b.indent > margin || tableRow.test(a.content) || tableRow.test(b.content) || quoted.test(a.content) || quoted.test(b.content) || listMarker.test(b.content)) return true;
  return dashMarker.test(b.content) && (sentenceEnd.test(a.content) || dashMarker.test(a.content) || listMarker.test(a.content));
}

/**
 * The text's wrap width and margin when it is hard-wrapped, else null (one paragraph a line, verse,
 * lists, tables). Read from its first 2,000 lines.
 */
export function wrapProfile(text: string): WrapProfile | null {
  // Runs of non-blank lines, table rows aside.
  const lines: (Read | null)[] = [];
  for (let start = 0; start <= text.length && lines.length < sampleLines; ) {
    const line = lineAt(text, start);
    start = line.next + 1;
    const read = isBlank(text, line) ? null : readLine(text, line);
    lines.push(read && read.content.trim() !== '' && !tableRow.test(read.content) ? read : null);
  }
  const body = lines.filter((l): l is Read => l !== null);
  if (body.length < 3) return null;
  const margin = Math.min(...body.map((l) => l.indent));
  // The breaks the rule could join: both lines prose, the second not opening a paragraph by its form.
  const lengths: number[] = [];
  const ends: boolean[] = [];
  let capitals = 0;
  let cased = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    if (!a || !b || opensParagraph(a, b, margin)) continue;
    lengths.push(a.end - a.start);
    ends.push(sentenceEnd.test(a.content));
    const first = b.content.trimStart().charAt(0);
    if (first.toLowerCase() !== first.toUpperCase()) {
      cased++;
      if (first !== first.toLowerCase()) capitals++;
    }
  }
  if (lengths.length < 2) return null;
  const sorted = [...lengths].sort((x, y) => x - y);
  // Lines far longer than most (a hyphenated word joined by the PDF reader, a URL) are no measure.
  const median = percentile(sorted, 0.5);
  const width = percentile(
    sorted.filter((l) => l <= 1.5 * median),
    0.95,
  );
  if (width < minWidth || width > maxWidth) return null;
  const wrapped = lengths.filter((l, i) => l >= fullRatio * width && !ends[i]).length;
  if (wrapped < 2 || wrapped < minWrappedShare * lengths.length) return null;
  const paragraphLines = body.filter((l) => l.end - l.start > paragraphLineRatio * width && l.content.split(' ').length > 5).length;
  if (paragraphLines >= 2 && paragraphLines >= 0.05 * body.length) return null;
  if (cased >= minCasedLines && capitals >= maxCapitalShare * cased) return null;
  if (rhymes(body.map((l) => l.content.at(-1) ?? '').map((c) => (/\p{L}/u.test(c) ? c.toLowerCase() : null)))) return null;
  return { width, margin };
}

/**
 * Whether the break between line `a` and the non-blank line `b` after it is a wrap, and of which
 * kind; `more` says whether a non-blank line follows `b`.
 */
function wrapKind(a: Read, b: Read, more: boolean, profile: WrapProfile): SoftBreak | null {
  if (opensParagraph(a, b, profile.margin)) return null;
  const ended = sentenceEnd.test(a.content);
  // A short line without a sentence end between a finished sentence (or a list item) and more
  // text is a heading.
  const item = listMarker.test(a.content) || dashMarker.test(a.content);
  if ((ended || item) && more && b.end - b.start < headingRatio * profile.width && !sentenceEnd.test(b.content)) return null;
  let length = a.end - a.start;
  // A line well over the width holds two: the PDF reader joins a hyphenated word's line to the next
  // one (spe-\ncial → special). Where it ends a sentence, its second line decides.
  if (ended && length > overlongRatio * profile.width) length -= profile.width;
  // Would the next word have fitted on this line? Then the writer ended the line, not the margin.
  const room = profile.width - length - 1 - (/\S+/u.exec(b.content)?.[0].length ?? 0);
  if (ended ? room >= 0 : room >= (1 - shortRatio) * profile.width) return null;
  return { at: a.next, hyphen: hyphenEnd.test(a.content) && letterStart.test(b.content.trimStart()) };
}

/**
 * The soft wraps among the line breaks in [from, to) of `text`, in order (none when the text is not
 * hard-wrapped). A blank line, a line indented past the margin, a list item, a table row or quoted
 * e-mail, and a line that ends short of the width all keep their break.
 */
export function softBreaks(text: string, profile: WrapProfile | null = wrapProfile(text), from = 0, to = text.length): SoftBreak[] {
  const out: SoftBreak[] = [];
  if (!profile) return out;
  // Start at the line holding `from`: its break may be the first one inside the range.
  let a = lineAt(text, text.lastIndexOf('\n', from - 1) + 1);
  while (a.next < Math.min(to, text.length)) {
    const b = lineAt(text, a.next + 1);
    if (a.next >= from && !isBlank(text, a) && !isBlank(text, b)) {
      const more = b.next < text.length && !isBlank(text, lineAt(text, b.next + 1));
      const wrap = wrapKind(readLine(text, a), readLine(text, b), more, profile);
      if (wrap) out.push(wrap);
    }
    a = b;
  }
  return out;
}

/**
 * `text` with its soft wraps joined, the same length: a wrap becomes a space, or a zero-width
 * space after a hyphenated word (English-language, never English- language). Real paragraph breaks
 * stay '\n'.
 */
export function reflowText(text: string): string {
  const breaks = softBreaks(text);
  if (breaks.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const b of breaks) {
    parts.push(text.slice(at, b.at), b.hyphen ? '\u200B' : ' ');
    at = b.at + 1;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
