// Items (articles and notes): rows, their index entries, and the detail view.
import type { EditableField, ItemDetail, ItemKind, SourceMetadata } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { writeTransaction } from './write-transaction.js';
import { analyseField, deleteFtsRow, writeAnnotationsFtsRow, writeFtsRow, type AnalysedField } from './fts-row.js';
import { tagsOfItem } from './tags.js';
import { newUid, uidFromSha256 } from './uids.js';
import { logChange, logItemChange, logItemRowChange } from './change-log.js';
import { annotationSearchText } from './annotation-text.js';
import { writeNoteLinks } from './note-links.js';
import { linksAsLabels } from '../../shared/note-links.js';

export interface ItemRow {
  id: number;
  kind: ItemKind;
  title: string;
  text: string;
  html: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl';
  /** JSON array of names. */
  authors: string;
  publication: string | null;
  url: string | null;
  published_at: string | null;
  imported_at: string;
  updated_at: string;
  parent_id: number | null;
  source_path: string | null;
  source_format: string | null;
  source_sha256: string | null;
  source_encoding: string | null;
  source_bytes: number | null;
  text_sha256: string | null;
  pages: number | null;
  page_starts: string | null;
  warnings: string;
  /** Stable id (uids.ts): what exports, backups and links refer to. */
  uid: string;
  /** When the item was moved to the trash, or null. */
  deleted_at: string | null;
  /** JSON SourceMetadata. */
  source_meta: string;
  /** JSON array of EditableField. */
  edited: string;
}

/**
 * A new item. Its uid is derived (articles: from the original's sha256; notes: new) unless it is
 * given: an item coming back from an export keeps the uid it had.
 */
export type NewItem = Omit<ItemRow, 'id' | 'uid' | 'deleted_at' | 'source_meta' | 'edited'> & { uid?: string; source_meta?: string; edited?: string };

const emptyField: AnalysedField = { exact: '', stem: '', tokenCount: 0 };

/** Inserts an item and its index row; `analysed` lets the importer reuse analysis it already did. */
export function insertItem(db: Db, item: NewItem, analysed?: { title: AnalysedField; body: AnalysedField }): number {
  const uid = item.uid ?? (item.source_sha256 ? uidFromSha256(item.source_sha256) : newUid());
  const info = statement(db, 
      `INSERT INTO items (uid, kind, title, text, html, lang, dir, authors, publication, url, published_at, imported_at, updated_at,
         parent_id, source_path, source_format, source_sha256, source_encoding, source_bytes, text_sha256, pages, page_starts, warnings,
         source_meta, edited)
       VALUES (@uid, @kind, @title, @text, @html, @lang, @dir, @authors, @publication, @url, @published_at, @imported_at, @updated_at,
         @parent_id, @source_path, @source_format, @source_sha256, @source_encoding, @source_bytes, @text_sha256, @pages, @page_starts, @warnings,
         @source_meta, @edited)`,
    )
    .run({
      ...item,
      uid,
      source_meta: item.source_meta ?? '{}',
      edited: item.edited ?? '[]',
    });
  const id = Number(info.lastInsertRowid);
  logItemRowChange(db, { uid, kind: item.kind }, 'create'); // not logItemChange: the row just written is not read back
  // Every new note (written here or coming back from an export) keeps its links in the same transaction.
  if (item.kind === 'note') writeNoteLinks(db, id, item.text);
  if (analysed && item.kind === 'article') {
    writeFtsRow(db, id, { title: analysed.title, body: analysed.body, notes: emptyField });
  } else {
    reindexItem(db, id);
  }
  return id;
}

/** The row of item `id`, or a `not-found` error. */
export function getItemRow(db: Db, id: number): ItemRow {
  const row = statement(db, 'SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
  if (!row) throw new ArchiveError('not-found', `no item with id ${id}`);
  return row;
}

/**
 * Rebuilds the index rows of item `id` from its text, the notes attached to it (not those in the
 * trash) and its live annotations (passage and comment: in the notes column, found like notes, and
 * in annotations_fts for `in:annotations`).
 */
export function reindexItem(db: Db, id: number): void {
  const row = getItemRow(db, id);
  if (row.deleted_at !== null) {
    deleteFtsRow(db, id); // in the trash: out of the index until restored
    return;
  }
  const title = analyseField(row.title);
  if (row.kind === 'note') {
    // A link is indexed as its label: `khizana` and a uid's pieces are not words of the note.
    writeFtsRow(db, id, { title, body: emptyField, notes: analyseField(linksAsLabels(row.text)) });
    return;
  }
  const notes = (statement(db, "SELECT text FROM items WHERE parent_id = ? AND kind = 'note' AND deleted_at IS NULL ORDER BY id").pluck().all(id) as string[]).map(linksAsLabels);
  const annotations = (statement(db, 'SELECT exact, comment FROM annotations WHERE item_id = ? AND deleted_at IS NULL ORDER BY start_offset, id').all(id) as Array<{ exact: string; comment: string }>)
    .map((a) => annotationSearchText(a.exact, a.comment));
  writeFtsRow(db, id, { title, body: analyseField(row.text), notes: analyseField([...notes, ...annotations].join('\n\n')) });
  writeAnnotationsFtsRow(db, id, annotations.length > 0 ? analyseField(annotations.join('\n\n')) : null);
}

/**
 * Deletes item `id` for good: its row, its attached notes, their index rows and tag links (the
 * trash, storage/trash.ts, is the usual way). Returns the sha256 of its original (to remove from
 * files/ after the commit) or null, and false if it did not exist. Call inside a write transaction.
 */
export function deleteItemRows(db: Db, id: number): { deleted: boolean; sha256: string | null } {
  const row = statement(db, 'SELECT id, parent_id, source_sha256 FROM items WHERE id = ?').get(id) as
    | { id: number; parent_id: number | null; source_sha256: string | null }
    | undefined;
  if (!row) return { deleted: false, sha256: null };
  const children = statement(db, 'SELECT id FROM items WHERE parent_id = ?').pluck().all(id) as number[];
  for (const child of children) {
    deleteFtsRow(db, child);
    logItemChange(db, child, 'delete');
  }
  deleteFtsRow(db, id);
  logItemChange(db, id, 'delete');
  // Its annotations go with it (ON DELETE CASCADE): logged, so the log never misses a deletion.
  for (const uid of statement(db, 'SELECT uid FROM annotations WHERE item_id = ?').pluck().all(id) as string[]) logChange(db, 'annotation', uid, 'delete');
  statement(db, 'DELETE FROM items WHERE id = ?').run(id); // notes, tag links and annotations go by ON DELETE CASCADE
  if (row.parent_id !== null) reindexItem(db, row.parent_id);
  return { deleted: true, sha256: row.source_sha256 };
}

/** Deletes a note (or an item without an original) for good. Returns false if it did not exist. */
export function deleteItem(db: Db, id: number): boolean {
  return writeTransaction(db, () => {
    const row = statement(db, 'SELECT source_sha256 FROM items WHERE id = ?').get(id) as { source_sha256: string | null } | undefined;
    if (row?.source_sha256) throw new ArchiveError('invalid-argument', `item ${id} has an original file: move it to the trash and empty the trash`);
    return deleteItemRows(db, id).deleted;
  });
}

/** Everything about one item, for `show` and the reader. */
export function itemDetail(db: Db, id: number): ItemDetail {
  const row = getItemRow(db, id);
  // A trashed item shows the notes trashed with it (same time); any other item its live notes.
  const notes = statement(db, "SELECT id, text FROM items WHERE parent_id = ? AND kind = 'note' AND deleted_at IS ? ORDER BY id")
    .all(id, row.deleted_at) as Array<{ id: number; text: string }>;
  return {
    id: row.id,
    uid: row.uid,
    kind: row.kind,
    title: row.title,
    text: row.text,
    html: row.html,
    source:
      row.source_sha256 === null
        ? null
        : {
            path: row.source_path ?? '',
            format: row.source_format ?? '',
            sha256: row.source_sha256,
            encoding: row.source_encoding,
            bytes: row.source_bytes ?? 0,
          },
    lang: row.lang,
    dir: row.dir,
    authors: JSON.parse(row.authors) as string[],
    publication: row.publication,
    url: row.url,
    sourceMeta: JSON.parse(row.source_meta) as SourceMetadata,
    edited: JSON.parse(row.edited) as EditableField[],
    tags: tagsOfItem(db, id),
    notes,
    parentId: row.parent_id,
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    pages: row.pages,
    pageStarts: row.page_starts === null ? null : (JSON.parse(row.page_starts) as number[]),
    warnings: JSON.parse(row.warnings) as string[],
    deletedAt: row.deleted_at,
  };
}
