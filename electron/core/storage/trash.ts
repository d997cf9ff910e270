// The trash: a deleted item keeps its row (deleted_at set) but loses its index row, so search,
// which ranks on the index alone, never sees it; listings without words filter on deleted_at.
// Attached notes go to the trash with their item (same deleted_at) and come back with it.
// Emptying the trash deletes the rows and the originals in files/.
import type { TrashEntry, TrashResult } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { logItemChange } from './change-log.js';
import type { Db } from './database.js';
import { deleteFtsRow } from './fts-row.js';
import { deleteItemRows, getItemRow, reindexItem } from './items.js';
import { discardIncoming, placeOriginal, withdrawOriginal } from './original-files.js';
import { statement } from './statements.js';
import { writeTransaction } from './write-transaction.js';

/** Moves item `id` (and the notes attached to it) to the trash; `deleted` is false if it already was there. */
export function trashItem(db: Db, id: number, now = new Date().toISOString()): TrashResult {
  return writeTransaction(db, () => {
    const row = getItemRow(db, id);
    if (row.deleted_at !== null) return { deleted: false, notes: 0 };
    const notes = statement(db, 'SELECT id FROM items WHERE parent_id = ? AND deleted_at IS NULL ORDER BY id').pluck().all(id) as number[];
    const setDeleted = statement(db, 'UPDATE items SET deleted_at = ? WHERE id = ?');
    for (const trashed of [id, ...notes]) {
      setDeleted.run(now, trashed);
      deleteFtsRow(db, trashed);
      logItemChange(db, trashed, 'trash', now);
    }
    if (row.parent_id !== null) reindexItem(db, row.parent_id); // a note: out of its item's index row
    return { deleted: true, notes: notes.length };
  });
}

/** Brings item `id` back from the trash, with the notes that went there with it. */
export function restoreItem(db: Db, id: number, now = new Date().toISOString()): { restored: true; notes: number } {
  return writeTransaction(db, () => {
    const row = getItemRow(db, id);
    if (row.deleted_at === null) throw new ArchiveError('not-found', `item ${id} is not in the trash`);
    if (row.parent_id !== null && getItemRow(db, row.parent_id).deleted_at !== null) {
      throw new ArchiveError('invalid-argument', `note ${id} belongs to item ${row.parent_id}, which is in the trash: restore that item`);
    }
    const notes = statement(db, 'SELECT id FROM items WHERE parent_id = ? AND deleted_at = ? ORDER BY id').pluck().all(id, row.deleted_at) as number[];
    const clear = statement(db, 'UPDATE items SET deleted_at = NULL WHERE id = ?');
    for (const restored of [id, ...notes]) {
      clear.run(restored);
      logItemChange(db, restored, 'restore', now);
    }
    for (const note of notes) reindexItem(db, note);
    reindexItem(db, id); // after its notes are back: they are part of its index row
    if (row.parent_id !== null) reindexItem(db, row.parent_id);
    return { restored: true, notes: notes.length };
  });
}

/** What is in the trash, most recently deleted first; notes trashed with their item are counted, not listed. */
export function listTrash(db: Db): TrashEntry[] {
  return statement(db,
    `SELECT i.id, i.uid, i.kind, i.title, i.deleted_at AS deletedAt,
            (SELECT count(*) FROM items n WHERE n.parent_id = i.id AND n.deleted_at = i.deleted_at) AS notes
       FROM items i
      WHERE i.deleted_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM items p WHERE p.id = i.parent_id AND p.deleted_at = i.deleted_at)
      ORDER BY i.deleted_at DESC, i.id DESC`,
  ).all() as TrashEntry[];
}

export interface PurgeResult {
  /** Trash entries deleted for good. */
  deleted: number;
  /** Notes deleted with them. */
  notes: number;
  /** Originals removed from files/. */
  files: number;
}

/**
 * Deletes trashed items for good (all of the trash when `ids` is undefined): rows, attached notes,
 * tag links and the originals no remaining row refers to. Items not in the trash are refused.
 */
export function purgeTrash(db: Db, archiveDir: string, ids?: number[]): PurgeResult {
  // Files are removed after the commit: inside someone else's transaction there is none yet.
  if (db.inTransaction) throw new ArchiveError('internal', 'the trash is emptied in a transaction of its own');
  const withdrawn: Array<{ temp: string; sha256: string }> = [];
  let result: PurgeResult;
  try {
    result = writeTransaction(db, () => {
      withdrawn.length = 0; // a retried transaction starts over
      const entries = ids ?? listTrash(db).map((entry) => entry.id);
      const done: PurgeResult = { deleted: 0, notes: 0, files: 0 };
      for (const id of entries) {
        const row = getItemRow(db, id);
        if (row.deleted_at === null) throw new ArchiveError('invalid-argument', `item ${id} is not in the trash: delete it first`);
        done.notes += statement(db, 'SELECT count(*) FROM items WHERE parent_id = ?').pluck().get(id) as number;
        const { sha256 } = deleteItemRows(db, id);
        done.deleted++;
        // source_sha256 is unique, so no other row can share the file now; checked all the same,
        // inside the transaction, so that a concurrent import of the same file cannot interleave.
        if (sha256 !== null && statement(db, 'SELECT 1 FROM items WHERE source_sha256 = ?').get(sha256) === undefined) {
          const temp = withdrawOriginal(archiveDir, sha256);
          if (temp !== null) withdrawn.push({ temp, sha256 });
        }
      }
      // Notes trashed on their own whose item is gone went with it (ON DELETE CASCADE).
      done.files = withdrawn.length;
      return done;
    });
  } catch (error) {
    for (const { temp, sha256 } of withdrawn) placeOriginal(archiveDir, temp, sha256); // rolled back: put them back
    throw error;
  }
  for (const { temp } of withdrawn) discardIncoming(temp);
  return result;
}
