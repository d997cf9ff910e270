// The archive's typo-tolerance vocabulary, kept in the archive: every word of 4 letters or more
// that was ever written to items_fts (a superset of its words: a word no longer indexed is skipped
// when read, because its document count is 0). Kept up to date in the transaction that writes an
// index row, so an import or a note edit never rebuilds it; readers walk it with SQL (vocabulary.ts)
// instead of each holding the whole vocabulary in memory.
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';

/** The table (migration 8): one row per word, in code point order. */
export const vocabularyTermsTable = 'vocabulary_terms';

/** Words shorter than this (in code points) are never typo variants (vocabulary.ts), so they are not kept. */
export const minVariantLength = 4;

// FTS5's `ascii` tokenizer: every ASCII character but letters and digits separates tokens; ASCII letters are folded.
const asciiSeparators = /[\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F]+/u;

/** The distinct tokens of length ≥ minVariantLength that items_fts makes of `columns` (its tokenizer's rules). */
export function variantTerms(columns: string[]): string[] {
  const terms = new Set<string>();
  for (const column of columns) {
    for (const token of column.split(asciiSeparators)) {
      // Most tokens are long enough in UTF-16 units and in code points alike; count code points only when it matters.
      if (token.length < minVariantLength || (token.length < 2 * minVariantLength && [...token].length < minVariantLength)) continue;
      terms.add(/[A-Z]/.test(token) ? token.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : token);
    }
  }
  return [...terms];
}

const ready = new WeakMap<Db, boolean>();

/** Whether this database has the table yet (older migrations write index rows before it exists). */
function hasTable(db: Db): boolean {
  if (ready.get(db) === true) return true;
  const found = statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(vocabularyTermsTable) !== undefined;
  if (found) ready.set(db, true);
  return found;
}

/** Adds the words of one index row (its six columns' text). Call inside the transaction that writes the row. */
export function recordVocabularyTerms(db: Db, columns: string[]): void {
  if (!hasTable(db)) return;
  const terms = variantTerms(columns);
  // One statement per row: the words go through json_each, not one call each (≈ 300 words an article).
  if (terms.length > 0) statement(db, `INSERT OR IGNORE INTO ${vocabularyTermsTable} (term) SELECT value FROM json_each(?)`).run(JSON.stringify(terms));
}

/** Creates the table and fills it from the index (once, in migration 8: 0.7 s at 30,000 articles). */
export function createVocabularyTerms(db: Db): void {
  db.exec(`
    CREATE TABLE ${vocabularyTermsTable} (term TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE VIRTUAL TABLE temp.migration_vocab USING fts5vocab(main, 'items_fts', 'row');
    INSERT INTO ${vocabularyTermsTable} (term) SELECT term FROM temp.migration_vocab WHERE length(term) >= ${minVariantLength};
    DROP TABLE temp.migration_vocab;
  `);
}
