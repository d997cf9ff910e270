// Imports files and folders: parsing runs ahead (in parallel), storing happens in order, in batches
// sized by time. An import may be fed more paths while it runs (an upload: import-feed.ts).
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import type { ImportFileResult, ImportProgress, ImportReport } from '../../shared/dto.js';
import { ArchiveError, toErrorShape, type ErrorShape } from '../../shared/errors.js';
import type { Db } from '../storage/database.js';
import { collectFiles, type FileJob } from './collect-files.js';
import type { ImportFeed } from './import-feed.js';
import type { ParseOptions } from './parse-pool.js';
import type { ParseLimits } from './parsed-document.js';
import { sha256, type PreparedDocument } from './prepare-document.js';
import { readSourceFile } from './read-source-file.js';
import { duplicateResult, findBySha, storeDocuments, tagDuplicate } from './store-document.js';
import { stopsWriting, writeTransaction } from '../storage/write-transaction.js';
import { catchUpVocabulary, deferVocabulary } from '../search/vocabulary-terms.js';

export interface ImportDeps {
  db: Db;
  archiveDir: string;
  limits: ParseLimits;
  /** Parses and analyses one file's bytes (in-process, or in a worker pool with time and memory limits). */
  parse: (job: FileJob, bytes: Uint8Array, options: ParseOptions) => Promise<PreparedDocument>;
  /** How many files may be parsed at once (the read-ahead is at least this, and up to aheadFiles / aheadBytes). */
  parallelism: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Aborted to cancel the import: no new file is started, and what is stored stays stored. */
  signal: AbortSignal;
  now?: () => string;
}

type Prepared = { job: FileJob; result: ImportFileResult } | { job: FileJob; bytes: Uint8Array; sha: string; prepared: PreparedDocument };

/**
 * How long one batch should hold the archive's write lock: every other writer (a note being typed,
 * a `khizana tag`, another import) waits at most about this long. A batch is stored once about this
 * much work is ready (estimated from the time earlier batches took per file), or when nothing more
 * is coming soon: batches are sized by time, not by count.
 */
const batchTargetMs = 50;
/** Most files stored in one transaction, however fast they store. */
const maxBatch = 1000;
/** How long the writer waits for a batch to fill once its first file is ready (slow parsers: PDFs). */
const batchWaitMs = 100;
/**
 * The same while more paths may be fed (an upload whose files are still arriving, each a round
 * trip): the writer would idle anyway, and a batch of what arrived in 100 ms is a few files, each
 * batch a transaction of its own (24 for 300 uploaded files instead of 8: +10 % of serve's CPU).
 * The close ends the wait at once, so the commit's tail does not wait for it.
 */
const fedBatchWaitMs = 500;
/** Files read and parsed ahead of the writer, at most: by count and by bytes held in memory. */
const aheadFiles = 256;
const aheadBytes = 32 * 1024 * 1024;
/** Pause after each commit, so that a writer waiting in another process gets the lock in between. */
const yieldMs = 2;

/**
 * Files handed to the parser at once, at most: enough to keep every worker busy while the writer
 * holds the thread, few enough that a cancelled import does not wait for a long queue of parses.
 */
const parsesAhead = 64;

/** Lets at most `size` callers through at once; the others wait in order. */
function createGate(size: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async enter(): Promise<void> {
      if (active < size) {
        active++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave(): void {
      const nextInLine = waiting.shift();
      if (nextInLine) nextInLine(); // the place passes on
      else active--;
    },
  };
}

async function prepare(deps: ImportDeps, job: FileJob, parsing: ReturnType<typeof createGate>, onPage: ParseOptions['onPage']): Promise<Prepared> {
  const fail = (error: unknown): Prepared => ({ job, result: { path: job.path, status: 'failed', error: toErrorShape(error) } });
  try {
    const bytes = await readSourceFile(job.file, deps.limits.maxFileBytes, job.size);
    const sha = sha256(bytes);
    const existing = findBySha(deps.db, sha);
    if (existing !== undefined) return { job, result: duplicateResult(deps.db, job.path, existing) };
    if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
    await parsing.enter();
    let prepared: PreparedDocument;
    try {
      // A cancelled import parses nothing more (its report leaves out files it did not store).
      if (deps.signal.aborted) throw new ArchiveError('cancelled', 'the import was cancelled');
      prepared = await deps.parse(job, bytes, { signal: deps.signal, onPage });
    } finally {
      parsing.leave();
    }
    if (typeof job.file !== 'string') prepared.doc.warnings.push(nameNotUtf8);
    return { job, bytes, sha, prepared };
  } catch (error) {
    return fail(error);
  }
}

/** Resolves when `promise` settles, `signal` aborts or `ms` pass, whichever is first; leaves no timer or listener behind. */
function waitAtMost(promise: Promise<unknown>, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    if (signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
    void promise.then(done, done);
  });
}

const nameNotUtf8 = 'the name of the file or of a folder above it is not valid UTF-8 (its bytes that are not show as \uFFFD)';

/** Imports every supported file under `paths`; a bad file fails alone, the rest carries on. */
export async function importPaths(deps: ImportDeps, args: ImportArgs): Promise<ImportReport> {
  // The typo vocabulary takes the import's new words in one pass at the end (vocabulary-terms.ts):
  // a `word~` finds a word imported by a running import once that import has finished.
  const resume = deferVocabulary(deps.db);
  let report: ImportReport | undefined;
  try {
    report = await importAll(deps, args);
    return report;
  } finally {
    const held = resume();
    if (report && report.imported > 0) {
      try {
        writeTransaction(deps.db, () => catchUpVocabulary(deps.db, held));
      } catch {
        // Derived data (a full disk, a busy archive): the next import's catch-up adds these words too.
      }
    }
  }
}

type ImportArgs = {
  paths: string[];
  tags: string[];
  jobId: string;
  sourceRoot?: string | undefined;
  /** More paths while the import runs; it ends once the feed is closed and every path is done. */
  feed?: ImportFeed | undefined;
};

async function importAll(deps: ImportDeps, args: ImportArgs): Promise<ImportReport> {
  const now = deps.now ?? (() => new Date().toISOString());
  const { jobs, settled } = collectFiles(args.paths);
  const results: ImportFileResult[] = [...settled];
  let bytesTotal = jobs.reduce((sum, j) => sum + j.size, 0);
  // A fed import learns its tags and the job id its caller knows it by when the feed closes.
  let jobId = args.jobId;
  let tags = args.tags;
  const feed = args.feed;
  let feedOpen = feed !== undefined;
  let bytesDone = 0;
  let filesDone = 0;
  let cancelled = false;
  let stopped: ErrorShape | undefined;
  let msPerFile = batchTargetMs / 10; // a first guess; measured from every batch after that
  const emit = (currentFile: string | null, last?: ImportFileResult): void => {
    const progress: ImportProgress = { jobId, filesDone, filesTotal: jobs.length, bytesDone, bytesTotal, currentFile };
    if (last) progress.last = last;
    deps.onProgress?.(progress);
  };
  emit(jobs[0]?.path ?? null);
  for (const result of settled) emit(jobs[0]?.path ?? null, result); // settled without reading: reported at once

  // Page progress of long files: every OCR page, text pages at most four times a second.
  let pageEmittedAt = 0;
  const pageProgress = (job: FileJob): ParseOptions['onPage'] => (pages) => {
    if (pages.ocrPages === 0 && pages.done < pages.total && performance.now() - pageEmittedAt < 250) return;
    pageEmittedAt = performance.now();
    deps.onProgress?.({ jobId, filesDone, filesTotal: jobs.length, bytesDone, bytesTotal, currentFile: job.path, pages: { file: job.path, ...pages } });
  };

  // Files are read and parsed ahead (up to aheadFiles / aheadBytes); the writer stores them in
  // file order, in one transaction once about batchTargetMs of work is ready or nothing more comes soon.
  type Entry = { job: FileJob; promise: Promise<Prepared>; ready: Prepared | null };
  const inflight: Entry[] = [];
  let next = 0;
  let bytesAhead = 0;
  const parsingAtOnce = Math.max(parsesAhead, deps.parallelism);
  const parsing = createGate(parsingAtOnce);
  // Each file being parsed listens for a cancel (the pool stops its worker): up to parsingAtOnce of them.
  setMaxListeners(parsingAtOnce + 10, deps.signal);
  const startNext = (): boolean => {
    if (next >= jobs.length || deps.signal.aborted || stopped) return false;
    const job = jobs[next]!;
    if (inflight.length >= Math.max(1, deps.parallelism) && (inflight.length >= aheadFiles || bytesAhead + job.size > aheadBytes)) return false;
    next++;
    bytesAhead += job.size;
    const entry: Entry = { job, promise: prepare(deps, job, parsing, pageProgress(job)), ready: null };
    void entry.promise.then((value) => (entry.ready = value));
    inflight.push(entry);
    return true;
  };
  const fill = (): void => {
    while (startNext()) {
      // keeps starting until the read-ahead is full
    }
  };
  const readyCount = (): number => {
    let k = 0;
    while (k < inflight.length && inflight[k]!.ready) k++;
    return k;
  };
  const enoughReady = (ready: number): boolean => {
    if (ready >= maxBatch || ready * msPerFile >= batchTargetMs) return true;
    // Nothing more to wait for: every file read ahead is ready and no other can start (nor be fed).
    return ready === inflight.length && ((next >= jobs.length && !feedOpen) || inflight.length >= aheadFiles || deps.signal.aborted);
  };
  fill();

  // Paths fed since the last look, and the feed's close: tags given late go onto what is stored already.
  const pull = (): void => {
    if (!feed || !feedOpen) return;
    const paths = feed.take();
    if (paths.length > 0) {
      const more = collectFiles(paths);
      jobs.push(...more.jobs);
      bytesTotal += more.jobs.reduce((sum, j) => sum + j.size, 0);
      results.push(...more.settled);
      for (const result of more.settled) emit(jobs[next]?.path ?? null, result);
      fill();
    }
    const close = feed.closed();
    if (close === null) return;
    feedOpen = false;
    if (close.jobId !== undefined) jobId = close.jobId;
    if (close.tags.length > 0 && tags.length === 0) {
      tags = close.tags;
      addTags(results.filter((r) => r.status === 'imported' || r.status === 'duplicate'));
    }
    fill();
  };
  /** Adds the import's tags to items stored without them (duplicates found by their bytes; a fed import's items before its close). */
  const addTags = (stored: ImportFileResult[]): void => {
    const items = stored.filter((r) => r.id !== undefined);
    if (items.length === 0 || tags.length === 0) return;
    try {
      writeTransaction(deps.db, () => items.forEach((result) => tagDuplicate(deps.db, result.id!, tags)));
    } catch (error) {
      if (stopsWriting(error)) stopped ??= toErrorShape(error);
      for (const result of items) result.warnings = [...(result.warnings ?? []), `the import's tags were not added: ${toErrorShape(error).message}`];
    }
  };

  /** `promise`, or sooner new paths on an open feed (they are then read and parsed while `promise` waits). */
  const orFed = (promise: Promise<unknown>): Promise<unknown> => (feed && feedOpen ? Promise.race([promise, feed.arrival()]) : promise);

  for (;;) {
    pull();
    if (inflight.length === 0) {
      // Everything so far is stored: wait for the feed (an upload still arriving), or end.
      if (!feed || !feedOpen || deps.signal.aborted || stopped) break;
      await waitAtMost(feed.arrival(), Infinity, deps.signal);
      continue;
    }
    if (!inflight[0]!.ready && feedOpen && !deps.signal.aborted) {
      // Paths fed meanwhile are read and parsed at once, not after the file ahead of them is ready
      // (a cold parser's first file takes ~100 ms: every file of an upload waited behind it).
      await waitAtMost(orFed(inflight[0]!.promise), Infinity, deps.signal);
      continue;
    }
    await inflight[0]!.promise;
    if (deps.signal.aborted) {
      cancelled = true;
      break;
    }
    // Wait (without holding anything) for more files to be ready, up to batchWaitMs.
    const waitUntil = performance.now() + (feedOpen ? fedBatchWaitMs : batchWaitMs);
    for (let ready = readyCount(); !enoughReady(ready) && !stopped && !deps.signal.aborted; ready = readyCount()) {
      const left = waitUntil - performance.now();
      if (left <= 0) break;
      // The next file read ahead, or (all ready) the next paths fed; nothing else can come.
      const more = ready < inflight.length ? orFed(inflight[ready]!.promise) : feed && feedOpen ? feed.arrival() : null;
      if (more === null) break;
      await waitAtMost(more, left, deps.signal);
      pull();
    }
    if (deps.signal.aborted) {
      cancelled = true;
      break;
    }
    const batch: Prepared[] = [];
    const batchBytes = inflight.slice(0, Math.min(maxBatch, readyCount())).reduce((sum, e) => sum + e.job.size, 0);
    while (inflight.length > 0 && inflight[0]!.ready && batch.length < maxBatch) batch.push(inflight.shift()!.ready!);
    const parsed = batch.filter((p): p is Extract<Prepared, { prepared: PreparedDocument }> => 'prepared' in p);
    const started = performance.now();
    const stored = storeDocuments(
      deps.db,
      deps.archiveDir,
      parsed.map((p) => ({
        source: {
          path: args.sourceRoot ? path.relative(args.sourceRoot, p.job.path) : p.job.path,
          format: p.job.format.format,
          bytes: p.bytes,
          sha256: p.sha,
          // An upload in the archive's own upload area is moved into files/, not written again.
          ...(typeof p.job.file === 'string' ? { file: p.job.file } : {}),
        },
        prepared: p.prepared,
        tags,
      })),
      now(),
    );
    if (parsed.length > 0) msPerFile = 0.5 * msPerFile + (0.5 * (performance.now() - started)) / parsed.length;
    // Files found to be duplicates by their bytes before parsing still get the import's tags.
    addTags(batch.flatMap((p) => ('result' in p && p.result.status === 'duplicate' ? [p.result] : [])));
    let storedIndex = 0;
    for (const prepared of batch) {
      let result: ImportFileResult;
      if ('result' in prepared) result = prepared.result;
      else {
        const outcome = stored[storedIndex++]!;
        if (stopsWriting(outcome)) stopped ??= toErrorShape(outcome);
        result = outcome instanceof Error
          ? { path: prepared.job.path, status: 'failed', error: toErrorShape(outcome) }
          : { ...outcome, path: prepared.job.path };
      }
      results.push(result);
      filesDone++;
      bytesDone += prepared.job.size;
      emit(inflight[0] ? jobs[next - inflight.length]?.path ?? null : null, result);
    }
    bytesAhead -= batchBytes;
    fill();
    if (stopped) break;
    if (parsed.length > 0) await new Promise((resolve) => setTimeout(resolve, yieldMs));
  }
  if (deps.signal.aborted) cancelled = true;
  await Promise.allSettled(inflight.map((entry) => entry.promise)); // let parses still running finish before returning
  if (stopped) {
    // The archive cannot take more (a full disk): the files left are not tried, and the report says so.
    const notTried = { code: stopped.code, message: `not tried: ${stopped.message}` };
    for (const job of [...inflight.map((entry) => entry.job), ...jobs.slice(next)]) {
      results.push({ path: job.path, status: 'skipped', error: notTried });
    }
  }

  const count = (status: ImportFileResult['status']) => results.filter((r) => r.status === status).length;
  return {
    jobId,
    results,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    skipped: count('skipped'),
    cancelled,
    ...(stopped ? { stopped } : {}),
  };
}
