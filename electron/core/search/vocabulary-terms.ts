// The archive's typo-tolerance vocabulary, kept in the archive: every word of 4 letters or more
// that was ever written to items_fts (a superset of its words: a word no longer indexed is skipped
// when read, because its document count is 0). Kept up to date in the transaction that writes an
// index row, so an import or a note edit never rebuilds it; readers walk it with SQL (vocabulary.ts)
// instead of each holding the whole vocabulary in memory.
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';

/** The table (migration 9): one row per word, in code point order. */
export const vocabularyTermsTable = 'vocabulary_terms';
/**
 * Words new since the last merge (same shape, kept small). A word's place in the big table is random,
 * so writing new words there dirtied most of its pages in every import batch (+90 % import CPU);
 * here they dirty a few, and are merged into the big table once this holds `mergeAt` words.
 */
export const recentTermsTable = 'vocabulary_recent';
const mergeAt = 20_000;
/** Every kept word at or after a key in code point order, the first n of them: the two tables as one (parameters: key, key, n). */
export const termsFromSql = `SELECT term FROM ${vocabularyTermsTable} WHERE term >= ? UNION SELECT term FROM ${recentTermsTable} WHERE term >= ? ORDER BY 1 LIMIT ?`;

/** Words shorter than this (in code points) are never typo variants (vocabulary.ts), so they are not kept. */
export const minVariantLength = 4;

// FTS5's `ascii` tokenizer: every ASCII character but letters and digits separates tokens; ASCII letters are folded.
const asciiSeparators = /[\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F]+/u;

// Fields are the analyser's words joined by spaces: most hold no other separator, and split faster on ' '.
const otherSeparator = /[\u0000-\u001F\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F]/u;

/** Code points of a string that may hold surrogate pairs. */
function codePoints(token: string): number {
  let n = 0;
  for (let i = 0; i < token.length; i++) {
    const unit = token.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) n++;
  }
  return n;
}

/** The distinct tokens of length ≥ minVariantLength that items_fts makes of `columns` (its tokenizer's rules), minus `known`. */
export function variantTerms(columns: string[], known: ReadonlySet<string> = new Set()): string[] {
  const terms = new Set<string>();
  for (const column of columns) {
    if (column.length < minVariantLength) continue;
    // Tested once per column, not per token: most columns (every Arabic one) have no capital to fold.
    const fold = /[A-Z]/.test(column);
    for (const token of otherSeparator.test(column) ? column.split(asciiSeparators) : column.split(' ')) {
      // Most tokens are long enough in UTF-16 units and in code points alike; count code points only when it matters.
      if (token.length < minVariantLength || (token.length < 2 * minVariantLength && codePoints(token) < minVariantLength)) continue;
      const term = fold && /[A-Z]/.test(token) ? token.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : token;
      if (!known.has(term)) terms.add(term);
    }
  }
  return [...terms];
}

const ready = new WeakMap<Db, boolean>();

/**
 * FTS5's own vocabulary of the index (one row per term with its document count), as a table of
 * this connection made on first use (made again should a rolled-back transaction have undone it).
 */
export function ftsVocabulary(db: Db): string {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_vocab USING fts5vocab(main, 'items_fts', 'row')");
  return 'temp.items_vocab';
}

/** Whether this database has the table yet (older migrations write index rows before it exists; a read-only archive may predate it). */
export function hasVocabularyTable(db: Db): boolean {
  if (ready.get(db) === true) return true;
  const found = statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(vocabularyTermsTable) !== undefined;
  if (found) ready.set(db, true);
  return found;
}

/**
 * Words this connection has written, so a row's known words are not written again (most of an
 * article's words after the first thousand articles). Only true while nothing it wrote was rolled
 * back. A rollback (of a batch, or of one item's savepoint) undoes every write after some point, so
 * if it undid any word this connection inserted it undid the last one: each call looks that word
 * up (two index reads), and when it is gone the set is dropped. (A TEMP counter bumped per row did
 * the same for ~40 % of this hook's time.)
 */
interface Written {
  terms: Set<string>;
  /** The last word this connection inserted into the recent table, or null. */
  last: string | null;
  /** Rows added to the recent table since it was last counted (an upper bound: some may have been rolled back). */
  recent: number;
}
const written = new WeakMap<Db, Written>();
// Bounds the writer's memory (~7 MB); past it the set starts again (costing only speed).
const maxWritten = 100_000;

function writtenBy(db: Db): Written {
  let state = written.get(db);
  if (!state) {
    state = { terms: new Set(), last: null, recent: 0 };
    written.set(db, state);
  }
  const kept = state.last === null ||
    statement(db, `SELECT EXISTS (SELECT 1 FROM ${recentTermsTable} WHERE term = ?) OR EXISTS (SELECT 1 FROM ${vocabularyTermsTable} WHERE term = ?)`)
      .pluck().get(state.last, state.last) === 1;
  if (!kept || state.terms.size > maxWritten) {
    state.terms.clear();
    state.last = null;
  }
  return state;
}

/** An import's deferral of one connection's vocabulary: its depth, and the rows it held back (null once past `heldRowsLimit`). */
interface Deferral {
  depth: number;
  rows: string[][] | null;
  /** Whether its first row has looked for a mark left by an import that never caught up. */
  checked: boolean;
}
// Connections whose index rows are left out of the vocabulary for now (an import under way).
const deferred = new WeakMap<Db, Deferral>();
/**
 * Rows an import holds back to write word by word at its end. A pass over FTS5's vocabulary reads
 * every word of the archive (~0.5–1 s at 100,000 articles) whatever the import's size, so a
 * small import (one dropped file, an upload of a few) writes its own rows' words instead.
 */
const heldRowsLimit = 200;
// The index_state key (migration 8) that says an import's words are not all in the vocabulary yet.
const pendingKey = 'vocabulary_pending';

/**
 * Leaves the words of `db`'s index rows out of the vocabulary until the returned function is
 * called and catchUpVocabulary runs: an import writes thousands of rows, and one pass over FTS5's
 * own vocabulary afterwards costs far less than cutting every row into words (~22 % of the import).
 * The function returns the rows held back for catchUpVocabulary (null: too many, or a deferral still open).
 */
export function deferVocabulary(db: Db): () => string[][] | null {
  const deferral = deferred.get(db) ?? { depth: 0, rows: [], checked: false };
  deferral.depth++;
  deferred.set(db, deferral);
  let resumed = false;
  return () => {
    if (resumed) return null;
    resumed = true;
    if (--deferral.depth > 0) return null;
    deferred.delete(db);
    return deferral.rows;
  };
}

/**
 * Adds the words of the rows an import held back, or (`held` null) every indexed word the vocabulary
 * lacks, read in one pass over FTS5's vocabulary. Call inside a write transaction.
 */
export function catchUpVocabulary(db: Db, held: string[][] | null = null): void {
  if (!hasVocabularyTable(db)) return;
  statement(db, `DELETE FROM index_state WHERE key = '${pendingKey}'`).run();
  if (held !== null) {
    for (const columns of held) recordVocabularyTerms(db, columns);
    return;
  }
  statement(db, `INSERT OR IGNORE INTO ${vocabularyTermsTable} (term) SELECT term FROM ${ftsVocabulary(db)} WHERE length(term) >= ${minVariantLength}`).run();
}

/** Adds the words of one index row (its six columns' text). Call inside the transaction that writes the row. */
export function recordVocabularyTerms(db: Db, columns: string[]): void {
  if (!hasVocabularyTable(db)) return;
  const deferral = deferred.get(db);
  if (deferral) {
    // The archive owes this import's words until its catch-up (a crash in between leaves the mark):
    // an import that finds the mark of an earlier one reads FTS5's whole vocabulary at its end.
    if (deferral.rows !== null) {
      const marked = statement(db, `INSERT OR IGNORE INTO index_state (key, value) VALUES ('${pendingKey}', '1')`).run().changes === 1;
      if (!deferral.checked && !marked) deferral.rows = null;
      deferral.checked = true;
    }
    // A held row that is rolled back adds its words all the same: the vocabulary may hold more words than the index.
    if (deferral.rows !== null && deferral.rows.length < heldRowsLimit) deferral.rows.push(columns);
    else deferral.rows = null;
    return;
  }
  const state = writtenBy(db);
  const terms = variantTerms(columns, state.terms);
  // One statement per row: the words go through json_each, not one call each (≈ 270 words an article).
  // Words the big table has are only looked up there (reading dirties no page).
  if (terms.length > 0) {
    const inserted = statement(db, `INSERT OR IGNORE INTO ${recentTermsTable} (term) SELECT value FROM json_each(?) WHERE value NOT IN (SELECT term FROM ${vocabularyTermsTable}) RETURNING term`)
      .pluck().all(JSON.stringify(terms)) as string[];
    if (inserted.length > 0) state.last = inserted[inserted.length - 1]!;
    state.recent += inserted.length;
  }
  for (const term of terms) state.terms.add(term);
  if (state.recent >= mergeAt) {
    state.recent = statement(db, `SELECT count(*) FROM ${recentTermsTable}`).pluck().get() as number;
    if (state.recent >= mergeAt) {
      statement(db, `INSERT OR IGNORE INTO ${vocabularyTermsTable} (term) SELECT term FROM ${recentTermsTable}`).run();
      statement(db, `DELETE FROM ${recentTermsTable}`).run();
      state.recent = 0;
    }
  }
}

/** Creates the table and fills it from the index (once, in migration 9: 0.7 s at 30,000 articles). */
export function createVocabularyTerms(db: Db): void {
  db.exec(`
    CREATE TABLE ${vocabularyTermsTable} (term TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE ${recentTermsTable} (term TEXT PRIMARY KEY) WITHOUT ROWID;
  `);
  catchUpVocabulary(db);
}
