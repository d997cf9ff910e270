// Query clauses turned into analysed terms: what FTS5 searches and what highlighting matches.
import { analyze, stemWord } from '../text/analyzer.js';
import type { Clause, ParsedQuery, TermMode } from './parse-query.js';

export interface TermWord {
  exact: string;
  stem: string;
}

/** One searchable unit: a word or a phrase (several words that must be adjacent). */
export interface MatchTerm {
  words: TermWord[];
  mode: TermMode;
  field: 'title' | null;
  /** For `word~`: the archive words it expands to (filled in by the fuzzy expander). */
  expansions: string[];
  /** For a broad `word*`: the archive words it is limited to (filled in by the prefix limiter); null for the whole prefix. */
  prefixWords: string[] | null;
}

/** Analyses a clause into a term; null when it holds no word at all (punctuation, emoji). */
function clauseToTerm(clause: Clause): MatchTerm | null {
  const words = analyze(clause.text).map((t) => ({ exact: t.exact, stem: t.stem }));
  if (words.length === 0) return null;
  return { words, mode: clause.mode, field: clause.field, expansions: [], prefixWords: null };
}

export interface AnalysedQuery {
  /** AND of groups; each group an OR of terms. */
  groups: MatchTerm[][];
  negated: MatchTerm[];
}

/** Analyses every clause of a parsed query, dropping the empty ones. */
export function analyseQuery(parsed: ParsedQuery): AnalysedQuery {
  const groups = unique(
    parsed.groups.map((group) => group.map(clauseToTerm).filter((t): t is MatchTerm => t !== null)).filter((group) => group.length > 0),
  );
  const negated = unique(parsed.negated.map(clauseToTerm).filter((t): t is MatchTerm => t !== null).map((t) => [t])).map((g) => g[0]!);
  return { groups, negated };
}

/** Most terms a query keeps: a pasted page of text is searched by its first 64 distinct words. */
const maxQueryTerms = 64;

/** Drops repeated groups (the same words twice add nothing) and keeps at most `maxQueryTerms`. */
function unique(groups: MatchTerm[][]): MatchTerm[][] {
  const seen = new Set<string>();
  const out: MatchTerm[][] = [];
  for (const group of groups) {
    const key = JSON.stringify(group.map((t) => [t.mode, t.field, t.words.map((w) => w.exact)]));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(group);
    if (out.length === maxQueryTerms) break;
  }
  return out;
}

/** A typo variant of a `word~` and how it matches: in all its forms (by its stem), or only as written. */
export interface FuzzyAlternative {
  word: TermWord;
  mode: 'stem' | 'exact';
}

/**
 * The words an expanded fuzzy term stands for. A variant that is a bare word (its own stem) matches
 * in all its forms, as any searched word does: زنجبر~ finds «وزنجبار» through زنجبار. A variant
 * with affixes matches only as written: its stem can be another, shorter word (السعيده → سعيد for
 * السعوديه~), and the typed word's own forms are found through the typed word's stem.
 */
export function fuzzyAlternatives(term: MatchTerm): FuzzyAlternative[] {
  return term.expansions.map((exact) => {
    const word = { exact, stem: stemWord(exact) };
    return { word, mode: word.stem === exact ? 'stem' : 'exact' };
  });
}
