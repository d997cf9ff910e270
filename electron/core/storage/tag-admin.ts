// Renaming, merging and deleting tags with their sub-tags. Tags are not in the full-text index
// (a `tag:` filter reads item_tags), so no item is reindexed: a rename touches tag rows and
// writes one change-log row per affected item, whatever the number of items.
import type { TagDeleteResult, TagRenameResult } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { logChange } from './change-log.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { writeTransaction } from './write-transaction.js';

interface TagRow {
  id: number;
  path: string;
  color: string | null;
}

/** Tag rows at `path` or under it (case-insensitive, like the tags table), parents first. */
function subtreeRows(db: Db, path: string): TagRow[] {
  return statement(db, "SELECT id, path, color FROM tags WHERE path = ? OR substr(path, 1, length(?) + 1) = (? || '/') COLLATE NOCASE ORDER BY path")
    .all(path, path, path) as TagRow[];
}

function unknownTag(path: string): ArchiveError {
  return new ArchiveError('not-found', `no tag "${path}" (nor any tag under it): see the list of tags (khizana tags)`);
}

/** Logs an update of every item linked to one of the tags `ids` (their tag lists change); returns how many. */
function logItemsOfTags(db: Db, ids: number[], at: string): number {
  return statement(db,
    `INSERT INTO change_log (entity, uid, op, at)
     SELECT CASE i.kind WHEN 'note' THEN 'note' ELSE 'item' END, i.uid, 'update', ?
       FROM items i WHERE i.id IN (SELECT DISTINCT it.item_id FROM item_tags it WHERE it.tag_id IN (SELECT value FROM json_each(?)))`,
  ).run(at, JSON.stringify(ids)).changes;
}

/**
 * Renames tag `from` to `to`; its sub-tags follow (`syria` → `sy` makes `syria/idlib` `sy/idlib`).
 * Where a new path is already a tag, the two merge: items carrying both keep one link, and the
 * existing tag's colour is kept (the renamed one's only when the existing one has none). A change
 * of case only (`Syria` → `syria`) is a rename. Saved searches with `tag:from…` are rewritten.
 */
export function renameTag(db: Db, from: string, to: string, now = new Date().toISOString()): TagRenameResult {
  return writeTransaction(db, () => {
    const sources = subtreeRows(db, from);
    if (sources.length === 0) throw unknownTag(from);
    const renamed = sources.map((row) => ({ ...row, next: to + row.path.slice(from.length) }));
    const result: TagRenameResult = { from, to, tags: 0, items: 0, merged: [], savedSearches: 0 };
    if (renamed.every((row) => row.next === row.path)) return result;
    const ids = sources.map((row) => row.id);
    result.items = logItemsOfTags(db, ids, now);
    // Out of the way first, so that renaming into its own subtree (`a` → `a/b` while `a/b` exists)
    // or a change of case never meets a row that is itself about to move. \u0001 cannot be in a tag.
    statement(db, "UPDATE tags SET path = char(1) || id WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(ids));
    const existing = statement(db, 'SELECT id, path, color FROM tags WHERE path = ?');
    for (const row of renamed) {
      const target = existing.get(row.next) as TagRow | undefined;
      if (target) {
        statement(db, 'INSERT OR IGNORE INTO item_tags (item_id, tag_id) SELECT item_id, ? FROM item_tags WHERE tag_id = ?').run(target.id, row.id);
        if (target.color === null && row.color !== null) statement(db, 'UPDATE tags SET color = ? WHERE id = ?').run(row.color, target.id);
        statement(db, 'DELETE FROM item_tags WHERE tag_id = ?').run(row.id);
        statement(db, 'DELETE FROM tags WHERE id = ?').run(row.id);
        logChange(db, 'tag', target.path, 'update', now);
        result.merged.push(target.path);
      } else {
        statement(db, 'UPDATE tags SET path = ? WHERE id = ?').run(row.next, row.id);
        logChange(db, 'tag', row.next, 'create', now);
      }
      logChange(db, 'tag', row.path, 'delete', now);
      result.tags++;
    }
    result.savedSearches = rewriteSavedSearches(db, (query) => renameTagInQuery(query, from, to), now);
    return result;
  });
}

/** Removes tag `path` and its sub-tags from every item (trashed ones too) and deletes them. */
export function deleteTag(db: Db, path: string, now = new Date().toISOString()): TagDeleteResult {
  return writeTransaction(db, () => {
    const rows = subtreeRows(db, path);
    if (rows.length === 0) throw unknownTag(path);
    const ids = JSON.stringify(rows.map((row) => row.id));
    const items = logItemsOfTags(db, rows.map((row) => row.id), now);
    statement(db, 'DELETE FROM item_tags WHERE tag_id IN (SELECT value FROM json_each(?))').run(ids);
    statement(db, 'DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?))').run(ids);
    for (const row of rows) logChange(db, 'tag', row.path, 'delete', now);
    return { tag: rows[0]!.path.slice(0, path.length), tags: rows.length, items };
  });
}

/** Rewrites every saved search's query with `rewrite`; returns how many changed. */
function rewriteSavedSearches(db: Db, rewrite: (query: string) => string, now: string): number {
  const searches = statement(db, 'SELECT name, query FROM saved_searches').all() as Array<{ name: string; query: string }>;
  let changed = 0;
  for (const search of searches) {
    const query = rewrite(search.query);
    if (query === search.query) continue;
    statement(db, 'UPDATE saved_searches SET query = ? WHERE name = ?').run(query, search.name);
    logChange(db, 'saved-search', search.name, 'update', now);
    changed++;
  }
  return changed;
}

/** A tag as a query's `tag:` value: quoted when it holds spaces or quotes (as the UI writes it). */
function tagValue(path: string): string {
  return /[\s"]/u.test(path) ? `"${path.replace(/"/g, '')}"` : path;
}

/**
 * `query` with every `tag:` filter on `from` or under it pointing at `to` instead (`tag:syria/idlib`
 * → `tag:sy/idlib`, also `-tag:` and `tag:"two words"`); the rest of the query is left as typed.
 */
export function renameTagInQuery(query: string, from: string, to: string): string {
  const lower = from.toLowerCase();
  return query.replace(/(^|\s)(-?tag:)(?:"([^"]*)"?|(\S+))/giu, (whole, space: string, lead: string, quoted: string | undefined, bare: string | undefined) => {
    const value = (quoted ?? bare ?? '').split('/').map((s) => s.trim()).filter(Boolean).join('/');
    const low = value.toLowerCase();
    if (low !== lower && !low.startsWith(`${lower}/`)) return whole;
    return `${space}${lead}${tagValue(to + value.slice(from.length))}`;
  });
}
