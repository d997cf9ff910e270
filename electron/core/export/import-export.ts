// Imports an export (export-format.ts) back into an archive: the same items with the same uids,
// their text and metadata as exported (not parsed again, so edits survive), the original bytes,
// tags with their colours, notes attached to the same items, saved searches. What the archive
// already holds (same uid, or same original bytes) is reported as a duplicate, not copied.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileResult, ImportProgress, ImportReport } from '../../shared/dto.js';
import { ArchiveError, toErrorShape, type ErrorShape } from '../../shared/errors.js';
import { mergeImportReports } from '../../shared/import-report.js';
import { openZip, readZipEntry, type ZipArchive } from '../import/safe-zip.js';
import { validTags } from '../import/store-document.js';
import type { Db } from '../storage/database.js';
import { insertItem, reindexItem } from '../storage/items.js';
import { restoreExportedAnnotations } from '../storage/annotations.js';
import { annotationsFileName, fromWebAnnotation, type PortableAnnotation } from './web-annotation.js';
import { discardIncoming, placeOriginal, writeIncoming } from '../storage/original-files.js';
import { statement } from '../storage/statements.js';
import { ensureTag } from '../storage/tags.js';
import { stopsWriting, writeTransaction } from '../storage/write-transaction.js';
import {
  exportFormat,
  exportFormatVersion,
  exportManifestSchema,
  exportRecordSchema,
  manifestName,
  savedSearchesFileSchema,
  tagsFileSchema,
  type ExportManifest,
  type ExportRecord,
} from './export-format.js';

/** Reads the files of an export, from its folder or its zip. */
interface ExportReader {
  read(name: string): Buffer | null;
}

/** True when `p` looks like an export: a folder with an export manifest, or a .zip file (checked when read). */
export function isExportPath(p: string): boolean {
  try {
    const stat = fs.statSync(p);
    if (stat.isFile()) return p.toLowerCase().endsWith('.zip');
    if (!stat.isDirectory()) return false;
    const manifest = path.join(p, manifestName);
    return fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8').includes(`"${exportFormat}"`);
  } catch {
    return false;
  }
}

/** No limits beyond the machine's: an export is the user's own archive, and each entry's size is still checked while inflating. */
const exportZipLimits = { maxFileBytes: Number.MAX_SAFE_INTEGER, maxUnzippedBytes: Number.MAX_SAFE_INTEGER, maxZipEntries: 10_000_000, maxTextChars: Number.MAX_SAFE_INTEGER };

function openReader(p: string): ExportReader {
  if (fs.statSync(p).isDirectory()) {
    return {
      read(name) {
        const file = path.join(p, ...name.split('/'));
        return fs.existsSync(file) ? fs.readFileSync(file) : null;
      },
    };
  }
  let zip: ZipArchive;
  try {
    zip = openZip(fs.readFileSync(p), exportZipLimits);
  } catch (error) {
    const message = error instanceof ArchiveError ? error.message : ((error as Error).message ?? String(error)).split('\n')[0];
    throw new ArchiveError('corrupt', `${p} cannot be read as a Khizana export (${message}); export it again`);
  }
  return {
    read(name) {
      const bytes = readZipEntry(zip, name);
      return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

function readManifest(reader: ExportReader, p: string): ExportManifest {
  const bytes = reader.read(manifestName);
  if (!bytes) throw new ArchiveError('unsupported', `${p} is not a Khizana export (it has no ${manifestName})`);
  let parsed;
  try {
    parsed = exportManifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new ArchiveError('corrupt', `${p}: its ${manifestName} is damaged; export it again`);
  }
  if (!parsed.success) throw new ArchiveError('unsupported', `${p} is not a Khizana export (its ${manifestName} is of another kind)`);
  if (parsed.data.formatVersion > exportFormatVersion) {
    throw new ArchiveError('unsupported', `${p} is an export of format ${parsed.data.formatVersion}, newer than this Khizana reads (${exportFormatVersion}); update Khizana`);
  }
  return parsed.data;
}

/** The lines of items.jsonl, split on bytes (the whole file may be larger than one string can be). */
function* jsonLines(bytes: Buffer): Generator<string> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', start, end).trim();
    if (line) yield line;
    start = end + 1;
  }
}

export interface ImportExportDeps {
  db: Db;
  archiveDir: string;
  signal: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  jobId: string;
}

const batchSize = 100;

/** Imports the export at `p`; one result per item (its Markdown file's path), like an import of files. */
export async function importExport(deps: ImportExportDeps, p: string): Promise<{ results: ImportFileResult[]; cancelled: boolean; stopped?: unknown }> {
  const { db, archiveDir } = deps;
  const reader = openReader(p);
  const manifest = readManifest(reader, p);
  const where = (name: string): string => path.join(p, ...name.split('/'));
  const results: ImportFileResult[] = [];
  const items = reader.read('items.jsonl');
  if (!items) throw new ArchiveError('corrupt', `${p} has no items.jsonl; export it again`);
  const total = manifest.counts.articles + manifest.counts.notes;
  /**
   * The records in batches, parsed as they are needed (30,000 parsed articles at once would cost
   * a gigabyte). Articles first: notes are held back to the end, so a note finds its article.
   */
  function* batches(): Generator<ExportRecord[]> {
    const notes: ExportRecord[] = [];
    let batch: ExportRecord[] = [];
    let lineNo = 0;
    for (const line of jsonLines(items!)) {
      lineNo++;
      let parsed;
      try {
        parsed = exportRecordSchema.safeParse(JSON.parse(line));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        results.push({ path: `${where('items.jsonl')}:${lineNo}`, status: 'failed', error: { code: 'corrupt', message: 'this line of items.jsonl is damaged: it was not imported' } });
        continue;
      }
      if (parsed.data.kind === 'note') notes.push(parsed.data);
      else batch.push(parsed.data);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    for (let k = 0; k < notes.length; k += batchSize) yield notes.slice(k, k + batchSize);
  }

  const idByUid = statement(db, 'SELECT id FROM items WHERE uid = ?').pluck();
  const idBySha = statement(db, 'SELECT id FROM items WHERE source_sha256 = ?').pluck();
  const link = statement(db, 'INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');

  const store = (record: ExportRecord): ImportFileResult => {
    const at = where(record.markdown);
    const existing = (idByUid.get(record.uid) ?? (record.source_sha256 ? idBySha.get(record.source_sha256) : undefined)) as number | undefined;
    if (existing !== undefined) return { path: at, status: 'duplicate', id: existing, duplicateOf: existing };
    const parentId = record.parent_uid === null ? null : ((idByUid.get(record.parent_uid) as number | undefined) ?? null);
    const { tags, warnings, parent_uid: _parent, original: _original, markdown: _markdown, id: _id, ...row } = record;
    // insertItem indexes the item and logs its creation, as for any other new item.
    const { authors, source_meta: sourceMeta, edited, ...fields } = row;
    const id = insertItem(db, {
      ...fields, parent_id: parentId, warnings: JSON.stringify(warnings),
      authors: JSON.stringify(authors), source_meta: JSON.stringify(sourceMeta), edited: JSON.stringify(edited),
    });
    for (const tag of validTags(tags)) link.run(id, ensureTag(db, tag));
    if (parentId !== null) reindexItem(db, parentId);
    const result: ImportFileResult = { path: at, status: 'imported', id };
    if (record.parent_uid !== null && parentId === null) result.warnings = [`the item this note was attached to (${record.parent_uid}) is not in the archive: imported as a standalone note`];
    return result;
  };

  let done = 0;
  let stopped: unknown;
  let cancelled = false;
  for (const batch of batches()) {
    if (deps.signal.aborted) {
      cancelled = true;
      break;
    }
    // Originals first, outside the write lock, checked against their sha256 (as an import of files does).
    const temps = new Map<ExportRecord, string>();
    const failures = new Map<ExportRecord, ImportFileResult>();
    for (const record of batch) {
      if (!record.original || !record.source_sha256 || idByUid.get(record.uid) !== undefined || idBySha.get(record.source_sha256) !== undefined) continue;
      try {
        const bytes = reader.read(record.original);
        if (!bytes) throw new ArchiveError('corrupt', `its original ${record.original} is missing from the export`);
        if (createHash('sha256').update(bytes).digest('hex') !== record.source_sha256) throw new ArchiveError('corrupt', `its original ${record.original} does not match its sha256 (damaged)`);
        temps.set(record, writeIncoming(archiveDir, record.source_sha256, bytes));
      } catch (error) {
        if (stopsWriting(error)) {
          stopped = error;
          break;
        }
        failures.set(record, { path: where(record.markdown), status: 'failed', error: toErrorShape(error) });
      }
    }
    if (stopped) {
      temps.forEach(discardIncoming);
      break;
    }
    const stored = new Map<ExportRecord, ImportFileResult>(failures);
    const todo = batch.filter((r) => !failures.has(r));
    try {
      writeTransaction(db, () => todo.forEach((r) => stored.set(r, store(r))));
    } catch (error) {
      if (stopsWriting(error)) stopped = error;
      else {
        // One bad item fails alone: the rest of the batch is stored item by item.
        for (const r of todo) {
          try {
            stored.set(r, writeTransaction(db, () => store(r)));
          } catch (single) {
            if (stopsWriting(single)) {
              stopped = single;
              break;
            }
            stored.set(r, { path: where(r.markdown), status: 'failed', error: toErrorShape(single) });
          }
        }
      }
    }
    for (const [record, temp] of temps) {
      if (stored.get(record)?.status === 'imported') {
        try {
          placeOriginal(archiveDir, temp, record.source_sha256!);
        } catch {
          // Left in .incoming: the next opening of the archive moves it into place (sweepIncoming).
        }
      } else discardIncoming(temp);
    }
    for (const record of batch) {
      const result = stored.get(record);
      if (!result) continue;
      results.push(result);
      done++;
      deps.onProgress?.({ jobId: deps.jobId, filesDone: done, filesTotal: total, bytesDone: done, bytesTotal: total, currentFile: null, last: result });
    }
    if (stopped) break;
    // Between batches the archive answers other calls, and another writer gets the lock (as an import of files does).
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!stopped && !cancelled) {
    importTagsAndSearches(db, reader);
    importAnnotations(db, reader);
  }
  return { results, cancelled, ...(stopped ? { stopped } : {}) };
}

/** The export's annotations (W3C, annotations.jsonl), on the items that are here now; damaged lines are skipped. */
function importAnnotations(db: Db, reader: ExportReader): void {
  const bytes = reader.read(annotationsFileName);
  if (!bytes) return;
  const list: PortableAnnotation[] = [];
  for (const line of jsonLines(bytes)) {
    try {
      const annotation = fromWebAnnotation(JSON.parse(line));
      if (annotation) list.push(annotation);
    } catch {
      // a damaged line: the others still come back
    }
  }
  if (list.length > 0) restoreExportedAnnotations(db, list);
}

/** Tag colours (a colour already set here is kept) and saved searches (one of the same name here is kept). */
function importTagsAndSearches(db: Db, reader: ExportReader): void {
  const parse = <T>(name: string, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): T | null => {
    const bytes = reader.read(name);
    if (!bytes) return null;
    try {
      const result = schema.safeParse(JSON.parse(bytes.toString('utf8')));
      return result.success ? (result.data as T) : null;
    } catch {
      return null;
    }
  };
  const tags = parse('tags.json', tagsFileSchema) ?? [];
  const searches = parse('saved-searches.json', savedSearchesFileSchema) ?? [];
  writeTransaction(db, () => {
    for (const tag of tags) {
      const [valid] = validTags([tag.path]);
      if (!valid || tag.color === null) continue;
      statement(db, 'UPDATE tags SET color = ? WHERE id = ? AND color IS NULL').run(tag.color, ensureTag(db, valid));
    }
    const save = statement(db, 'INSERT INTO saved_searches (name, query, sort, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING');
    for (const s of searches) save.run(s.name, s.query, s.sort, s.createdAt);
  });
}

/**
 * Imports the exports among `paths` and returns the other paths (files to import as usual) and a
 * report of the exports that `merge` adds to the files' report.
 */
export async function importExports(deps: ImportExportDeps, paths: string[]): Promise<{ others: string[]; report: ImportReport; merge(files: ImportReport): ImportReport }> {
  const others: string[] = [];
  const results: ImportFileResult[] = [];
  let cancelled = false;
  let stopped: ErrorShape | undefined;
  for (const p of paths) {
    if (!isExportPath(p)) {
      others.push(p);
      continue;
    }
    if (cancelled || stopped) continue;
    try {
      const outcome = await importExport(deps, path.resolve(p));
      results.push(...outcome.results);
      cancelled ||= outcome.cancelled;
      if (outcome.stopped) stopped = toErrorShape(outcome.stopped);
    } catch (error) {
      const failed: ImportFileResult = { path: p, status: 'failed', error: toErrorShape(error) };
      results.push(failed);
      deps.onProgress?.({ jobId: deps.jobId, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, currentFile: null, last: failed });
    }
  }
  const count = (r: ImportFileResult[], status: ImportFileResult['status']) => r.filter((x) => x.status === status).length;
  const report: ImportReport = {
    jobId: deps.jobId, results, imported: count(results, 'imported'), duplicates: count(results, 'duplicate'),
    failed: count(results, 'failed'), skipped: count(results, 'skipped'), cancelled, ...(stopped ? { stopped } : {}),
  };
  return {
    others,
    report,
    merge: (files) => mergeImportReports(report, files),
  };
}
