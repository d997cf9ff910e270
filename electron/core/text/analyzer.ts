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

// A word character: letters, combining marks, digits and ZWJ/ZWNJ. A longest run of them is one word.
const wordChar = /^[\p{L}\p{M}\p{Nd}\u200C\u200D]$/u;
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

type Forms = Array<{ exact: string; stem: string }>;

// Word → forms memo: news vocabulary is Zipfian, so most words are seen many times.
const memo = new Map<string, Forms>();
const memoLimit = 200_000;

function formsOf(raw: string): Forms {
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

// What the scanner knows of each BMP code unit, learnt from wordChar and unspacedScript on first sight
// (so the patterns stay the definition): known, a word character, of an unspaced script.
const knownBit = 4;
const wordBit = 1;
const unspacedBit = 2;
let bmpClasses: Uint8Array | null = null;

/** The class bits of one character (a BMP code unit or a surrogate pair's string). */
function classify(char: string): number {
  if (!wordChar.test(char)) return knownBit;
  return unspacedScript.test(char) ? knownBit | wordBit | unspacedBit : knownBit | wordBit;
}

/**
 * The analyzer itself: splits text into words and hands each analysed word to `visit`, in order.
 * A word is a longest run of letters, combining marks, digits and ZWJ/ZWNJ (`wordChar`; a lone
 * surrogate is none of them); a run holding a character of an unspaced script is segmented.
 * Scanned by char code with the classes cached: a regexp match per word cost a sixth of analysis.
 */
export function forEachWord(text: string, visit: FormVisitor): void {
  const classes = (bmpClasses ??= new Uint8Array(0x10000));
  const n = text.length;
  let runStart = -1;
  let runFlags = 0;
  let hash = 0;
  for (let i = 0; i <= n; ) {
    let flags = 0;
    let width = 1;
    let c = 0;
    if (i < n) {
      c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdfff) {
        flags = classes[c]!;
        if (flags === 0) flags = classes[c] = classify(text[i]!);
      } else if (c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          width = 2;
          flags = classify(text.slice(i, i + 2));
          c = c * 31 + d;
        }
      }
    }
    if (flags & wordBit) {
      if (runStart < 0) {
        runStart = i;
        runFlags = 0;
        hash = 0;
      }
      runFlags |= flags;
      hash = (Math.imul(hash, 31) + c) | 0;
    } else if (runStart >= 0) {
      if (runFlags & unspacedBit) segmentRun(text.slice(runStart, i), runStart, visit);
      else if (i - runStart > maxWordLength) visitWord(text.slice(runStart, i), runStart, visit);
      else visitHot(text, runStart, i, hash, visit);
      runStart = -1;
    }
    i += width;
  }
}

// The most frequent words' forms, found without cutting the word out of the text nor hashing it
// again: a direct-mapped cache indexed by the hash the scanner computes (the memo's Map lookup
// was a third of analysis). Each slot holds three entries side by side, so a hit reads one line:
// the word, then its exact form and stem, or (a word with other than one form) its forms and null.
const hotSize = 1 << 16;
const hot: Array<string | Forms | null | undefined> = new Array<string | Forms | null | undefined>(hotSize * 3).fill(undefined);

/** Visits the forms of the word text[start, end) (at most maxWordLength long), `hash` its scanner hash. */
function visitHot(text: string, start: number, end: number, hash: number, visit: FormVisitor): void {
  const at = ((hash ^ (hash >>> 16)) & (hotSize - 1)) * 3;
  const key = hot[at] as string | undefined;
  let hit = false;
  if (key !== undefined && key.length === end - start) {
    let k = 0;
    while (k < key.length && key.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    hit = k === key.length;
  }
  if (!hit) {
    const raw = text.slice(start, end);
    const forms = formsOf(raw);
    hot[at] = raw;
    if (forms.length === 1) {
      hot[at + 1] = forms[0]!.exact;
      hot[at + 2] = forms[0]!.stem;
    } else {
      hot[at + 1] = forms;
      hot[at + 2] = null;
    }
  }
  const stem = hot[at + 2] as string | null;
  if (stem !== null) visit(hot[at + 1] as string, stem, start, end);
  else for (const form of hot[at + 1] as Forms) visit(form.exact, form.stem, start, end);
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
