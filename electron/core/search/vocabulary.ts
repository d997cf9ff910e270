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
  /** Archive words within the edit distance of `word` (none for 1–3 letters, 1 up to 7, 2 from 8), of 4 letters or more. */
  expand(word: string, limit?: number): string[];
  /** The most frequent archive word close to `word`, or null; `word` itself if it is known. */
  closest(word: string): string | null;
  /** For a prefix of more than `limit` archive words, the `limit` most frequent of them; null when it has no more. */
  limitPrefix(prefix: string, limit: number): PrefixLimit | null;
  /** The index may have changed (after imports and edits): check on next use, and reread it if it did. */
  invalidate(): void;
  /**
   * Reads the vocabulary and builds the typo index in the background, a slice per event-loop turn,
   * unless it is built and current; resolves when done. A lookup meanwhile finishes the build at once.
   */
  warm(): Promise<void>;
}

// lunr ships these TokenSet builders but @types/lunr does not declare them.
interface TokenSetBuilder {
  root: lunr.TokenSet;
  insert(word: string): void;
  finish(): void;
}
const TokenSet = lunr.TokenSet as unknown as {
  Builder: new () => TokenSetBuilder;
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
  /** The words as a lunr TokenSet (a minimal automaton) to intersect with a fuzzy one. */
  set: lunr.TokenSet;
}

const maxFuzzyLength = 24;

// Whether the index changed is read from its structure record, which every committed write to it
// changes. Unannounced changes (another process; an import's batches, committed as it goes) are
// checked for when the vocabulary is this old: rereading it costs ~0.7 s at 30,000 articles.
const minAgeMs = 10_000;

// Arabic words are short and dense: one edit on a 3-letter word reaches other roots (ادب → اذب,
// ارب …), two on a 7-letter word unrelated words (الحكومه~ found المحكمه, كلمه …). So typo
// tolerance starts at 4 letters, two edits only from 8, and a variant is never shorter than 4
// letters (ادلب~ must not find ادب). Variants that are other real words (ادلب~: اغلب, ادله) still
// match, but rank after every item with the typed word itself (search-plan.ts, `strict`).
const minFuzzyLength = 4;
function editDistanceFor(word: string): number {
  const length = [...word].length;
  return length < minFuzzyLength ? 0 : length <= 7 ? 1 : 2;
}

// The background build: vocabulary rows read per step, and how long it runs before it lets the
// thread answer requests (a reader thread serves searches while it builds).
const pageRows = 1_000;
const sliceMs = 15;

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

/** A vocabulary for one open archive connection; read from the index (lazily, or in the background: `warm`) and cached. */
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

  /** Reads every term (in pages, yielding between them) and builds the TokenSet; the steps of a build. */
  function* buildTerms(rows: number): Generator<void, Terms> {
    ensureVocabTable();
    const version = indexVersion();
    const page = statement(db, 'SELECT term, doc FROM temp.items_vocab WHERE term > ? ORDER BY term LIMIT ?').raw();
    const docs = new Map<string, number>();
    for (let last = ''; ; ) {
      const chunk = page.all(last, rows) as Array<[string, number]>;
      for (const [term, doc] of chunk) docs.set(term, doc);
      if (chunk.length < rows) break;
      last = chunk.at(-1)![0];
      yield;
    }
    // JavaScript string order (the index's is code point order): what the TokenSet builder needs.
    const words = [...docs.keys()].sort();
    yield;
    const builder = new TokenSet.Builder();
    for (let i = 0; i < words.length; i++) {
      // Short words are never typo variants.
      if ([...words[i]!].length >= minFuzzyLength) builder.insert(words[i]!);
      if (i % pageRows === 0) yield;
    }
    builder.finish();
    // Written to while read: check again on next use.
    const changed = !version || !indexVersion()?.equals(version);
    return { words, docs, version, checkedAt: changed ? -Infinity : Date.now(), set: builder.root };
  }

  /** A build under way in the background, and its completion. */
  let building: { steps: Generator<void, Terms>; done: Promise<void>; finish: () => void } | null = null;

  /** Runs the build under way to its end now (a lookup cannot wait for the background). */
  const finishBuild = (): void => {
    if (!building) return;
    const { steps, finish } = building;
    building = null;
    try {
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          terms = step.value;
          break;
        }
      }
    } finally {
      finish();
    }
  };

  /** Whether the terms read are still the index's (checked at most every minAgeMs). */
  const current = (): boolean => {
    if (!terms) return false;
    if (Date.now() - terms.checkedAt < minAgeMs) return true;
    const version = indexVersion();
    if (version && terms.version?.equals(version)) {
      terms.checkedAt = Date.now();
      return true;
    }
    return false;
  };

  const loadTerms = (): Terms => {
    finishBuild();
    if (!current()) {
      // One query for all rows: reading in pages is for the background, not a waiting lookup.
      const steps = buildTerms(Number.MAX_SAFE_INTEGER);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          terms = step.value;
          break;
        }
      }
    }
    return terms!;
  };

  const warm = (): Promise<void> => {
    if (building) return building.done;
    try {
      if (current()) return Promise.resolve();
    } catch {
      return Promise.resolve(); // closed, or not an archive yet: a lookup will say so
    }
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const mine = { steps: buildTerms(pageRows), done, finish };
    building = mine;
    const slice = (): void => {
      if (building !== mine) return; // finished by a lookup
      const until = performance.now() + sliceMs;
      try {
        for (;;) {
          const step = mine.steps.next();
          if (step.done) {
            terms = step.value;
            break;
          }
          if (performance.now() >= until) {
            setImmediate(slice);
            return;
          }
        }
      } catch {
        // The connection closed under the build: nothing to build for.
      }
      building = null;
      finish();
    };
    setImmediate(slice);
    return done;
  };

  const expand = (word: string, limit = 30): string[] => {
    const distance = editDistanceFor(word);
    // A fuzzy automaton grows with the word: long "words" (pasted junk) are not expanded.
    if ([...word].length > maxFuzzyLength || distance === 0) return [];
    const loaded = loadTerms();
    const fuzzy = TokenSet.fromFuzzyString(word, distance);
    return loaded.set
      .intersect(fuzzy)
      .toArray()
      .filter((w) => w !== word)
      .sort((a, b) => (loaded.docs.get(b) ?? 0) - (loaded.docs.get(a) ?? 0))
      .slice(0, limit);
  };

  const limitPrefix = (prefix: string, limit: number): PrefixLimit | null => {
    if (prefix === '') return null;
    if (!terms && !building) {
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
    warm,
  };
}
