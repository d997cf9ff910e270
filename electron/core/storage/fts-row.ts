// Writes an item's analysed tokens into items_fts (DESIGN §4: exact and stem columns per field).
import { forEachWord } from '../text/analyzer.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { recordVocabularyTerms } from '../search/vocabulary-terms.js';

export interface AnalysedField {
  exact: string;
  stem: string;
  /** The exact tokens, for the text fingerprint used to spot duplicates across encodings. */
  tokenCount: number;
}

/** Analyses text into the space-separated token strings FTS5 receives. */
export function analyseField(text: string): AnalysedField {
  // Straight from the analyzer's visitor: no token objects for the hottest loop of an import.
  const exact: string[] = [];
  const stem: string[] = [];
  forEachWord(text, (e, s) => {
    exact.push(e);
    stem.push(s);
  });
  return { exact: exact.join(' '), stem: stem.join(' '), tokenCount: exact.length };
}

export interface FtsFields {
  title: AnalysedField;
  body: AnalysedField;
  notes: AnalysedField;
}

/** Replaces the index row of item `id`. Call inside the transaction that writes the item. */
export function writeFtsRow(db: Db, id: number, fields: FtsFields): void {
  statement(db, 'DELETE FROM items_fts WHERE rowid = ?').run(id);
  statement(db, 
    'INSERT INTO items_fts (rowid, title_exact, title_stem, body_exact, body_stem, notes_exact, notes_stem) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, fields.title.exact, fields.title.stem, fields.body.exact, fields.body.stem, fields.notes.exact, fields.notes.stem);
  recordVocabularyTerms(db, [fields.title.exact, fields.title.stem, fields.body.exact, fields.body.stem, fields.notes.exact, fields.notes.stem]);
}

/** Removes item `id` from the index (its annotations' row too). */
export function deleteFtsRow(db: Db, id: number): void {
  statement(db, 'DELETE FROM items_fts WHERE rowid = ?').run(id);
  statement(db, 'DELETE FROM annotations_fts WHERE rowid = ?').run(id);
}

/** Replaces the `in:annotations` index row of item `id` (none when `field` is null: no annotations). */
export function writeAnnotationsFtsRow(db: Db, id: number, field: AnalysedField | null): void {
  statement(db, 'DELETE FROM annotations_fts WHERE rowid = ?').run(id);
  if (field !== null) statement(db, 'INSERT INTO annotations_fts (rowid, exact, stem) VALUES (?, ?, ?)').run(id, field.exact, field.stem);
}
