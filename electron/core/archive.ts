// Opens an archive folder and implements the contract on it (the in-process transport).
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { validatedApi, type ArchiveApi, type ArchiveHandlers } from '../shared/contract.js';
import type { ArchiveEvent, BulkProgress } from '../shared/dto.js';
import { importPaths } from './import/import-paths.js';
import { createImportFeed } from './import/import-feed.js';
import { defaultParseLimits, type ParseLimits } from './import/parsed-document.js';
import { parseInProcess } from './import/parse-in-process.js';
import { readHandlers } from './read-handlers.js';
import { createVocabulary } from './search/vocabulary.js';
import { openArchiveStore } from './storage/archive-store.js';
import { sweepIncoming, sweepStaleUploads, uploadsDir } from './storage/original-files.js';
import { statement } from './storage/statements.js';
import { databaseFileName } from './storage/read-connection.js';
import { deleteItem } from './storage/items.js';
import { editItem } from './storage/edit-item.js';
import { purgeTrash, restoreItem, trashItem } from './storage/trash.js';
import { addNote, getNoteRow, updateNote } from './storage/notes.js';
import { addTag, removeTag, setTagColor } from './storage/tags.js';
import { deleteSavedSearch, saveSearch } from './storage/saved-searches.js';
import { createParsePool, initialParsers, type ParsePool } from './import/parse-pool.js';
import { guardWrites } from './write-guard.js';
import { backupService } from './backup/service.js';
import { idleCheckpoints } from './storage/wal-checkpoint.js';
import os from 'node:os';
import { importExports } from './export/import-export.js';
import { addAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from './storage/annotations.js';
import { runBulk } from './storage/bulk.js';
import { deleteTag, renameTag } from './storage/tag-admin.js';
import { searchIds } from './search/run-search.js';

export interface ArchiveSession {
  api: ArchiveApi;
  dir: string;
  close(): Promise<void>;
}

export interface OpenArchiveOptions {
  dir: string;
  onEvent?: (event: ArchiveEvent) => void;
  limits?: ParseLimits;
  /** Parser worker threads per import (default: one per core); 0 parses in this thread. */
  parseWorkers?: number;
  /** Checkpoint the WAL after this long without commits (storage/wal-checkpoint.ts). */
  checkpointIdleMs?: number;
}

export { databaseFileName };

/** Opens (creating on first use) the archive in `dir` and returns the contract implemented on it. */
export async function openArchive(options: OpenArchiveOptions): Promise<ArchiveSession> {
  const dir = path.resolve(options.dir);
  // Read-only when the folder cannot be written; refuses a lost or emptied database (see the store).
  const store = openArchiveStore(dir, path.join(dir, databaseFileName));
  const db = store.db;
  // Originals a crashed import left half-moved, and uploads a crashed serve left waiting
  // (original-files.ts): one readdir each when there are none.
  if (store.readOnly === null) {
    sweepIncoming(dir, (sha) => statement(db, 'SELECT source_bytes FROM items WHERE source_sha256 = ?').pluck().get(sha) as number | undefined);
    await sweepStaleUploads(uploadsDir(dir));
  }
  const checkpoints = idleCheckpoints(db, options.checkpointIdleMs);
  const backups = backupService({ db, archiveDir: dir });
  const vocabulary = createVocabulary(db);
  const limits = options.limits ?? defaultParseLimits;
  const parsers = warmParsePool(options.parseWorkers ?? os.availableParallelism(), limits);
  /** Running imports by job id; aborting one cancels it. */
  const jobs = new Map<string, AbortController>();
  /** Running imports begun with `open`, by job id: feedImport hands them more paths. */
  const feeds = new Map<string, ReturnType<typeof createImportFeed>>();

  // Every method that changes indexed text (items, notes) goes through here, so the typo
  // vocabulary (built from the index) never outlives the words it was built from. Tags and saved
  // searches are not in the index, so their methods do not.
  const changesText = <A, R>(method: (args: A) => Promise<R>) => async (args: A): Promise<R> => {
    try {
      return await method(args);
    } finally {
      vocabulary.invalidate();
    }
  };

  const handlers: ArchiveHandlers = {
    ...readHandlers(db, vocabulary, dir),
    importPaths: changesText(async (args) => {
      const jobId = args.jobId ?? randomUUID();
      const job = new AbortController();
      jobs.set(jobId, job);
      const feed = args.open ? createImportFeed() : undefined;
      if (feed) feeds.set(jobId, feed);
      let acquired = false;
      try {
        // Exports (a folder with an export manifest, or a .zip) are imported back as they were; the rest are files.
        const exported = await importExports({ db, archiveDir: dir, signal: job.signal, jobId, onProgress: (progress) => options.onEvent?.({ type: 'importProgress', progress }) }, args.paths);
        if ((exported.others.length === 0 && !feed) || exported.report.stopped || exported.report.cancelled) return exported.report;
        const pool = parsers.acquire();
        acquired = true;
        return exported.merge(await importPaths(
          {
            db, archiveDir: dir, limits,
            parse: pool ? (job, bytes, parse) => pool.parse(job, bytes, parse) : (job, bytes, parse) => parseInProcess(job, bytes, limits, { onPage: parse.onPage, signal: parse.signal }),
            // Read ahead enough to keep every parser busy while the writer stores in order.
            parallelism: pool ? pool.size * 2 : 1,
            onProgress: (progress) => options.onEvent?.({ type: 'importProgress', progress }),
            signal: job.signal,
          },
          { paths: exported.others, tags: args.tags, jobId, sourceRoot: args.sourceRoot, feed },
        ));
      } finally {
        if (acquired) parsers.release();
        if (jobs.get(jobId) === job) jobs.delete(jobId); // a reused job id belongs to its latest import
        if (feed && feeds.get(jobId) === feed) feeds.delete(jobId);
        const renamed = feed?.closed()?.jobId;
        if (renamed !== undefined && jobs.get(renamed) === job) jobs.delete(renamed);
      }
    }),
    // Warm for the import that follows (an upload in progress): the pool stops after its idle time.
    async prepareImport() {
      const pool = parsers.acquire();
      parsers.release();
      return { parsers: pool?.size ?? 0 };
    },
    async feedImport({ jobId, paths, close }) {
      const feed = feeds.get(jobId);
      if (!feed) return { fed: false };
      feed.add(paths);
      if (close) {
        feed.close(close);
        // From here on the caller knows the job by its own id (its progress events and its Cancel).
        const job = jobs.get(jobId);
        if (close.jobId !== undefined && job) jobs.set(close.jobId, job);
      }
      return { fed: true };
    },
    async cancelImport({ jobId }) {
      const job = jobs.get(jobId);
      if (!job) return { cancelled: false };
      job.abort();
      return { cancelled: true };
    },
    editItem: changesText(async (args) => editItem(db, args)),
    deleteItem: changesText(async ({ id }) => trashItem(db, id)),
    restoreItem: changesText(async ({ id }) => restoreItem(db, id)),
    emptyTrash: changesText(async ({ ids }) => purgeTrash(db, dir, ids)),
    async addTag({ id, tag }) {
      return { tags: addTag(db, id, tag) };
    },
    async removeTag({ id, tag }) {
      return { tags: removeTag(db, id, tag) };
    },
    async setTagColor({ tag, color }) {
      return setTagColor(db, tag, color);
    },
    addNote: changesText(async ({ text, on }) => addNote(db, text, on)),
    updateNote: changesText(async ({ id, text }) => updateNote(db, id, text)),
    deleteNote: changesText(async ({ id }) => {
      getNoteRow(db, id);
      return { deleted: deleteItem(db, id) };
    }),
    async saveSearch({ name, query, sort }) {
      return saveSearch(db, { name, query, sort });
    },
    async deleteSavedSearch({ name }) {
      return { deleted: deleteSavedSearch(db, name) };
    },
    backupNow: (args) => backups.backupNow(args),
    async backupStatus() {
      return backups.status();
    },
    async setBackupSettings(args) {
      return backups.setSettings(args);
    },
    async restoreBackup(args) {
      return backups.restore(args);
    },
    // Annotations are indexed text (an item's notes column): they go through changesText.
    addAnnotation: changesText(async ({ id, start, end, quote, occurrence, color, comment }) =>
      addAnnotation(db, { id, target: quote !== undefined ? { quote, occurrence } : { start: start!, end: end! }, color, comment })),
    updateAnnotation: changesText(async ({ annotation, comment, color }) => updateAnnotation(db, annotation, { comment, color })),
    deleteAnnotation: changesText(async ({ annotation }) => deleteAnnotation(db, annotation)),
    restoreAnnotation: changesText(async ({ annotation }) => restoreAnnotation(db, annotation)),
    // Tags you can manage, and many items at once (issue 11). Tags are not in the index: no reindex.
    async renameTag({ from, to }) {
      return renameTag(db, from, to);
    },
    async deleteTag({ tag }) {
      return deleteTag(db, tag);
    },
    bulkTag: async (args) => runBulk(db, 'tag', selectedIds(args), bulkOptions(args, args.tag)),
    bulkUntag: async (args) => runBulk(db, 'untag', selectedIds(args), bulkOptions(args, args.tag)),
    bulkDelete: changesText(async (args) => runBulk(db, 'delete', selectedIds(args), bulkOptions(args))),
    bulkRestore: changesText(async (args) => runBulk(db, 'restore', args.ids, bulkOptions(args))),
  };

  /** The items of a bulk action: its ids, or everything its query finds but `except`. */
  function selectedIds(args: { ids?: number[] | undefined; query?: string | undefined; except?: number[] | undefined }): number[] {
    if (args.ids) return args.ids;
    const except = new Set(args.except ?? []);
    return searchIds(db, vocabulary, args.query ?? '').filter((id) => !except.has(id));
  }
  function bulkOptions(args: { jobId?: string | undefined }, tag?: string) {
    const jobId = args.jobId ?? randomUUID();
    return { jobId, tag, onProgress: (progress: BulkProgress) => options.onEvent?.({ type: 'bulkProgress', progress }) };
  }

  return {
    api: validatedApi(guardWrites(handlers, store)),
    dir,
    async close() {
      for (const job of jobs.values()) job.abort();
      await parsers.close();
      await backups.close();
      checkpoints.close();
      store.close();
    },
  };
}

/**
 * The parser pool, kept warm between imports (starting workers and loading jsdom or pdf.js in
 * them costs ~0.5–1 s, which a user dropping one file would feel) and stopped when idle.
 */
function warmParsePool(size: number, limits: ParseLimits, idleMs = 60_000) {
  let pool: ParsePool | null = null;
  let users = 0;
  let idle: NodeJS.Timeout | null = null;
  return {
    acquire(): ParsePool | null {
      if (size <= 0) return null;
      if (idle) clearTimeout(idle);
      idle = null;
      users++;
      pool ??= createParsePool({ limits, size, initialSize: initialParsers(size) });
      return pool;
    },
    release(): void {
      if (size <= 0) return;
      users--;
      if (users > 0 || !pool) return;
      idle = setTimeout(() => {
        void pool?.close();
        pool = null;
      }, idleMs);
      idle.unref();
    },
    async close(): Promise<void> {
      if (idle) clearTimeout(idle);
      await pool?.close();
      pool = null;
    },
  };
}
