// Annotations: highlighted passages of an item with an optional Markdown comment, anchored the W3C
// Web Annotation way (shared/annotation-anchor.ts). Each change is logged and reindexes the item,
// whose index rows hold its annotations' text (items.ts reindexItem). Deleting keeps the row with
// deleted_at set, so Undo can bring it back.
import { anchorAt, findQuote, resolveAnchor } from '../../shared/annotation-anchor.js';
import type { PortableAnnotation } from '../export/web-annotation.js';
import type { AnnotationColor, AnnotationInfo } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { logChange } from './change-log.js';
import type { Db } from './database.js';
import { getItemRow, reindexItem } from './items.js';
import { statement } from './statements.js';
import { newUid } from './uids.js';
export { annotationSearchText } from './annotation-text.js';
import { writeTransaction } from './write-transaction.js';

interface AnnotationRow {
  id: number;
  uid: string;
  item_id: number;
  exact: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  page: number | null;
  color: AnnotationColor;
  comment: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** An annotation by its number or its uid. */
export type AnnotationRef = number | string;

/** Where the new annotation is: a span of the item's text (the reader), or a quote (the CLI). */
export type AnnotationTarget =
  | { start: number; end: number }
  | { quote: string; occurrence?: number | undefined };

export interface NewAnnotation {
  id: number;
  target: AnnotationTarget;
  color?: AnnotationColor | undefined;
  comment?: string | undefined;
  /** Restoring an export: keep these. */
  uid?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** The PDF page holding `offset`, or null when the item has no page starts. */
export function pageAt(pageStarts: string | null, offset: number): number | null {
  if (!pageStarts) return null;
  const starts = JSON.parse(pageStarts) as number[];
  let page = 0;
  while (page + 1 < starts.length && starts[page + 1]! <= offset) page++;
  return starts.length > 0 ? page + 1 : null;
}

/** One line shortened for a message. */
function short(text: string, max = 60): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The span of the item's text a target names; `invalid-argument` with a one-line message when none. */
function targetSpan(text: string, id: number, target: AnnotationTarget): { start: number; end: number } {
  if ('start' in target) {
    if (target.start < 0 || target.end > text.length || target.end <= target.start || text.slice(target.start, target.end).trim() === '') {
      throw new ArchiveError('invalid-argument', `[${target.start}, ${target.end}) is not a passage of item ${id} (its text has ${text.length} characters): select some text`);
    }
    return { start: target.start, end: target.end };
  }
  const found = findQuote(text, target.quote);
  if (found.length === 0) {
    throw new ArchiveError('invalid-argument', `"${short(target.quote)}" is not in item ${id} (matched ignoring diacritics, alef forms, case and spacing): copy the passage from khizana show ${id}`);
  }
  if (target.occurrence === undefined) {
    if (found.length > 1) {
      throw new ArchiveError('invalid-argument', `"${short(target.quote)}" occurs ${found.length} times in item ${id}: choose one with --occurrence 1 to ${found.length}, or quote more of the passage`);
    }
    return found[0]!;
  }
  const chosen = found[target.occurrence - 1];
  if (!chosen) {
    throw new ArchiveError('invalid-argument', `"${short(target.quote)}" occurs ${found.length} time${found.length === 1 ? '' : 's'} in item ${id}, not ${target.occurrence}: give --occurrence 1 to ${found.length}`);
  }
  return chosen;
}

/** Adds an annotation to an article; returns it resolved. */
export function addAnnotation(db: Db, args: NewAnnotation, now = new Date().toISOString()): AnnotationInfo {
  return writeTransaction(db, () => {
    const item = getItemRow(db, args.id);
    if (item.kind === 'note') throw new ArchiveError('invalid-argument', `item ${args.id} is a note: annotate articles, and write in the note itself`);
    if (item.deleted_at !== null) throw new ArchiveError('invalid-argument', `item ${args.id} is in the trash; restore it first (khizana undelete ${args.id})`);
    const span = targetSpan(item.text, args.id, args.target);
    const anchor = anchorAt(item.text, span.start, span.end);
    const uid = args.uid ?? newUid();
    const info = statement(db,
      `INSERT INTO annotations (uid, item_id, exact, prefix, suffix, start_offset, end_offset, page, color, comment, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(uid, args.id, anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, pageAt(item.page_starts, anchor.start),
      args.color ?? 'yellow', args.comment ?? '', args.createdAt ?? now, args.updatedAt ?? args.createdAt ?? now);
    logChange(db, 'annotation', uid, 'create', now);
    reindexItem(db, args.id);
    return toInfo(db, getRow(db, Number(info.lastInsertRowid)));
  });
}

/**
 * Restores annotations from an export, each with its own anchor as it was (re-anchored in its
 * item's text when shown), in one transaction; each item is reindexed once. Skips those whose uid
 * is already here or whose item is not; returns how many were added.
 */
export function restoreExportedAnnotations(db: Db, list: PortableAnnotation[], now = new Date().toISOString()): number {
  return writeTransaction(db, () => {
    const touched = new Set<number>();
    let added = 0;
    const itemOf = statement(db, 'SELECT id FROM items WHERE uid = ? AND kind = \'article\'').pluck();
    for (const a of list) {
      const itemId = itemOf.get(a.itemUid) as number | undefined;
      if (itemId === undefined || statement(db, 'SELECT 1 FROM annotations WHERE uid = ?').get(a.uid) !== undefined) continue;
      statement(db,
        `INSERT INTO annotations (uid, item_id, exact, prefix, suffix, start_offset, end_offset, page, color, comment, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(a.uid, itemId, a.exact, a.prefix, a.suffix, a.start, a.end, a.page, a.color, a.comment, a.createdAt, a.updatedAt);
      logChange(db, 'annotation', a.uid, 'create', now);
      touched.add(itemId);
      added++;
    }
    for (const id of touched) reindexItem(db, id);
    return added;
  });
}

/** Live annotations of the given items (not deleted), as an export writes them, item by item in reading order. */
export function portableAnnotations(db: Db, itemIds: number[]): PortableAnnotation[] {
  const out: PortableAnnotation[] = [];
  for (const id of itemIds) {
    for (const a of listAnnotations(db, id)) {
      out.push({
        uid: a.uid, itemUid: a.itemUid, exact: a.exact, prefix: a.prefix, suffix: a.suffix, start: a.position.start, end: a.position.end,
        page: a.page, color: a.color, comment: a.comment, createdAt: a.createdAt, updatedAt: a.updatedAt,
      });
    }
  }
  return out;
}

function getRow(db: Db, ref: AnnotationRef): AnnotationRow {
  const row = (typeof ref === 'number'
    ? statement(db, 'SELECT * FROM annotations WHERE id = ?').get(ref)
    : statement(db, 'SELECT * FROM annotations WHERE uid = ?').get(ref)) as AnnotationRow | undefined;
  if (!row) throw new ArchiveError('not-found', `no annotation ${ref}: khizana annotations lists them`);
  return row;
}

function liveRow(db: Db, ref: AnnotationRef): AnnotationRow {
  const row = getRow(db, ref);
  if (row.deleted_at !== null) throw new ArchiveError('not-found', `annotation ${ref} was deleted`);
  return row;
}

/** Changes an annotation's comment and/or colour. */
export function updateAnnotation(db: Db, ref: AnnotationRef, change: { comment?: string | undefined; color?: AnnotationColor | undefined }, now = new Date().toISOString()): AnnotationInfo {
  return writeTransaction(db, () => {
    const row = liveRow(db, ref);
    statement(db, 'UPDATE annotations SET comment = ?, color = ?, updated_at = ? WHERE id = ?')
      .run(change.comment ?? row.comment, change.color ?? row.color, now, row.id);
    logChange(db, 'annotation', row.uid, 'update', now);
    if (change.comment !== undefined && change.comment !== row.comment) reindexItem(db, row.item_id);
    return toInfo(db, getRow(db, row.id));
  });
}

/** Deletes an annotation, keeping it for restoreAnnotation (Undo); false if it already was deleted. */
export function deleteAnnotation(db: Db, ref: AnnotationRef, now = new Date().toISOString()): { deleted: boolean; uid: string } {
  return writeTransaction(db, () => {
    const row = getRow(db, ref);
    if (row.deleted_at !== null) return { deleted: false, uid: row.uid };
    statement(db, 'UPDATE annotations SET deleted_at = ? WHERE id = ?').run(now, row.id);
    logChange(db, 'annotation', row.uid, 'trash', now);
    reindexItem(db, row.item_id);
    return { deleted: true, uid: row.uid };
  });
}

/** Brings a deleted annotation back. */
export function restoreAnnotation(db: Db, ref: AnnotationRef, now = new Date().toISOString()): AnnotationInfo {
  return writeTransaction(db, () => {
    const row = getRow(db, ref);
    if (row.deleted_at === null) return toInfo(db, row);
    statement(db, 'UPDATE annotations SET deleted_at = NULL WHERE id = ?').run(row.id);
    logChange(db, 'annotation', row.uid, 'restore', now);
    reindexItem(db, row.item_id);
    return toInfo(db, getRow(db, row.id));
  });
}

interface ItemFacts {
  uid: string;
  title: string;
  text: string;
  page_starts: string | null;
}

function toInfo(db: Db, row: AnnotationRow, item?: ItemFacts): AnnotationInfo {
  const facts = item ?? (statement(db, 'SELECT uid, title, text, page_starts FROM items WHERE id = ?').get(row.item_id) as ItemFacts);
  const resolved = resolveAnchor(facts.text, { exact: row.exact, prefix: row.prefix, suffix: row.suffix, start: row.start_offset, end: row.end_offset });
  return {
    id: row.id,
    uid: row.uid,
    itemId: row.item_id,
    itemUid: facts.uid,
    itemTitle: facts.title,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    position: { start: row.start_offset, end: row.end_offset },
    resolved,
    orphaned: resolved === null,
    page: resolved === null ? row.page : pageAt(facts.page_starts, resolved.start),
    color: row.color,
    comment: row.comment,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Reading order: by where each sits in its item now, orphans after the rest (by where they were). */
function readingOrder(a: AnnotationInfo, b: AnnotationInfo): number {
  if (a.orphaned !== b.orphaned) return a.orphaned ? 1 : -1;
  const [sa, sb] = [a.resolved ?? a.position, b.resolved ?? b.position];
  return sa.start - sb.start || sa.end - sb.end || a.id - b.id;
}

/**
 * Live annotations of item `on` (or of every item not in the trash), in reading order within each
 * item (items by id), each resolved against the item's current text.
 */
export function listAnnotations(db: Db, on?: number): AnnotationInfo[] {
  if (on !== undefined) getItemRow(db, on);
  const rows = (on === undefined
    ? statement(db, 'SELECT a.* FROM annotations a JOIN items i ON i.id = a.item_id WHERE a.deleted_at IS NULL AND i.deleted_at IS NULL ORDER BY a.item_id, a.id').all()
    : statement(db, 'SELECT * FROM annotations WHERE item_id = ? AND deleted_at IS NULL ORDER BY id').all(on)) as AnnotationRow[];
  const byItem = new Map<number, AnnotationInfo[]>();
  const items = new Map<number, ItemFacts>();
  for (const row of rows) {
    let item = items.get(row.item_id);
    if (!item) {
      item = statement(db, 'SELECT uid, title, text, page_starts FROM items WHERE id = ?').get(row.item_id) as ItemFacts;
      items.set(row.item_id, item);
    }
    const list = byItem.get(row.item_id) ?? [];
    list.push(toInfo(db, row, item));
    byItem.set(row.item_id, list);
  }
  return [...byItem.values()].flatMap((list) => list.sort(readingOrder));
}
