// Notes: Markdown written in Khizana, standalone or attached to an item; searchable like articles.
import type { NoteInfo } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { detectLanguageAndDirection } from '../text/language.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { writeTransaction } from './write-transaction.js';
import { getItemRow, insertItem, reindexItem } from './items.js';
import { tagsOfItem } from './tags.js';
import { logItemChange } from './change-log.js';
import { writeNoteLinks } from './note-links.js';
import { linksAsLabels } from '../../shared/note-links.js';

/** A note's title: its first non-empty line without Markdown heading marks (links as their labels), at most 120 characters. */
export function noteTitle(text: string): string {
  const line = text.split('\n').map(linksAsLabels).map((l) => l.replace(/^\s*#{1,6}\s+/, '').trim()).find((l) => l.length > 0) ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function toNoteInfo(db: Db, id: number): NoteInfo {
  const row = getItemRow(db, id);
  return {
    id: row.id,
    uid: row.uid,
    text: row.text,
    title: row.title,
    parentId: row.parent_id,
    createdAt: row.imported_at,
    updatedAt: row.updated_at,
    tags: tagsOfItem(db, id),
  };
}

/** Creates a note, attached to item `on` when given. */
export function addNote(db: Db, text: string, on: number | undefined, now = new Date().toISOString()): NoteInfo {
  return writeTransaction(db, () => {
    if (on !== undefined) {
      const parent = getItemRow(db, on);
      if (parent.kind === 'note') throw new ArchiveError('invalid-argument', `item ${on} is a note; attach notes to articles`);
      if (parent.deleted_at !== null) throw new ArchiveError('invalid-argument', `item ${on} is in the trash; restore it first (khizana undelete ${on})`);
    }
    const { lang, dir } = detectLanguageAndDirection(text);
    const id = insertItem(db, {
      kind: 'note', title: noteTitle(text), text, html: null, lang, dir,
      authors: '[]', publication: null, url: null, published_at: null, imported_at: now, updated_at: now, parent_id: on ?? null,
      source_path: null, source_format: null, source_sha256: null, source_encoding: null, source_bytes: null,
      text_sha256: null, pages: null, page_starts: null, warnings: '[]',
    });
    if (on !== undefined) reindexItem(db, on);
    return toNoteInfo(db, id);
  });
}

/** Replaces a note's text. */
export function updateNote(db: Db, id: number, text: string, now = new Date().toISOString()): NoteInfo {
  return writeTransaction(db, () => {
    const row = getNoteRow(db, id);
    const { lang, dir } = detectLanguageAndDirection(text);
    statement(db, 'UPDATE items SET text = ?, title = ?, lang = ?, dir = ?, updated_at = ? WHERE id = ?')
      .run(text, noteTitle(text), lang, dir, now, id);
    logItemChange(db, id, 'update', now);
    writeNoteLinks(db, id, text);
    reindexItem(db, id);
    if (row.parent_id !== null) reindexItem(db, row.parent_id);
    return toNoteInfo(db, id);
  });
}

/** Notes attached to item `on`, or all notes when `on` is undefined; newest first. */
export function listNotes(db: Db, on?: number): NoteInfo[] {
  if (on !== undefined) getItemRow(db, on);
  const ids = (on === undefined
    ? statement(db, "SELECT id FROM items WHERE kind = 'note' AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC").pluck().all()
    : statement(db, "SELECT id FROM items WHERE kind = 'note' AND parent_id = ? AND deleted_at IS NULL ORDER BY id").pluck().all(on)) as number[];
  return ids.map((id) => toNoteInfo(db, id));
}

/** The row of note `id`; `not-found` if it is missing or is not a note. */
export function getNoteRow(db: Db, id: number) {
  const row = getItemRow(db, id);
  if (row.kind !== 'note') throw new ArchiveError('not-found', `item ${id} is not a note`);
  return row;
}
