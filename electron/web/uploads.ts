// Browser uploads: a browser cannot hand us paths, so dropped files are streamed into a private
// temp folder, imported from there as one job, and the folder is deleted afterwards. The folder
// is named after the serving process, so a serve that crashed is cleaned up by the next one. It is
// in the archive's own upload area when serve has one (on the archive's disk: each stored file is
// moved into the archive, not written a second time), else in the system's temp folder.
// The job starts with the first file and is fed each file as it arrives (in the order they were
// sent), so the writer stores while the rest are on their way and the commit has only the tail
// left; an upload thrown away before its commit deletes for good exactly what its job stored.
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArchiveApi } from '../shared/contract.js';
import type { ImportReport } from '../shared/dto.js';
import { mergeImportReports } from '../shared/import-report.js';
import { ArchiveError, toErrorShape } from '../shared/errors.js';
import { packBytes, unpackBody } from '../shared/upload-pack.js';
import { uploadFolderPrefix } from '../core/storage/original-files.js';
import { readBody } from './http-io.js';

/** The commit's word to the job: its tags, and the job id the UI knows it by. */
type FeedClose = { tags: string[]; jobId?: string };

/** Limits for one upload batch, and for all of them waiting to be imported. */
export interface UploadLimits {
  fileBytes: number;
  batchBytes: number;
  files: number;
  /** Batches begun and not yet imported or thrown away. */
  pendingBatches: number;
  /** Bytes of all those batches together. */
  pendingBytes: number;
  /** Files of all those batches together. */
  pendingFiles: number;
  /**
   * How long a batch may receive nothing (no byte, no commit) before it is thrown away with what its
   * job stored: a browser that crashed or lost the network. A long upload that keeps sending stays.
   */
  batchIdleMs: number;
}

export const defaultUploadLimits: UploadLimits = {
  fileBytes: 1024 ** 3,
  batchBytes: 8 * 1024 ** 3,
  files: 100_000,
  pendingBatches: 16,
  pendingBytes: 8 * 1024 ** 3,
  pendingFiles: 100_000,
  batchIdleMs: 15 * 60 * 1000,
};

interface Batch {
  id: string;
  dir: string;
  /** Target paths in the order their uploads arrived (some may still be streaming). */
  files: string[];
  /** Those whose upload has finished: only these are imported. */
  complete: Set<string>;
  /** Every target path handed out, including uploads still streaming (names are unique per batch). */
  reserved: Set<string>;
  /** The folders those paths need (below the batch folder), with how many reserved paths need each. */
  folders: Map<string, number>;
  /** Folders known to exist on disk (the batch folder and those made for its files). */
  made: Set<string>;
  bytes: number;
  busy: boolean;
  timer: NodeJS.Timeout;
  /** The archive the files are stored in as they arrive (given at begin), or null: all at the commit. */
  api: ArchiveApi | null;
  /** The import job (internal id until the commit names it), once its first file is fed. */
  jobId: string;
  importing: Promise<ImportReport> | null;
  /** Files finished and not yet handed to the job (a feed call is under way). */
  queued: string[];
  /** The feed call under way, if `inFlight`. */
  feeding: Promise<unknown>;
  inFlight: boolean;
  /** The commit's close, once given; and whether the job was sent it. */
  closing: FeedClose | null;
  closeSent: boolean;
  /** How many of `files` (from the start) were handed to the job. */
  fed: number;
  /** Export archives (.zip): imported at the commit, the way importPaths takes them. */
  held: string[];
  /** Files the job did not take (it had ended: a full disk). */
  unfed: string[];
}

export interface UploadStore {
  /** Starts a batch; returns its id. With `api`, its files are stored as they arrive (see the top). */
  begin(api?: ArchiveApi): Promise<string>;
  /** Streams one file of a batch to disk under its (sanitised) relative name. */
  receive(batchId: string, name: string, body: Readable): Promise<{ name: string; bytes: number }>;
  /**
   * Receives a pack of small files (shared/upload-pack.ts), each as `receive` would, in order. A
   * file refused stops the rest (those before it are received): the client then abandons the batch.
   */
  receivePack(batchId: string, body: Readable): Promise<Array<{ name: string; bytes: number }>>;
  /** Imports every file of the batch as one job (what is left of it), then deletes the batch. */
  commit(batchId: string, api: ArchiveApi, options: { jobId?: string; tags?: string[] }): Promise<ImportReport>;
  /** Throws a batch away, with the items its job stored. */
  abort(batchId: string): Promise<void>;
  /** Replaces temp paths of live batches by the names the user uploaded. */
  displayPath(text: string): string;
  /** Deletes every batch, with the items their jobs stored (server shutdown). */
  closeAll(): Promise<void>;
}


/** Turns an untrusted relative name into safe path segments, or throws invalid-argument. */
export function safeRelativeName(name: string): string {
  const segments = name
    .split(/[/\\]+/)
    .map((s) => s.replace(/[\p{Cc}]/gu, '').trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.slice(0, 200));
  if (segments.length === 0) throw new ArchiveError('invalid-argument', 'an uploaded file needs a name');
  return segments.slice(-32).join(path.sep);
}

/** `name`, or `name (2).ext`, `name (3).ext` … when it is taken (two dropped files may share a name). */
export function uniqueName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 2; n < 100_000; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken(candidate)) return candidate;
  }
  throw new ArchiveError('invalid-argument', `no free name for ${name}`);
}

/** The folders between the batch folder and `full` (outermost first), without either. */
function foldersOf(batch: Batch, full: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(full); dir.length > batch.dir.length && dir.startsWith(batch.dir + path.sep); dir = path.dirname(dir)) out.unshift(dir);
  return out;
}

function reserve(batch: Batch, target: string): void {
  batch.reserved.add(target);
  for (const dir of foldersOf(batch, target)) batch.folders.set(dir, (batch.folders.get(dir) ?? 0) + 1);
}

function release(batch: Batch, target: string): void {
  if (!batch.reserved.delete(target)) return;
  for (const dir of foldersOf(batch, target)) {
    const left = (batch.folders.get(dir) ?? 1) - 1;
    if (left > 0) batch.folders.set(dir, left);
    else batch.folders.delete(dir);
  }
}

/**
 * Streams a request body through `counter` into `file`. The request is not handed to pipeline():
 * when the counter refuses a file (over a limit) pipeline would destroy the request, and with it
 * the socket, before the 413 is sent; the server answers, then closes the connection.
 */
async function receiveBody(body: Readable, counter: Transform, file: NodeJS.WritableStream): Promise<void> {
  const done = pipeline(counter, file);
  const cut = (error?: Error): void => {
    if (!body.readableEnded) counter.destroy(error ?? new Error('the upload was cut off'));
  };
  body.once('error', cut);
  body.once('close', cut);
  body.pipe(counter);
  try {
    await done;
  } finally {
    body.unpipe(counter);
    body.off('error', cut);
    body.off('close', cut);
  }
}

/** Most bytes of a pack's request body: its files (packBytes), their list and room for a client's rounding. */
const maxPackBodyBytes = 4 * packBytes;

/** An export archive (.zip): fed to no job, imported at the commit by importPaths, which reads it as an export. */
const isExportArchive = (file: string): boolean => file.toLowerCase().endsWith('.zip');

/**
 * Hands the batch's job the files that have finished arriving and were not handed yet: before the
 * commit, only up to the first one still streaming (the job stores them in the order they were
 * sent); at the commit (`close`), every finished one, and the close. Starts the job with its first files.
 */
function feedArrived(batch: Batch, api: ArchiveApi, close?: FeedClose): void {
  const take = (file: string): void => void (isExportArchive(file) ? batch.held : batch.queued).push(file);
  if (close) {
    for (const file of batch.files.slice(batch.fed)) if (batch.complete.has(file)) take(file);
    batch.fed = batch.files.length;
    batch.closing = close;
  } else {
    while (batch.fed < batch.files.length && batch.complete.has(batch.files[batch.fed]!)) take(batch.files[batch.fed++]!);
  }
  pump(batch, api);
}

/** Sends what is queued, one call at a time: files arriving meanwhile go together in the next call. */
function pump(batch: Batch, api: ArchiveApi): void {
  if (batch.inFlight || batch.closeSent) return;
  if (!batch.importing) {
    if (batch.queued.length === 0) return;
    // Untagged until the commit gives the tags (the job adds them then to what it stored).
    batch.importing = api.importPaths({ paths: batch.queued, tags: [], jobId: batch.jobId, sourceRoot: batch.dir, open: true });
    batch.importing.catch(() => undefined); // its error is the commit's to report
    batch.queued = [];
  }
  const close = batch.closing;
  if (batch.queued.length === 0 && !close) return;
  const paths = batch.queued;
  batch.queued = [];
  batch.closeSent = close !== null;
  batch.inFlight = true;
  batch.feeding = api.feedImport({ jobId: batch.jobId, paths, ...(close ? { close } : {}) })
    .then(({ fed }) => void (fed ? undefined : batch.unfed.push(...paths)), () => void batch.unfed.push(...paths))
    .finally(() => {
      batch.inFlight = false;
      pump(batch, api);
    });
}

/** Resolves once no feed call is under way (and, after the close, every file was handed over). */
async function fedAll(batch: Batch): Promise<void> {
  while (batch.inFlight) await batch.feeding;
}

/** Deletes for good the items a thrown-away batch's job stored: it is cancelled first. */
async function discardStored(batch: Batch): Promise<void> {
  const api = batch.api;
  if (!api || !batch.importing) return;
  await fedAll(batch);
  await api.cancelImport({ jobId: batch.jobId }).catch(() => undefined);
  const report = await batch.importing.catch(() => null);
  const ids = report?.results.flatMap((r) => (r.status === 'imported' && r.id !== undefined ? [r.id] : [])) ?? [];
  for (let start = 0; start < ids.length; start += 100_000) {
    const chunk = ids.slice(start, start + 100_000);
    await api.bulkDelete({ ids: chunk });
    await api.emptyTrash({ ids: chunk });
  }
}

/** Files the job never took (it had stopped: a full disk) are reported as not tried, as importPaths does. */
function withUnfed(report: ImportReport, unfed: string[]): ImportReport {
  if (unfed.length === 0) return report;
  const reason = report.stopped ? { code: report.stopped.code, message: `not tried: ${report.stopped.message}` } : { code: 'cancelled' as const, message: 'not tried: the import had ended' };
  return { ...report, results: [...report.results, ...unfed.map((file) => ({ path: file, status: 'skipped' as const, error: reason }))], skipped: report.skipped + unfed.length };
}

/**
 * Creates the store of upload batches, kept under one temp folder (removed on close, and at process
 * exit) inside `root` (the archive's upload area; the system's temp folder when absent or not writable).
 */
export function createUploadStore(given: Partial<UploadLimits> = {}, root?: string): UploadStore {
  const limits: UploadLimits = { ...defaultUploadLimits, ...given };
  const batches = new Map<string, Batch>();
  let folder: Promise<string> | null = null;
  let rootPath: string | null = null;
  // Whatever ends the process without close() (an uncaught error, process.exit) still removes the uploads.
  const removeAtExit = (): void => {
    if (rootPath) rmSync(rootPath, { recursive: true, force: true });
  };
  const makeFolder = async (): Promise<string> => {
    if (root !== undefined) {
      try {
        await mkdir(root, { recursive: true });
        return await mkdtemp(path.join(root, `${uploadFolderPrefix}${process.pid}-`));
      } catch {
        // A read-only archive folder: the import will say so; the upload itself can still land.
      }
    }
    return mkdtemp(path.join(os.tmpdir(), `${uploadFolderPrefix}${process.pid}-`));
  };
  const rootDir = (): Promise<string> =>
    (folder ??= makeFolder().then((dir) => {
      rootPath = dir;
      process.once('exit', removeAtExit);
      return dir;
    }));
  let pendingBytes = 0;
  let pendingFiles = 0;

  const discardReporting = (batch: Batch): Promise<void> =>
    discardStored(batch).catch((error: unknown) => {
      console.error(`khizana serve: the items an upload that was not finished stored could not all be removed: ${toErrorShape(error).message}`);
    });

  /** Forgets a batch and deletes its files; `discard`: with the items its job stored (no commit). */
  const drop = async (batch: Batch, discard: boolean): Promise<void> => {
    clearTimeout(batch.timer);
    if (batches.delete(batch.id)) {
      pendingBytes -= batch.bytes;
      pendingFiles -= batch.reserved.size;
    }
    if (discard) await discardReporting(batch);
    await rm(batch.dir, { recursive: true, force: true });
  };

  const find = (batchId: string): Batch => {
    const batch = typeof batchId === 'string' ? batches.get(batchId) : undefined;
    if (!batch) throw new ArchiveError('not-found', 'no such upload batch');
    return batch;
  };

  const displayPath = (text: string): string => {
    let out = text;
    for (const batch of batches.values()) out = out.split(batch.dir + path.sep).join('');
    return out;
  };

  /**
   * Receives one file of a batch under its (sanitised, made unique) name: `write` puts its bytes at
   * the target, calling `count` with each part's size (which throws past a limit). Then the file is
   * complete and, unless `feed` is false, handed to the batch's job; on failure nothing of it is left.
   */
  const receiveFile = async (batchId: string, name: string, write: (target: string, count: (bytes: number) => void) => Promise<void> | void, feed = true): Promise<{ name: string; bytes: number }> => {
    const batch = find(batchId);
    if (batch.busy) throw new ArchiveError('invalid-argument', 'this upload batch is already being imported');
    if (batch.reserved.size >= limits.files) throw new ArchiveError('too-large', `at most ${limits.files} files per upload`);
    if (pendingFiles >= limits.pendingFiles) throw new ArchiveError('too-large', `${pendingFiles} uploaded files are already waiting to be imported: let them finish first`);
    // A name is taken when another upload of this batch (finished or still streaming) holds it,
    // or would need it as a folder, or it is a folder another one needs. Looked up by name and
    // by the folders on the way (never a scan of every upload: a batch may hold 100,000 files).
    const taken = (candidate: string): boolean => {
      const full = path.resolve(batch.dir, candidate);
      return batch.reserved.has(full) || batch.folders.has(full) || foldersOf(batch, full).some((dir) => batch.reserved.has(dir));
    };
    let wanted = safeRelativeName(name);
    // A folder on the way that is already a file of this batch: keep the file at the top instead.
    const ancestors = wanted.split(path.sep).slice(0, -1).map((_, i, parts) => path.resolve(batch.dir, ...parts.slice(0, i + 1)));
    if (ancestors.some((dir) => batch.reserved.has(dir))) wanted = path.basename(wanted);
    const relative = uniqueName(wanted, taken);
    const target = path.resolve(batch.dir, relative);
    if (!target.startsWith(batch.dir + path.sep)) throw new ArchiveError('invalid-argument', 'bad file name');
    reserve(batch, target);
    // Listed in the order the uploads arrived (several may stream at once), and unlisted if one fails.
    batch.files.push(target);
    pendingFiles++;
    let bytes = 0;
    batch.timer.refresh();
    const count = (more: number): void => {
      batch.timer.refresh(); // still arriving: not idle
      bytes += more;
      batch.bytes += more;
      pendingBytes += more;
      if (bytes > limits.fileBytes) throw new ArchiveError('too-large', `${relative} is over ${limits.fileBytes} bytes`);
      if (batch.bytes > limits.batchBytes) throw new ArchiveError('too-large', 'the upload is too large');
      if (pendingBytes > limits.pendingBytes) throw new ArchiveError('too-large', 'the uploads waiting to be imported are too large together: let them finish first');
    };
    try {
      const parent = path.dirname(target);
      if (!batch.made.has(parent)) {
        await mkdir(parent, { recursive: true });
        batch.made.add(parent);
      }
      await write(target, count);
    } catch (error) {
      if (batches.get(batch.id) === batch) {
        release(batch, target);
        batch.files.splice(batch.files.indexOf(target), 1);
        batch.bytes -= bytes;
        pendingBytes -= bytes;
        pendingFiles--;
      }
      await rm(target, { force: true }).catch(() => undefined); // the name was ours alone: nobody else's file
      if (error instanceof ArchiveError) throw error;
      // A full or read-only disk says so; anything else is the upload's (a client that went away).
      const shape = toErrorShape(error);
      const shown = relative.split(path.sep).join('/');
      throw shape.code === 'internal' ? new ArchiveError('invalid-argument', `upload of ${shown} failed`) : new ArchiveError(shape.code, `upload of ${shown} failed: ${shape.message}`);
    }
    batch.complete.add(target);
    if (feed && batch.api && batches.get(batch.id) === batch && !batch.busy) feedArrived(batch, batch.api);
    return { name: relative.split(path.sep).join('/'), bytes };
  };

  return {
    async begin(api) {
      if (batches.size >= limits.pendingBatches) {
        throw new ArchiveError('too-large', `${batches.size} uploads are already waiting to be imported: let them finish, or reload the page`);
      }
      const id = randomBytes(12).toString('base64url');
      const dir = path.join(await rootDir(), id);
      await mkdir(dir);
      const batch: Batch = {
        id, dir, files: [], complete: new Set(), reserved: new Set(), folders: new Map(), made: new Set([dir]), bytes: 0, busy: false,
        // A batch being committed is the commit's to drop: what it stores stays.
        timer: setTimeout(() => void (batch.busy ? undefined : drop(batch, true)), limits.batchIdleMs),
        api: api ?? null, jobId: `upload-${id}`, importing: null, queued: [], feeding: Promise.resolve(), inFlight: false, closing: null, closeSent: false, fed: 0, held: [], unfed: [],
      };
      batch.timer.unref();
      batches.set(id, batch);
      return id;
    },

    async receive(batchId, name, body) {
      return receiveFile(batchId, name, (target, count) => {
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            try {
              count(chunk.length); // counted while streaming, so parallel uploads share the limits
            } catch (error) {
              return done(error as Error);
            }
            done(null, chunk);
          },
        });
        return receiveBody(body, counter, createWriteStream(target, { flags: 'wx' }));
      });
    },

    async receivePack(batchId, body) {
      const batch = find(batchId); // an unknown batch is refused before its body is read
      const tooLarge = (): ArchiveError => new ArchiveError('too-large', `a pack of uploaded files is over ${maxPackBodyBytes} bytes: send large files one by one`);
      const arriving = (): void => void batch.timer.refresh(); // a slow pack is not an idle batch
      body.on('data', arriving);
      let packed: Buffer;
      try {
        packed = await readBody(body, maxPackBodyBytes, tooLarge);
      } finally {
        body.off('data', arriving);
      }
      const files = unpackBody(packed);
      const received: Array<{ name: string; bytes: number }> = [];
      try {
        // Small and already in memory: each written at once, without a stream (~1 ms of CPU less a file).
        for (const file of files) {
          received.push(await receiveFile(batchId, file.name, (target, count) => {
            count(file.bytes.length);
            writeFileSync(target, file.bytes, { flag: 'wx' });
          }, false));
        }
      } finally {
        if (batches.get(batchId) === batch && batch.api && !batch.busy) feedArrived(batch, batch.api); // the pack's files in one go
      }
      return received;
    },

    async commit(batchId, api, options) {
      const batch = find(batchId);
      if (batch.busy) throw new ArchiveError('invalid-argument', 'this upload batch is already being imported');
      const files = batch.files.filter((file) => batch.complete.has(file));
      if (files.length === 0) {
        await drop(batch, true);
        throw new ArchiveError('invalid-argument', 'nothing was uploaded');
      }
      batch.busy = true;
      try {
        // Stored source paths are the uploaded names, not the temp folder they passed through.
        const tags = options.tags ?? [];
        const jobApi = batch.api ?? api;
        feedArrived(batch, jobApi, { tags, ...(options.jobId !== undefined ? { jobId: options.jobId } : {}) });
        await fedAll(batch);
        const fed = batch.importing ? withUnfed(await batch.importing, batch.unfed) : null;
        const exported = batch.held.length > 0 ? await jobApi.importPaths({ paths: batch.held, tags, jobId: options.jobId, sourceRoot: batch.dir }) : null;
        const report = fed && exported ? mergeImportReports(exported, fed) : (fed ?? exported)!;
        return {
          ...report,
          results: report.results.map((r) => ({
            ...r,
            path: displayPath(r.path),
            ...(r.error ? { error: { ...r.error, message: displayPath(r.error.message) } } : {}),
          })),
        };
      } finally {
        await drop(batch, false);
      }
    },

    async abort(batchId) {
      const batch = batches.get(batchId);
      if (batch && !batch.busy) await drop(batch, true);
    },

    displayPath,

    async closeAll() {
      const open = [...batches.values()];
      for (const batch of open) clearTimeout(batch.timer);
      batches.clear();
      // Uploads never committed take back what their jobs stored (a commit under way keeps its own).
      await Promise.all(open.filter((batch) => !batch.busy).map(discardReporting));
      pendingBytes = 0;
      pendingFiles = 0;
      if (folder) await rm(await folder, { recursive: true, force: true });
      process.off('exit', removeAtExit);
      folder = null;
      rootPath = null;
    },
  };
}
