// Anchoring annotations the W3C Web Annotation way (TextQuoteSelector + TextPositionSelector), shared
// by the core (CLI, storage, search) and the reader. An anchor is found again in the item's current
// text: at its old position when the quote is still there; else at the occurrence of the quote whose
// surrounding text matches best and lies nearest the old position; else it is orphaned (null).
// Hand-written, not a library: dom-anchor-text-quote works on DOM ranges only, and the context
// match needed here is a few lines of edit distance.

/** Characters of context kept before and after a quote. */
export const anchorContextLength = 32;

export interface TextAnchor {
  /** TextQuoteSelector: the passage as stored, and up to 32 characters around it. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector: [start, end) in the item's text, UTF-16 code units. */
  start: number;
  end: number;
}

/** Where an anchor sits in the current text, or null when it is orphaned. */
export type AnchorPlace = { start: number; end: number } | null;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The anchor of [start, end) in `text`: the quote, its context and its position. */
export function anchorAt(text: string, start: number, end: number): TextAnchor {
  let from = Math.max(0, start - anchorContextLength);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  let to = Math.min(text.length, end + anchorContextLength);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  return { exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to), start, end };
}

// What folding removes: Arabic harakat and other marks, tatweel, zero-width and bidi controls.
const dropped = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u061c\u2066-\u2069\ufeff]/u;
const letterFolds: Record<string, string> = { 'آ': 'ا', 'أ': 'ا', 'إ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ی': 'ي', 'ک': 'ك' };

export interface FoldedText {
  /** The folded text. */
  folded: string;
  /** For each folded character, where it starts in the original. */
  starts: Int32Array;
  /** For each folded character, where the original character it comes from ends. */
  ends: Int32Array;
}

/**
 * `text` as a person would type it: white space runs as one space, no Arabic diacritics or tatweel,
 * one alef (آ أ إ ٱ → ا), ى → ي, ة → ه, lower case, NFKC (presentation forms) — with the way back.
 */
export function foldText(text: string): FoldedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastSpace = true; // leading white space is dropped
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (/\s/u.test(ch)) {
      if (!lastSpace) {
        out.push(' ');
        starts.push(i);
        ends.push(next);
      }
      lastSpace = true;
    } else if (!dropped.test(ch)) {
      let f = letterFolds[ch] ?? ch.normalize('NFKC').toLowerCase();
      f = [...f].map((c) => letterFolds[c] ?? c).filter((c) => !dropped.test(c)).join('');
      for (const c of f) {
        out.push(c);
        starts.push(i);
        ends.push(next);
      }
      if (f.length > 0) lastSpace = false;
    }
    i = next;
  }
  return { folded: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** A folded span mapped back to the original text, with the marks that follow its last letter. */
function originalSpan(text: string, folded: FoldedText, from: number, to: number): { start: number; end: number } {
  const start = folded.starts[from]!;
  let end = folded.ends[to - 1]!;
  while (end < text.length && dropped.test(text[end]!) && !/\s/u.test(text[end]!)) end++;
  return { start, end };
}

/** Most occurrences looked at for one quote (a one-letter quote in a book would have thousands). */
const maxCandidates = 10_000;

/**
 * Every place `quote` occurs in `text`, matched as a person types it (see foldText: white space,
 * diacritics, alef forms, case); in text order. Empty when the quote folds to nothing.
 */
export function findQuote(text: string, quote: string, folded: FoldedText = foldText(text)): Array<{ start: number; end: number }> {
  const needle = foldText(quote).folded.trim();
  if (needle === '') return [];
  const found: Array<{ start: number; end: number }> = [];
  for (let at = folded.folded.indexOf(needle); at >= 0 && found.length < maxCandidates; at = folded.folded.indexOf(needle, at + 1)) {
    found.push(originalSpan(text, folded, at, at + needle.length));
  }
  return found;
}

/** Edit distance of two short strings (context of at most 32 characters each). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** 1 when `a` and `b` are equal, down to 0 when nothing of them matches. */
function similarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  return length === 0 ? 1 : 1 - editDistance(a, b) / length;
}

/**
 * Where `anchor` sits in `text` now: its position if the quote is still there; else the occurrence
 * of the quote (as stored, else as folded) whose prefix and suffix match best, the nearest to the
 * old position among equals; null (orphaned) when the quote is nowhere.
 */
export function resolveAnchor(text: string, anchor: TextAnchor): AnchorPlace {
  if (anchor.exact === '') return null;
  if (text.slice(anchor.start, anchor.end) === anchor.exact) return { start: anchor.start, end: anchor.end };
  let candidates: Array<{ start: number; end: number }> = [];
  for (let at = text.indexOf(anchor.exact); at >= 0 && candidates.length < maxCandidates; at = text.indexOf(anchor.exact, at + 1)) {
    candidates.push({ start: at, end: at + anchor.exact.length });
  }
  if (candidates.length === 0) candidates = findQuote(text, anchor.exact);
  if (candidates.length === 0) return null;
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const before = text.slice(Math.max(0, candidate.start - anchor.prefix.length), candidate.start);
    const after = text.slice(candidate.end, candidate.end + anchor.suffix.length);
    // Context decides; the distance from the old position only breaks near-ties.
    const distance = Math.abs(candidate.start - anchor.start) / Math.max(1, text.length);
    const score = similarity(anchor.prefix, before) + similarity(anchor.suffix, after) - 0.1 * distance;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/**
 * Maps offsets of `shown` (text as displayed: reflowed, rendered from HTML) onto `stored` (the
 * item's text): result[i] is the offset in `stored` of shown[i], result[shown.length] the end.
 * White space may differ on either side; a character the other side lacks is skipped, and the walk
 * finds its place again by looking ahead for the next few characters.
 */
export function alignTexts(shown: string, stored: string): Int32Array {
  const map = new Int32Array(shown.length + 1);
  let j = 0;
  for (let i = 0; i < shown.length; i++) {
    const c = shown[i]!;
    if (/\s/u.test(c)) {
      map[i] = j;
      continue;
    }
    while (j < stored.length && /\s/u.test(stored[j]!)) j++;
    if (stored[j] === c) {
      map[i] = j++;
      continue;
    }
    // Out of step: find the shown word's next few characters ahead in stored.
    const probe = /^\S{1,8}/u.exec(shown.slice(i, i + 8))![0];
    const ahead = stored.slice(j, j + 2000).indexOf(probe);
    if (ahead >= 0 && stored.slice(j, j + ahead).trim().length <= 40) {
      j += ahead;
      map[i] = j++;
    } else {
      map[i] = j; // a character stored text lacks (a page marker, a placeholder): stays where it is
    }
  }
  map[shown.length] = j;
  return map;
}
