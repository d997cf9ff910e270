// Highlights and snippets, computed on the original text (diacritics kept) by re-analysing it.
import type { Span } from '../../shared/dto.js';
import { softBreaks, wrapProfile } from '../../shared/reflow.js';
import { analyze, type Token } from '../text/analyzer.js';
import { fuzzyAlternatives, type MatchTerm, type TermWord } from './match-terms.js';

export interface TextMatch {
  start: number;
  end: number;
  /** Index of the matched term, to prefer snippets showing many different terms. */
  term: number;
}

function wordMatches(token: Token, word: TermWord, alternative: Alternative, last: boolean): boolean {
  const { mode, prefixWords } = alternative;
  if (mode === 'exact') return token.exact === word.exact;
  if (mode === 'prefix' && last) {
    if (prefixWords) return prefixWords.has(token.exact) || prefixWords.has(token.stem);
    return token.exact.startsWith(word.exact) || token.stem.startsWith(word.exact);
  }
  return token.stem === word.stem;
}

interface Alternative {
  words: TermWord[];
  mode: MatchTerm['mode'];
  /** A limited prefix: only these words match it, as in the index. */
  prefixWords?: Set<string>;
}

/** Word sequences that count as a match of `term`: a fuzzy term's variants match as in the index (compile-fts.ts). */
function alternativesOf(term: MatchTerm): Alternative[] {
  if (term.mode === 'prefix' && term.prefixWords) return [{ words: term.words, mode: term.mode, prefixWords: new Set(term.prefixWords) }];
  if (term.mode !== 'fuzzy') return [{ words: term.words, mode: term.mode }];
  // FTS5 matches a `word~` by its last word alone (compile-fts.ts): `e-mail~` is mail~.
  return [{ words: [term.words.at(-1)!], mode: 'stem' }, ...fuzzyAlternatives(term).map(({ word, mode }) => ({ words: [word], mode }))];
}

/** Every place in the tokens where one of the terms matches; a phrase is one run. */
export function matchTokens(tokens: Token[], terms: MatchTerm[]): TextMatch[] {
  const matches: TextMatch[] = [];
  const alternatives = terms.map(alternativesOf);
  for (let i = 0; i < tokens.length; i++) {
    for (let t = 0; t < terms.length; t++) {
      for (const alternative of alternatives[t]!) {
        const { words } = alternative;
        if (i + words.length > tokens.length) continue;
        let ok = true;
        for (let k = 0; k < words.length && ok; k++) ok = wordMatches(tokens[i + k]!, words[k]!, alternative, k === words.length - 1);
        if (ok) {
          matches.push({ start: tokens[i]!.start, end: tokens[i + words.length - 1]!.end, term: t });
          break;
        }
      }
    }
  }
  return matches;
}

/** Merged, sorted spans of every match of `terms` in `text`. */
export function highlightSpans(text: string, terms: MatchTerm[]): Span[] {
  if (terms.length === 0 || text.length === 0) return [];
  return mergeSpans(matchTokens(analyze(text), terms).map((m) => [m.start, m.end] as Span));
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}

export interface Snippet {
  snippet: string;
  highlights: Span[];
  /** Offset in the original text where the snippet's text starts. */
  start: number;
}

// Documents are analysed chunk by chunk until every term is seen: the first 2,000 characters
// hold all terms for most hits, and snippets were most of a search's time before.
const scanChunk = 2_000;
const scanLimit = 400_000;

/** A window of about `length` characters around the best cluster of matches, with highlight offsets. */
export function makeSnippet(text: string, terms: MatchTerm[], length = 240): Snippet {
  let matches: TextMatch[] = [];
  if (terms.length > 0) {
    for (let from = 0; from < Math.min(text.length, scanLimit); from += scanChunk) {
      // Extend the chunk to a whitespace so no word is cut in two (a word longer than a chunk is).
      let to = Math.min(text.length, from + scanChunk);
      for (const stop = Math.min(text.length, to + scanChunk); to < stop && !/\s/u.test(text[to]!); ) to++;
      const tokens = analyze(text.slice(from, to)).map((t) => ({ ...t, start: t.start + from, end: t.end + from }));
      matches = matches.concat(matchTokens(tokens, terms));
      if (new Set(matches.map((m) => m.term)).size === terms.length) break;
      from = to - scanChunk;
    }
  }
  const best = bestWindow(matches, length);
  let start = best === null ? 0 : Math.max(0, best - Math.floor(length / 3));
  let end = Math.min(text.length, start + length);
  // Move to word boundaries so the snippet never starts or ends inside a word.
  if (start > 0) {
    const space = text.slice(start, start + 40).search(/\s/u);
    if (space >= 0) start += space + 1;
  }
  if (end < text.length) {
    const back = text.slice(Math.max(start, end - 40), end).search(/\s\S*$/u);
    if (back >= 0) end = Math.max(start, end - 40) + back;
  }
  const { body, map } = collapse(text, start, end, hyphenWraps(text, start, end));
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const highlights = snippetSpans(map, start, end, matches, prefix.length);
  return { snippet: `${prefix}${body}${suffix}`, highlights, start };
}

/**
 * The line breaks in [start, end) that wrap a hyphenated word in hard-wrapped text: the snippet
 * drops them (English-language, not English- language). Other wraps become a space like every
 * line break in a snippet. Only a window with a hyphen at a line end pays for the text's profile.
 */
function hyphenWraps(text: string, start: number, end: number): Set<number> {
  if (!/\p{L}-[ \t]*\n/u.test(text.slice(start, end))) return new Set();
  return new Set(softBreaks(text, wrapProfile(text), start, end).filter((b) => b.hyphen).map((b) => b.at));
}

/**
 * [start, end) of `text` with white space runs collapsed to one space and `drop` left out, and
 * where each offset of the window lands in it (map[i - start]; map[end - start] is its length).
 */
function collapse(text: string, start: number, end: number, drop: Set<number>): { body: string; map: Int32Array } {
  const map = new Int32Array(end - start + 1);
  let body = '';
  let inSpace = false;
  for (let i = start; i < end; i++) {
    map[i - start] = body.length;
    if (drop.has(i)) continue;
    const ch = text[i]!;
    const space = /\s/u.test(ch);
    if (!(space && inSpace)) body += space ? ' ' : ch;
    inSpace = space;
  }
  map[end - start] = body.length;
  return { body, map };
}

/** Start offset of the window holding the most distinct terms (then most matches), or null. */
function bestWindow(matches: TextMatch[], length: number): number | null {
  if (matches.length === 0) return null;
  let best = matches[0]!.start;
  let bestScore = -1;
  for (let i = 0; i < matches.length; i++) {
    const windowEnd = matches[i]!.start + length * 0.6;
    const terms = new Set<number>();
    let count = 0;
    for (let j = i; j < matches.length && matches[j]!.end <= windowEnd; j++) {
      terms.add(matches[j]!.term);
      count++;
    }
    const score = terms.size * 1000 + count;
    if (score > bestScore) [best, bestScore] = [matches[i]!.start, score];
  }
  return best;
}

/** Match spans inside [start, end) mapped to offsets in the collapsed snippet through `map`. */
function snippetSpans(map: Int32Array, start: number, end: number, matches: TextMatch[], shift: number): Span[] {
  // A match running past an edge (a word longer than the snippet) is cut to the snippet.
  const inside = mergeSpans(matches.filter((m) => m.start < end && m.end > start).map((m) => [Math.max(m.start, start), Math.min(m.end, end)] as Span));
  return inside.map(([s, e]) => [map[s - start]! + shift, map[e - start]! + shift] as Span);
}
