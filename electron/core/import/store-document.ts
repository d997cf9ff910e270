// The writer's side of an import: stores prepared documents as items (duplicate check, original
// file, row, index and tags), one transaction per batch. What runs before, in parser workers, is
// prepare-document.ts.
import type { ImportFileResult } from '../../shared/dto.js';
import { tagPathSchema } from '../../shared/contract.js';
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';
import { insertItem } from '../storage/items.js';
import { adoptIncoming, discardIncoming, placeOriginal, writeIncoming } from '../storage/original-files.js';
import { stopsWriting, writeTransaction } from '../storage/write-transaction.js';
import { ensureTag } from '../storage/tags.js';
import { logItemChange } from '../storage/change-log.js';
import type { PreparedDocument } from './prepare-document.js';

export interface SourceFile {
  path: string;
  format: string;
  bytes: Uint8Array;
  sha256: string;
  /** The file the bytes were read from, when it may become the original itself (original-files.ts adoptIncoming). */
  file?: string;
}

/** Valid tag paths among `tags` (front matter may hold anything), without duplicates. */
export function validTags(tags: string[]): string[] {
  const out = new Map<string, string>();
  for (const tag of tags) {
    const parsed = tagPathSchema.safeParse(tag);
    if (parsed.success) out.set(parsed.data.toLowerCase(), parsed.data);
  }
  return [...out.values()];
}

/** Tag ids by path for one write transaction: a batch's items mostly share their tags. */
type TagIds = (path: string) => number;

/**
 * ensureTag, each path looked up (or created) once. Made inside the transaction it serves and
 * dropped with it: a tag created by a transaction that is rolled back is gone, and so is its id.
 */
function tagIdsFor(db: Db): TagIds {
  const ids = new Map<string, number>();
  return (path) => {
    let id = ids.get(path);
    if (id === undefined) {
      id = ensureTag(db, path);
      ids.set(path, id);
    }
    return id;
  };
}

/** Id of an item already holding these exact bytes, if any. */
export function findBySha(db: Db, sha: string): number | undefined {
  return statement(db, 'SELECT id FROM items WHERE source_sha256 = ?').pluck().get(sha) as number | undefined;
}

/**
 * The result for a file already stored as item `id`. An item in the trash stays there (it was
 * deleted on purpose): the result says so and how to bring it back.
 */
export function duplicateResult(db: Db, path: string, id: number): ImportFileResult {
  const result: ImportFileResult = { path, status: 'duplicate', id, duplicateOf: id };
  if (statement(db, 'SELECT deleted_at FROM items WHERE id = ?').pluck().get(id) != null) {
    result.warnings = [`already in the archive's trash as item ${id}: restore it with khizana undelete ${id}, or empty the trash first`];
  }
  return result;
}

export interface DocumentToStore {
  source: SourceFile;
  prepared: PreparedDocument;
  tags: string[];
}

/**
 * Gives item `id`, found to hold a file being imported again, that import's tags: importing a
 * folder `--tag project` tags every file in it, those already in the archive too. Not an item in
 * the trash (it was deleted on purpose; the duplicate's warning says how to restore it). Returns
 * how many tags were added; call inside a write transaction.
 */
export function tagDuplicate(db: Db, id: number, tags: string[], tagId: TagIds = (path) => ensureTag(db, path)): number {
  if (tags.length === 0 || statement(db, 'SELECT deleted_at FROM items WHERE id = ?').pluck().get(id) != null) return 0;
  const link = statement(db, 'INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
  let added = 0;
  for (const tag of validTags(tags)) added += link.run(id, tagId(tag)).changes;
  if (added > 0) logItemChange(db, id, 'update');
  return added;
}

/** The duplicate result if this content is already stored (same bytes, or the same text); the import's tags are added to it. */
function findDuplicate(db: Db, { source, prepared, tags }: DocumentToStore, tagId: TagIds): ImportFileResult | null {
  let existing = findBySha(db, source.sha256);
  if (existing === undefined && prepared.textSha !== null) existing = statement(db, 'SELECT id FROM items WHERE text_sha256 = ?').pluck().get(prepared.textSha) as number | undefined;
  if (existing === undefined) return null;
  tagDuplicate(db, existing, tags, tagId);
  return duplicateResult(db, source.path, existing);
}

/** Writes the item row, its index row and its tags; the caller holds the transaction. */
function insertDocument(db: Db, { source, prepared, tags }: DocumentToStore, now: string, tagId: TagIds): ImportFileResult {
  const { doc, title, analysed, textSha } = prepared;
  const id = insertItem(
    db,
    {
      kind: 'article', title, text: doc.text, html: doc.html, lang: prepared.lang, dir: prepared.dir,
      authors: JSON.stringify(doc.authors), publication: doc.publication, url: doc.url, published_at: doc.publishedAt, imported_at: now, updated_at: now,
      parent_id: null, source_path: source.path, source_format: source.format, source_sha256: source.sha256,
      source_encoding: doc.encoding, source_bytes: source.bytes.length, text_sha256: textSha, pages: doc.pages,
      page_starts: doc.pageStarts ? JSON.stringify(doc.pageStarts) : null, warnings: JSON.stringify(doc.warnings),
      source_meta: JSON.stringify(doc.sourceMeta),
    },
    analysed,
  );
  const link = statement(db, 'INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
  for (const tag of validTags([...tags, ...doc.tags])) link.run(id, tagId(tag));
  const result: ImportFileResult = { path: source.path, status: 'imported', id };
  if (doc.warnings.length > 0) result.warnings = doc.warnings;
  return result;
}

/**
 * Stores one prepared document in its own transaction. Duplicates (same bytes, or the same text
 * in another encoding or format) are reported, not stored. Nothing is left behind on failure.
 */
export function storeDocument(db: Db, archiveDir: string, item: DocumentToStore, now: string): ImportFileResult {
  const result = storeDocuments(db, archiveDir, [item], now)[0]!;
  if (result instanceof Error) throw result;
  return result;
}

/**
 * Stores several documents in one write transaction (a commit per item costs more than the item:
 * measured +28 % import throughput at 100 per batch); the caller keeps batches short, since every
 * other writer waits for it. The duplicate check is inside the transaction, so of two imports of
 * one file (two processes) one stores it and the other reports a duplicate. Originals are written
 * to temp files first and renamed into place after the commit (original-files.ts).
 *
 * If an item fails, the transaction is rolled back and run again without it (nothing of the failed
 * one stays, the others are stored together); after a few such failures the rest are stored one
 * per transaction. (Not a savepoint per item: FTS5 writes its pending index data to disk at every
 * savepoint, which measured 2.7× the bytes written and +25 % CPU.) An error about the archive
 * itself (disk full, busy …: `stopsWriting`) is the result of every document not stored when it
 * happened: no further file can be stored now.
 */
export function storeDocuments(db: Db, archiveDir: string, items: DocumentToStore[], now: string): Array<ImportFileResult | Error> {
  // Originals first, outside the lock; a duplicate's is dropped after the commit.
  const temps: string[] = [];
  try {
    for (const { source } of items) temps.push(source.file === undefined ? writeIncoming(archiveDir, source.sha256, source.bytes) : adoptIncoming(archiveDir, source.sha256, source.bytes, source.file));
  } catch (error) {
    temps.forEach(discardIncoming);
    return items.map(() => asError(error));
  }
  const store = (item: DocumentToStore, tagId: TagIds) => findDuplicate(db, item, tagId) ?? insertDocument(db, item, now, tagId);
  const results: Array<ImportFileResult | Error | undefined> = items.map(() => undefined);
  let stop: unknown = null;
  let pending = items.map((_, k) => k);
  for (let rerun = 0; pending.length > 0 && stop === null; rerun++) {
    if (rerun > maxReruns) {
      // Many bad items in one batch: one transaction each, so each costs only itself.
      for (const k of pending) {
        try {
          results[k] = writeTransaction(db, () => store(items[k]!, tagIdsFor(db)));
        } catch (single) {
          if (stopsWriting(single)) {
            stop = single;
            break;
          }
          results[k] = asError(single);
        }
      }
      break;
    }
    let failed = -1;
    try {
      const stored = writeTransaction(db, () => {
        const tagId = tagIdsFor(db);
        return pending.map((k, j) => {
          failed = j;
          const result = store(items[k]!, tagId);
          failed = -1;
          return result;
        });
      });
      stored.forEach((result, j) => (results[pending[j]!] = result));
      pending = [];
    } catch (error) {
      if (stopsWriting(error)) stop = error;
      else if (failed < 0) rerun = maxReruns; // BEGIN or COMMIT failed, no item to blame: one transaction each
      else {
        results[pending[failed]!] = asError(error);
        pending = pending.filter((_, j) => j !== failed);
      }
    }
  }
  // What was committed gets its original into place; every other temp file goes.
  temps.forEach((temp, k) => {
    const result = results[k];
    if (result && !(result instanceof Error) && result.status === 'imported') {
      try {
        placeOriginal(archiveDir, temp, items[k]!.source.sha256);
      } catch {
        // Left in .incoming: the next opening of the archive moves it into place (sweepIncoming).
      }
    } else discardIncoming(temp);
  });
  return results.map((result) => result ?? asError(stop));
}

/** Reruns of a batch without its failed items before the rest are stored one by one. */
const maxReruns = 3;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
