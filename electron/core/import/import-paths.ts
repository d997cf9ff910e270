// Imports files and folders: parsing runs ahead (in parallel), storing happens in order, one item per transaction.
import path from 'node:path';
import type { ImportFileResult, ImportProgress, ImportReport } from '../../shared/dto.js';
import { ArchiveError, toErrorShape, type ErrorShape } from '../../shared/errors.js';
import type { Db } from '../storage/database.js';
import { collectFiles, type FileJob } from './collect-files.js';
import type { ParseOptions } from './parse-pool.js';
import type { ParseLimits } from './parsed-document.js';
import { sha256, type PreparedDocument } from './prepare-document.js';
import { readSourceFile } from './read-source-file.js';
import { duplicateResult, findBySha, storeDocuments, tagDuplicate } from './store-document.js';
import { stopsWriting, writeTransaction } from '../storage/write-transaction.js';

export interface ImportDeps {
  db: Db;
  archiveDir: string;
  limits: ParseLimits;
  /** Parses and analyses one file's bytes (in-process, or in a worker pool with time and memory limits). */
  parse: (job: FileJob, bytes: Uint8Array, options: ParseOptions) => Promise<PreparedDocument>;
  /** How many files may be read and parsed ahead of the writer. */
  parallelism: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Aborted to cancel the import: no new file is started, and what is stored stays stored. */
  signal: AbortSignal;
  now?: () => string;
}

type Prepared = { job: FileJob; result: ImportFileResult } | { job: FileJob; bytes: Uint8Array; sha: string; prepared: PreparedDocument };

/** Most files stored in one transaction. */
const maxBatch = 100;
/**
 * How long one batch should hold the archive's write lock: every other writer (a note being typed,
 * a `khizana tag`, another import) waits at most about this long. Batches are sized to it from the
 * time the previous ones took per file.
 */
const batchTargetMs = 50;
/** Pause after each commit, so that a writer waiting in another process gets the lock in between. */
const yieldMs = 2;

async function prepare(deps: ImportDeps, job: FileJob, onPage: ParseOptions['onPage']): Promise<Prepared> {
  const fail = (error: unknown): Prepared => ({ job, result: { path: job.path, status: 'failed', error: toErrorShape(error) } });
  try {
    const bytes = await readSourceFile(job.file, deps.limits.maxFileBytes);
    const sha = sha256(bytes);
    const existing = findBySha(deps.db, sha);
    if (existing !== undefined) return { job, result: duplicateResult(deps.db, job.path, existing) };
    if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
    const prepared = await deps.parse(job, bytes, { signal: deps.signal, onPage });
    if (typeof job.file !== 'string') prepared.doc.warnings.push(nameNotUtf8);
    return { job, bytes, sha, prepared };
  } catch (error) {
    return fail(error);
  }
}

const nameNotUtf8 = 'the name of the file or of a folder above it is not valid UTF-8 (its bytes that are not show as \uFFFD)';

/** Imports every supported file under `paths`; a bad file fails alone, the rest carries on. */
export async function importPaths(deps: ImportDeps, args: { paths: string[]; tags: string[]; jobId: string; sourceRoot?: string | undefined }): Promise<ImportReport> {
  const now = deps.now ?? (() => new Date().toISOString());
  const { jobs, settled } = collectFiles(args.paths);
  const results: ImportFileResult[] = [...settled];
  const bytesTotal = jobs.reduce((sum, j) => sum + j.size, 0);
  let bytesDone = 0;
  let filesDone = 0;
  let cancelled = false;
  let stopped: ErrorShape | undefined;
  let msPerFile = batchTargetMs / 10; // a first guess; measured from every batch after that
  const emit = (currentFile: string | null, last?: ImportFileResult): void => {
    const progress: ImportProgress = { jobId: args.jobId, filesDone, filesTotal: jobs.length, bytesDone, bytesTotal, currentFile };
    if (last) progress.last = last;
    deps.onProgress?.(progress);
  };
  // Page progress of long files: every OCR page, text pages at most four times a second.
  let pageEmittedAt = 0;
  const pageProgress = (job: FileJob): ParseOptions['onPage'] => (pages) => {
    if (pages.ocrPages === 0 && pages.done < pages.total && performance.now() - pageEmittedAt < 250) return;
    pageEmittedAt = performance.now();
    deps.onProgress?.({ jobId: args.jobId, filesDone, filesTotal: jobs.length, bytesDone, bytesTotal, currentFile: job.path, pages: { file: job.path, ...pages } });
  };
  emit(jobs[0]?.path ?? null);
  for (const result of settled) emit(jobs[0]?.path ?? null, result); // settled without reading: reported at once

  // Files are read and parsed ahead; whatever is ready when the writer comes round is stored in
  // one transaction (in file order), so a fast import commits in batches and a slow one per file.
  const inflight: Array<{ job: FileJob; promise: Promise<Prepared>; ready: Prepared | null }> = [];
  let next = 0;
  const startNext = (): void => {
    if (next >= jobs.length || deps.signal.aborted || stopped) return;
    const job = jobs[next++]!;
    const entry: { job: FileJob; promise: Promise<Prepared>; ready: Prepared | null } = { job, promise: prepare(deps, job, pageProgress(job)), ready: null };
    void entry.promise.then((value) => (entry.ready = value));
    inflight.push(entry);
  };
  for (let k = 0; k < Math.max(1, deps.parallelism); k++) startNext();

  while (inflight.length > 0) {
    await inflight[0]!.promise;
    if (deps.signal.aborted) {
      cancelled = true;
      break;
    }
    const batch: Prepared[] = [];
    const batchLimit = Math.max(1, Math.min(maxBatch, Math.floor(batchTargetMs / msPerFile)));
    while (inflight.length > 0 && inflight[0]!.ready && batch.length < batchLimit) batch.push(inflight.shift()!.ready!);
    for (let k = 0; k < batch.length; k++) startNext();
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
        },
        prepared: p.prepared,
        tags: args.tags,
      })),
      now(),
    );
    if (parsed.length > 0) msPerFile = 0.5 * msPerFile + (0.5 * (performance.now() - started)) / parsed.length;
    // Files found to be duplicates by their bytes before parsing still get the import's tags.
    const known = batch.flatMap((p) => ('result' in p && p.result.status === 'duplicate' && p.result.id !== undefined ? [p.result] : []));
    if (known.length > 0 && args.tags.length > 0) {
      try {
        writeTransaction(deps.db, () => known.forEach((result) => tagDuplicate(deps.db, result.id!, args.tags)));
      } catch (error) {
        if (stopsWriting(error)) stopped ??= toErrorShape(error);
        for (const result of known) result.warnings = [...(result.warnings ?? []), `the import's tags were not added: ${toErrorShape(error).message}`];
      }
    }
    for (const prepared of batch) {
      let result: ImportFileResult;
      if ('result' in prepared) result = prepared.result;
      else {
        const outcome = stored[parsed.indexOf(prepared)]!;
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
    jobId: args.jobId,
    results,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    skipped: count('skipped'),
    cancelled,
    ...(stopped ? { stopped } : {}),
  };
}
