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

// Runs of letters, combining marks, digits and ZWJ/ZWNJ: one word each.
const wordPattern = /[\p{L}\p{M}\p{Nd}\u200C\u200D]+/gu;
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
  for (const { exact, stem } of formsOf(raw)) visit(exact, stem, start, start + raw.length);
}

/** The analyzer itself: splits text into words and hands each analysed word to `visit`, in order. */
export function forEachWord(text: string, visit: FormVisitor): void {
  for (const match of text.matchAll(wordPattern)) {
    const raw = match[0];
    const start = match.index;
    if (!unspacedScript.test(raw)) {
      visitWord(raw, start, visit);
      continue;
    }
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    for (const seg of segmenter.segment(raw)) {
      if (seg.isWordLike) visitWord(seg.segment, start + seg.index, visit);
    }
  }
}

/** Splits text into words and analyses each: normalised form, stem, and offsets into `text`. */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (exact, stem, start, end) => tokens.push({ exact, stem, start, end }));
  return tokens;
}
