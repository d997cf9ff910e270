// Typo tolerance (DESIGN §4): lunr's TokenSet over the archive's real vocabulary, read from FTS5.
import lunr from 'lunr';
import type { Db } from '../storage/database.js';

export interface Vocabulary {
  /** Archive words within the edit distance of `word` (1 for short words, 2 for long ones). */
  expand(word: string, limit?: number): string[];
  /** The most frequent archive word close to `word`, or null; `word` itself if it is known. */
  closest(word: string): string | null;
  /** Forget the cached vocabulary; it is rebuilt on next use (after imports and edits). */
  invalidate(): void;
}

// lunr ships these TokenSet builders but @types/lunr does not declare them.
const TokenSet = lunr.TokenSet as unknown as {
  fromArray(sortedWords: string[]): lunr.TokenSet;
  fromFuzzyString(word: string, editDistance: number): lunr.TokenSet;
};

interface Loaded {
  set: lunr.TokenSet;
  docs: Map<string, number>;
}

const maxFuzzyLength = 24;

// Arabic words are short and dense: two edits on a 7-letter word reach unrelated words
// (الحكومه~ found المحكمه, كلمه …), so two edits only from 8 letters on.
function editDistanceFor(word: string): number {
  return [...word].length <= 7 ? 1 : 2;
}

/** A vocabulary for one open archive; built lazily (~0.5 s for 30,000 articles) and cached. */
export function createVocabulary(db: Db): Vocabulary {
  let loaded: Loaded | null = null;
  const load = (): Loaded => {
    if (loaded) return loaded;
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_vocab USING fts5vocab(main, 'items_fts', 'row')");
    const rows = db.prepare('SELECT term, doc FROM temp.items_vocab WHERE length(term) >= 2').raw().all() as Array<[string, number]>;
    const docs = new Map<string, number>();
    for (const [term, doc] of rows) docs.set(term, doc);
    // fts5vocab returns terms in index (binary) order, which is what TokenSet.fromArray needs.
    const words = rows.map((r) => r[0]).sort();
    loaded = { set: TokenSet.fromArray(words), docs };
    return loaded;
  };
  const expand = (word: string, limit = 30): string[] => {
    // A fuzzy automaton grows with the word: long "words" (pasted junk) are not expanded.
    if ([...word].length > maxFuzzyLength || word.length < 2) return [];
    const { set, docs } = load();
    const fuzzy = TokenSet.fromFuzzyString(word, editDistanceFor(word));
    return set
      .intersect(fuzzy)
      .toArray()
      .filter((w) => w !== word)
      .sort((a, b) => (docs.get(b) ?? 0) - (docs.get(a) ?? 0))
      .slice(0, limit);
  };
  return {
    expand,
    closest(word) {
      if (load().docs.has(word)) return word;
      return expand(word, 1)[0] ?? null;
    },
    invalidate() {
      loaded = null;
    },
  };
}
