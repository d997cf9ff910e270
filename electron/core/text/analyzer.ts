// The one analyzer (DESIGN §3): indexing, querying and highlighting all call `analyze`.
import { stem as porter2 } from 'porter2';
import { isArabicToken, normalizeArabic, stemArabic } from './arabic.js';
import { foldDigits } from './digits.js';

export interface Token {
  /** Normalised, unstemmed form (the `exact` index columns, `=word` queries). */
  exact: string;
  /** Light10 (Arabic) or Porter2 (English) stem (the `stem` columns). */
  stem: string;
  /** Offsets of the word in the original text, UTF-16 code units. */
  start: number;
  end: number;
}

// Runs of letters, combining marks, digits and ZWJ/ZWNJ: one word each. The quantifier is
// bounded because V8's regexp engine keeps one backtrack entry per repetition: an unbounded `+`
// overflows the stack on a run of ~4 million two-byte letters. Longer runs are found in pieces
// and joined (`runEnd`).
const wordPattern = /[\p{L}\p{M}\p{Nd}\u200C\u200D]{1,4096}/gu;
const wordContinues = /[\p{L}\p{M}\p{Nd}\u200C\u200D]{1,4096}/uy;
/**
 * Longest word analysed, in UTF-16 code units (Lucene's and Elasticsearch's default token length
 * is 255). A longer run of letters (an 8 MB "word" in a hostile file) is one token holding its
 * first 255 code units, with offsets over the whole run, so normalising, stemming, the index and
 * highlighting only ever see short words, and a query for the long word (cut the same way) finds it.
 */
export const maxWordLength = 255;
// Scripts written without spaces between words: these runs go through Intl.Segmenter.
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const latinWithMarks = /^[\p{Script=Latin}\p{M}\d]+$/u;
const asciiWord = /^[a-z]+$/;
const nonWordChar = /[^\p{L}\p{M}\p{Nd}]+/u;

let segmenter: Intl.Segmenter | null = null;

/** The normalised (exact) forms of one raw word; usually one, several when NFKC expands a ligature into words. */
function normalizeWord(raw: string): string[] {
  let word = foldDigits(raw.normalize('NFKC').toLowerCase());
  if (isArabicToken(word)) word = normalizeArabic(word);
  else if (latinWithMarks.test(word)) word = word.normalize('NFD').replace(/\p{M}/gu, '');
  else word = word.replace(/[\u200C\u200D]/g, '');
  if (!nonWordChar.test(word)) return word ? [word] : [];
  return word.split(nonWordChar).filter(Boolean);
}

/** Stem of a normalised word: Light10 for Arabic script, Porter2 for plain English words, else itself. */
export function stemWord(exact: string): string {
  if (isArabicToken(exact)) return stemArabic(exact);
  if (asciiWord.test(exact)) return porter2(exact);
  return exact;
}

// Word → forms memo: news vocabulary is Zipfian, so most words are seen many times.
const memo = new Map<string, Array<{ exact: string; stem: string }>>();
const memoLimit = 200_000;

function formsOf(raw: string): Array<{ exact: string; stem: string }> {
  let forms = memo.get(raw);
  if (forms === undefined) {
    forms = normalizeWord(raw).map((exact) => ({ exact, stem: stemWord(exact) }));
    if (memo.size >= memoLimit) memo.clear();
    memo.set(raw, forms);
  }
  return forms;
}

/** Receives each analysed word: its forms and its offsets in the original text. */
export type FormVisitor = (exact: string, stem: string, start: number, end: number) => void;

function visitWord(raw: string, start: number, visit: FormVisitor): void {
  const end = start + raw.length;
  if (raw.length > maxWordLength) {
    // Never cut a surrogate pair in two.
    const cut = /[\uD800-\uDBFF]/.test(raw[maxWordLength - 1]!) ? maxWordLength - 1 : maxWordLength;
    raw = raw.slice(0, cut);
  }
  for (const { exact, stem } of formsOf(raw)) visit(exact, stem, start, end);
}

/** Where the run of word characters that `piece` starts ends (a piece is at most 4,096 characters). */
function runEnd(text: string, start: number, piece: string): number {
  let end = start + piece.length;
  if (piece.length < 4096) return end;
  const more = new RegExp(wordContinues);
  more.lastIndex = end;
  while (more.test(text)) end = more.lastIndex;
  return end;
}

/** The analyzer itself: splits text into words and hands each analysed word to `visit`, in order. */
export function forEachWord(text: string, visit: FormVisitor): void {
  const words = new RegExp(wordPattern); // a copy: its lastIndex is this call's own
  for (let match = words.exec(text); match !== null; match = words.exec(text)) {
    const start = match.index;
    const end = runEnd(text, start, match[0]);
    words.lastIndex = end;
    const raw = end === start + match[0].length ? match[0] : text.slice(start, end);
    if (!unspacedScript.test(raw)) {
      visitWord(raw, start, visit);
      continue;
    }
    segmentRun(raw, start, visit);
  }
}

// ICU's dictionary word breaking takes quadratic time on one long run (10,000 Han characters:
// 54 ms; 100,000: 32 s), so a run is segmented in pieces of this many characters.
const segmentPiece = 1_000;

/** Splits a run of a script written without spaces into words (Intl.Segmenter), piece by piece. */
function segmentRun(raw: string, start: number, visit: FormVisitor): void {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (let from = 0; from < raw.length; ) {
    const to = Math.min(raw.length, from + segmentPiece);
    const segments = [...segmenter.segment(raw.slice(from, to))];
    // The last word of a piece may go on in the next: it is segmented again with what follows.
    if (to < raw.length && segments.length > 1) segments.pop();
    for (const seg of segments) {
      if (seg.isWordLike) visitWord(seg.segment, start + from + seg.index, visit);
    }
    const last = segments.at(-1)!;
    from += last.index + last.segment.length;
  }
}

/** Splits text into words and analyses each: normalised form, stem, and offsets into `text`. */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (exact, stem, start, end) => tokens.push({ exact, stem, start, end }));
  return tokens;
}
