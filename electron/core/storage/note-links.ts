// The links table: which notes link to which items and notes (by uid), and the sentence each
// link sits in. Rewritten from the note's text in the transaction that saves the note, so
// backlinks are never out of step with what the notes say.
import type { Backlink, LinkTarget } from '../../shared/dto.js';
import { findNoteLinks, linkSentence } from '../../shared/note-links.js';
import type { Db } from './database.js';
import { getItemRow } from './items.js';
import { statement } from './statements.js';

/** The rows the links table holds for a note with `text`: one per link, in order. */
export function noteLinkRows(text: string): Array<{ position: number; toUid: string; sentence: string }> {
  return findNoteLinks(text).map((link) => ({ position: link.start, toUid: link.uid, sentence: linkSentence(text, link.start, link.end) }));
}

/** Replaces note `noteId`'s links with those in `text`. Call inside the write transaction that saves the note. */
export function writeNoteLinks(db: Db, noteId: number, text: string): void {
  statement(db, 'DELETE FROM note_links WHERE from_id = ?').run(noteId);
  const insert = statement(db, 'INSERT INTO note_links (from_id, position, to_uid, sentence) VALUES (?, ?, ?, ?)');
  for (const row of noteLinkRows(text)) insert.run(noteId, row.position, row.toUid, row.sentence);
}

/** The notes (not in the trash) that link to item or note `id`, one entry per link, most recently edited note first. */
export function backlinks(db: Db, id: number): Backlink[] {
  const { uid } = getItemRow(db, id);
  return statement(db,
    `SELECT n.id AS fromId, n.uid AS fromUid, n.title AS fromTitle, l.sentence
       FROM note_links l JOIN items n ON n.id = l.from_id
      WHERE l.to_uid = ? AND n.deleted_at IS NULL
      ORDER BY n.updated_at DESC, n.id DESC, l.position`,
  ).all(uid) as Backlink[];
}

/** What each uid a note links to is now: an item or note to open, one in the trash, or one deleted for good. */
export function linkTargets(db: Db, uids: string[]): LinkTarget[] {
  type Row = { id: number; kind: 'article' | 'note'; title: string; deleted_at: string | null };
  const byUid = statement(db, 'SELECT id, kind, title, deleted_at FROM items WHERE uid = ?');
  // An annotation is in the trash when it or its item is.
  const annotation = statement(
    db,
    'SELECT i.id, i.kind, i.title, coalesce(a.deleted_at, i.deleted_at) AS deleted_at FROM annotations a JOIN items i ON i.id = a.item_id WHERE a.uid = ?',
  );
  return [...new Set(uids.map((u) => u.toLowerCase()))].map((uid): LinkTarget => {
    const item = byUid.get(uid) as Row | undefined;
    const onItem = item ? undefined : (annotation.get(uid) as Row | undefined);
    const row = item ?? onItem;
    if (!row) return { uid, id: null, kind: null, title: null, state: 'missing' };
    return { uid, id: row.id, kind: row.kind, title: row.title, state: row.deleted_at === null ? 'ok' : 'trashed', ...(onItem ? { annotation: true as const } : {}) };
  });
}
