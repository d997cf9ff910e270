// The archive's vocabulary: typo tolerance (DESIGN §4: lunr's fuzzy TokenSet over the real words)
// and the most frequent words of a prefix too broad to search whole. The words are walked in the
// archive's vocabulary_terms table (vocabulary-terms.ts) and counted in FTS5, on demand: no reader
// holds the whole vocabulary (it cost each ~50 MB and 2.2 s to read at 100,000 articles).
import lunr from 'lunr';
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';
import { ftsVocabulary, hasVocabularyTable, minVariantLength, termsFromSql, vocabularyTermsTable } from './vocabulary-terms.js';

/** A broad prefix searched as its most frequent archive words: `words` kept of `of` in all. */
export interface PrefixLimit {
  words: string[];
  of: number;
}

export interface Vocabulary {
  /** Archive words within the edit distance of `word` (none for 1–3 letters, 1 up to 7, 2 from 8), of 4 letters or more. */
  expand(word: string, limit?: number): string[];
  /** The most frequent archive word close to `word`, or null; `word` itself if it is known. */
  closest(word: string): string | null;
  /** For a prefix of more than `limit` archive words, the `limit` most frequent of them; null when it has no more. */
  limitPrefix(prefix: string, limit: number): PrefixLimit | null;
  /** The index may have changed (after imports and edits): forget the broad prefixes counted. */
  invalidate(): void;
  /** Prepares the vocabulary's statements; nothing is read ahead any more. */
  warm(): Promise<void>;
}

// lunr ships these but @types/lunr does not declare them: the fuzzy automaton of a word, whose
// edges are UTF-16 units or '*' (any one), and `final` where a word may end.
interface FuzzyNode {
  edges: Record<string, FuzzyNode>;
  final: boolean;
}
const TokenSet = lunr.TokenSet as unknown as { fromFuzzyString(word: string, editDistance: number): FuzzyNode };

const maxFuzzyLength = 24;

// Arabic words are short and dense: one edit on a 3-letter word reaches other roots (ادب → اذب,
// ارب …), two on a 7-letter word unrelated words (الحكومه~ found المحكمه, كلمه …). So typo
// tolerance starts at 4 letters, two edits only from 8, and a variant is never shorter than 4
// letters (ادلب~ must not find ادب). Variants that are other real words (ادلب~: اغلب, ادله) still
// match, but rank after every item with the typed word itself (search-plan.ts, `strict`).
const minFuzzyLength = minVariantLength;
function editDistanceFor(word: string): number {
  const length = [...word].length;
  return length < minFuzzyLength ? 0 : length <= 7 ? 1 : 2;
}

/** The automaton states after reading one UTF-16 unit (an edge of that unit, or '*'). */
function step(states: FuzzyNode[], unit: string): FuzzyNode[] {
  const next: FuzzyNode[] = [];
  for (const state of states) {
    for (const edge of [state.edges[unit], state.edges['*']]) if (edge && !next.includes(edge)) next.push(edge);
  }
  return next;
}

/** The next code point after `cp` that can be stored as text (a key just above every word continuing with `cp`); null after the last. */
function nextCodePoint(cp: number): string | null {
  const next = cp + 1 >= 0xd800 && cp + 1 <= 0xdfff ? 0xe000 : cp + 1;
  return next > 0x10ffff ? null : String.fromCodePoint(next);
}

const isSurrogate = (unit: string): boolean => unit.charCodeAt(0) >= 0xd800 && unit.charCodeAt(0) <= 0xdfff;

/** SQLite's BINARY order of text (code points): JavaScript's, except that astral letters sort after U+E000–U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    return xs === ys ? x - y : xs ? 1 : -1;
  }
  return a.length - b.length;
}

// Words read per seek: the walk asks for keys in increasing order, mostly close together, so most
// answers come from the last run read (a seek through better-sqlite3 costs ~5 µs; 30,000 for a long word).
const runLength = 32;

/** `firstFrom` over `runs(key, n)` (the first n stored words at or after key), answering from the last run when it can. */
function runReader(runs: (key: string, n: number) => string[]): (key: string) => string | undefined {
  let run: string[] = [];
  let atEnd = false;
  return (key) => {
    if (run.length > 0 && compareCodePoints(run[0]!, key) <= 0) {
      let lo = 0;
      let hi = run.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareCodePoints(run[mid]!, key) < 0) lo = mid + 1;
        else hi = mid;
      }
      // No stored word lies between two of a run: the first at or after key is in it, or past it.
      if (lo < run.length) return run[lo];
      if (atEnd) return undefined;
    }
    run = runs(key, runLength);
    atEnd = run.length < runLength;
    return run[0];
  };
}

/**
 * Every word of `firstFrom` (the first stored word at or after a key, code point order) that the
 * fuzzy automaton accepts: lunr's TokenSet intersection, walked as a trie over the sorted words.
 * A prefix the automaton only continues with given letters seeks just those; where it accepts any
 * letter ('*') it steps through the prefix's next letters, one seek each.
 */
function fuzzyWalk(automaton: FuzzyNode, firstFrom: (key: string) => string | undefined): string[] {
  const found: string[] = [];
  const visit = (prefix: string, states: FuzzyNode[]): void => {
    const units = new Set<string>();
    for (const state of states) for (const unit of Object.keys(state.edges)) units.add(unit);
    if (!units.has('*') && ![...units].some(isSurrogate)) {
      if (states.some((state) => state.final) && firstFrom(prefix) === prefix) found.push(prefix);
      for (const unit of [...units].sort()) {
        const next = step(states, unit);
        const first = firstFrom(prefix + unit);
        if (first !== undefined && first.startsWith(prefix + unit)) visit(prefix + unit, next);
      }
      return;
    }
    for (let from: string | null = prefix; from !== null; ) {
      const word = firstFrom(from);
      if (word === undefined || !word.startsWith(prefix)) return;
      if (word === prefix) {
        if (states.some((state) => state.final)) found.push(word);
        from = `${prefix}\u0000`;
        continue;
      }
      const cp = word.codePointAt(prefix.length)!;
      const letter = String.fromCodePoint(cp);
      let next = states;
      for (const unit of letter) next = step(next, unit);
      if (next.length > 0) visit(prefix + letter, next);
      from = ((n) => (n === null ? null : prefix + n))(nextCodePoint(cp));
    }
  };
  visit('', [automaton]);
  return found;
}

/** A vocabulary for one open archive connection: read from the archive on demand (nothing held but broad prefixes' counts). */
export function createVocabulary(db: Db): Vocabulary {
  /** Documents of `term` in the index now; 0 for a word no longer indexed. */
  const docsOf = (term: string): number =>
    (statement(db, `SELECT doc FROM ${ftsVocabulary(db)} WHERE term = ?`).pluck().get(term) as number | undefined) ?? 0;
  /** Where the words are walked: the archive's table; an archive opened read-only before migration 9 only has the index (slow, but right). */
  const wordsTable = (): string => (hasVocabularyTable(db) ? vocabularyTermsTable : ftsVocabulary(db));
  // Broad prefixes counted (term → documents), until the index changes.
  const prefixCache = new Map<string, PrefixLimit | null>();
  let prefixVersion: Buffer | undefined;
  const indexVersion = (): Buffer | undefined =>
    statement(db, 'SELECT block FROM items_fts_data WHERE id = 10').pluck().get() as Buffer | undefined;

  const expand = (word: string, limit = 30): string[] => {
    const distance = editDistanceFor(word);
    // A fuzzy automaton grows with the word: long "words" (pasted junk) are not expanded.
    if ([...word].length > maxFuzzyLength || distance === 0) return [];
    const table = wordsTable();
    const runs = statement(db, table === vocabularyTermsTable ? termsFromSql : `SELECT term FROM ${table} WHERE term >= ? AND term >= ? ORDER BY term LIMIT ?`).pluck();
    const words = fuzzyWalk(TokenSet.fromFuzzyString(word, distance), runReader((key, n) => runs.all(key, key, n) as string[]))
      .filter((w) => w !== word && [...w].length >= minFuzzyLength);
    const docs = new Map(words.map((w) => [w, docsOf(w)]));
    return words
      .filter((w) => docs.get(w)! > 0)
      .sort((a, b) => docs.get(b)! - docs.get(a)!)
      .slice(0, limit);
  };

  const limitPrefix = (prefix: string, limit: number): PrefixLimit | null => {
    if (prefix === '') return null;
    const vocab = ftsVocabulary(db);
    // Most prefixes (اقتصا*) have few words: count up to limit + 1 of them in the index itself.
    const some = statement(db, `SELECT count(*) FROM (SELECT term FROM ${vocab} WHERE term >= ? AND term < ? LIMIT ?)`)
      .pluck()
      .get(prefix, `${prefix}\u{10FFFF}`, limit + 1) as number;
    if (some <= limit) return null;
    const version = indexVersion();
    if (!(version && prefixVersion?.equals(version))) {
      prefixCache.clear();
      prefixVersion = version;
    }
    if (prefixCache.has(prefix)) return prefixCache.get(prefix)!;
    // A broad prefix reads its words' document counts once (ا*: most of the index), then is kept.
    const rows = statement(db, `SELECT term, doc FROM ${vocab} WHERE term >= ? AND term < ?`).raw().all(prefix, `${prefix}\u{10FFFF}`) as Array<[string, number]>;
    const matching = rows.filter(([term]) => term.startsWith(prefix));
    const result = matching.length <= limit ? null : {
      words: matching.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, limit).map(([term]) => term),
      of: matching.length,
    };
    prefixCache.set(prefix, result);
    return result;
  };

  return {
    expand,
    closest(word) {
      if (docsOf(word) > 0) return word;
      return expand(word, 1)[0] ?? null;
    },
    limitPrefix,
    invalidate() {
      prefixCache.clear();
    },
    warm() {
      return Promise.resolve();
    },
  };
}
