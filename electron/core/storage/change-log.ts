// The change log (DESIGN §2): one row per change, written in the transaction that makes the change,
// so the log never claims what was rolled back nor misses what was committed. Items and notes are
// logged by uid, annotations by theirs; tags by path and saved searches by name (they have no other stable id).
import type { Db } from './database.js';
import { statement } from './statements.js';

export type ChangeEntity = 'item' | 'note' | 'tag' | 'saved-search' | 'annotation';
export type ChangeOp = 'create' | 'update' | 'trash' | 'restore' | 'delete';

/** Appends one change; call inside the write transaction that makes it. */
export function logChange(db: Db, entity: ChangeEntity, uid: string, op: ChangeOp, at = new Date().toISOString()): void {
  statement(db, 'INSERT INTO change_log (entity, uid, op, at) VALUES (?, ?, ?, ?)').run(entity, uid, op, at);
}

/** Logs a change to item `id` (an article or a note, by its kind), by its uid. */
export function logItemChange(db: Db, id: number, op: ChangeOp, at?: string): void {
  const row = statement(db, 'SELECT uid, kind FROM items WHERE id = ?').get(id) as { uid: string; kind: string } | undefined;
  if (row) logItemRowChange(db, row, op, at);
}

/** Logs a change to an item whose uid and kind the caller holds (an article or a note, by its kind). */
export function logItemRowChange(db: Db, item: { uid: string; kind: string }, op: ChangeOp, at?: string): void {
  logChange(db, item.kind === 'note' ? 'note' : 'item', item.uid, op, at);
}

export interface ChangeRow {
  seq: number;
  entity: ChangeEntity;
  uid: string;
  op: ChangeOp;
  at: string;
}

/** Log rows after `seq` (all when 0), oldest first. */
export function changesSince(db: Db, seq = 0): ChangeRow[] {
  return statement(db, 'SELECT seq, entity, uid, op, at FROM change_log WHERE seq > ? ORDER BY seq').all(seq) as ChangeRow[];
}
