// The archive's vocabulary, read from FTS5: typo tolerance (DESIGN §4: lunr's TokenSet over the
// real words) and the most frequent words of a prefix too broad to search whole.
import lunr from 'lunr';
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';

/** A broad prefix searched as its most frequent archive words: `words` kept of `of` in all. */
export interface PrefixLimit {
  words: string[];
  of: number;
}

export interface Vocabulary {
  /** Archive words within the edit distance of `word` (1 for short words, 2 for long ones). */
  expand(word: string, limit?: number): string[];
  /** The most frequent archive word close to `word`, or null; `word` itself if it is known. */
  closest(word: string): string | null;
  /** For a prefix of more than `limit` archive words, the `limit` most frequent of them; null when it has no more. */
  limitPrefix(prefix: string, limit: number): PrefixLimit | null;
  /** The index may have changed (after imports and edits): check on next use, and reread it if it did. */
  invalidate(): void;
}

// lunr ships these TokenSet builders but @types/lunr does not declare them.
const TokenSet = lunr.TokenSet as unknown as {
  fromArray(sortedWords: string[]): lunr.TokenSet;
  fromFuzzyString(word: string, editDistance: number): lunr.TokenSet;
};

interface Terms {
  /** Every indexed term, sorted (JavaScript string order). */
  words: string[];
  /** Documents per term. */
  docs: Map<string, number>;
  /** The FTS5 structure record when loaded: it changes with every committed write to the index. */
  version: Buffer | undefined;
  /** When `version` was last compared with the index. */
  checkedAt: number;
  /** Built on first fuzzy lookup. */
  set: lunr.TokenSet | null;
}

const maxFuzzyLength = 24;

// Whether the index changed is read from its structure record, which every committed write to it
// changes. Unannounced changes (another process; an import's batches, committed as it goes) are
// checked for when the vocabulary is this old: rereading it costs ~0.7 s at 30,000 articles.
const minAgeMs = 10_000;

// Arabic words are short and dense: two edits on a 7-letter word reach unrelated words
// (الحكومه~ found المحكمه, كلمه …), so two edits only from 8 letters on.
function editDistanceFor(word: string): number {
  return [...word].length <= 7 ? 1 : 2;
}

/** Index of the first of the sorted `words` that is not below `word`. */
function lowerBound(words: string[], word: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A vocabulary for one open archive connection; read lazily from the index and cached. */
export function createVocabulary(db: Db): Vocabulary {
  let terms: Terms | null = null;
  let vocabTable = false;

  const ensureVocabTable = (): void => {
    if (vocabTable) return;
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_vocab USING fts5vocab(main, 'items_fts', 'row')");
    vocabTable = true;
  };
  const indexVersion = (): Buffer | undefined =>
    statement(db, 'SELECT block FROM items_fts_data WHERE id = 10').pluck().get() as Buffer | undefined;

  const loadTerms = (): Terms => {
    if (terms && Date.now() - terms.checkedAt >= minAgeMs) {
      const version = indexVersion();
      if (version && terms.version?.equals(version)) terms.checkedAt = Date.now();
      else terms = null;
    }
    if (terms) return terms;
    ensureVocabTable();
    const version = indexVersion();
    const rows = db.prepare('SELECT term, doc FROM temp.items_vocab').raw().all() as Array<[string, number]>;
    const docs = new Map<string, number>();
    for (const [term, doc] of rows) docs.set(term, doc);
    terms = { words: rows.map((r) => r[0]).sort(), docs, version, checkedAt: Date.now(), set: null };
    return terms;
  };

  const expand = (word: string, limit = 30): string[] => {
    // A fuzzy automaton grows with the word: long "words" (pasted junk) are not expanded.
    if ([...word].length > maxFuzzyLength || word.length < 2) return [];
    const loaded = loadTerms();
    // Sorted input is what TokenSet.fromArray needs; one-letter words are never typo variants.
    loaded.set ??= TokenSet.fromArray(loaded.words.filter((w) => w.length >= 2));
    const fuzzy = TokenSet.fromFuzzyString(word, editDistanceFor(word));
    return loaded.set
      .intersect(fuzzy)
      .toArray()
      .filter((w) => w !== word)
      .sort((a, b) => (loaded.docs.get(b) ?? 0) - (loaded.docs.get(a) ?? 0))
      .slice(0, limit);
  };

  const limitPrefix = (prefix: string, limit: number): PrefixLimit | null => {
    if (prefix === '') return null;
    if (!terms) {
      // Most prefixes (اقتصا*) have few words: count up to limit + 1 of them in the index itself
      // rather than read the whole vocabulary.
      ensureVocabTable();
      const some = statement(db, 'SELECT count(*) FROM (SELECT term FROM temp.items_vocab WHERE term >= ? AND term < ? LIMIT ?)')
        .pluck()
        .get(prefix, `${prefix}\u{10FFFF}`, limit + 1) as number;
      if (some <= limit) return null;
    }
    const { words, docs } = loadTerms();
    const matching: string[] = [];
    for (let i = lowerBound(words, prefix); i < words.length && words[i]!.startsWith(prefix); i++) matching.push(words[i]!);
    if (matching.length <= limit) return null;
    matching.sort((a, b) => docs.get(b)! - docs.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
    return { words: matching.slice(0, limit), of: matching.length };
  };

  return {
    expand,
    closest(word) {
      if (loadTerms().docs.has(word)) return word;
      return expand(word, 1)[0] ?? null;
    },
    limitPrefix,
    invalidate() {
      if (terms) terms.checkedAt = -Infinity;
    },
  };
}
