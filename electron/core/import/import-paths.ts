// Imports files and folders: parsing runs ahead (in parallel), storing happens in order, one item per transaction.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileResult, ImportProgress, ImportReport } from '../../shared/dto.js';
import { ArchiveError, toErrorShape } from '../../shared/errors.js';
import type { Db } from '../storage/database.js';
import { collectFiles, type FileJob } from './collect-files.js';
import type { ParseLimits } from './parsed-document.js';
import { findBySha, sha256, storeDocument, type PreparedDocument } from './store-document.js';

export interface ImportDeps {
  db: Db;
  archiveDir: string;
  limits: ParseLimits;
  /** Parses and analyses one file's bytes (in-process, or in a worker pool with time and memory limits). */
  parse: (job: FileJob, bytes: Uint8Array) => Promise<PreparedDocument>;
  /** How many files may be read and parsed ahead of the writer. */
  parallelism: number;
  onProgress?: (progress: ImportProgress) => void;
  isCancelled: () => boolean;
  now?: () => string;
}

type Prepared = { job: FileJob; result: ImportFileResult } | { job: FileJob; bytes: Uint8Array; sha: string; prepared: PreparedDocument };

async function prepare(deps: ImportDeps, job: FileJob): Promise<Prepared> {
  const fail = (error: unknown): Prepared => ({ job, result: { path: job.path, status: 'failed', error: toErrorShape(error) } });
  try {
    if (job.size > deps.limits.maxFileBytes) {
      throw new ArchiveError('too-large', `the file is ${formatBytes(job.size)}; the limit is ${formatBytes(deps.limits.maxFileBytes)}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await fs.promises.readFile(job.path);
    } catch (error) {
      throw new ArchiveError('unreadable', `cannot read the file: ${(error as Error).message}`);
    }
    const sha = sha256(bytes);
    const existing = findBySha(deps.db, sha);
    if (existing !== undefined) return { job, result: { path: job.path, status: 'duplicate', id: existing, duplicateOf: existing } };
    if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
    return { job, bytes, sha, prepared: await deps.parse(job, bytes) };
  } catch (error) {
    return fail(error);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Imports every supported file under `paths`; a bad file fails alone, the rest carries on. */
export async function importPaths(deps: ImportDeps, args: { paths: string[]; tags: string[]; jobId: string; sourceRoot?: string | undefined }): Promise<ImportReport> {
  const now = deps.now ?? (() => new Date().toISOString());
  const { jobs, settled } = collectFiles(args.paths);
  const results: ImportFileResult[] = [...settled];
  const bytesTotal = jobs.reduce((sum, j) => sum + j.size, 0);
  let bytesDone = 0;
  let filesDone = 0;
  let cancelled = false;
  const emit = (currentFile: string | null, last?: ImportFileResult): void => {
    const progress: ImportProgress = { jobId: args.jobId, filesDone, filesTotal: jobs.length, bytesDone, bytesTotal, currentFile };
    if (last) progress.last = last;
    deps.onProgress?.(progress);
  };
  emit(jobs[0]?.path ?? null);

  const inflight: Array<Promise<Prepared>> = [];
  let next = 0;
  const startNext = (): void => {
    if (next < jobs.length && !deps.isCancelled()) inflight.push(prepare(deps, jobs[next++]!));
  };
  for (let k = 0; k < Math.max(1, deps.parallelism); k++) startNext();

  while (inflight.length > 0) {
    const prepared = await inflight.shift()!;
    if (deps.isCancelled()) {
      cancelled = true;
      break;
    }
    startNext();
    let result: ImportFileResult;
    if ('result' in prepared) result = prepared.result;
    else {
      try {
        const storedPath = args.sourceRoot ? path.relative(args.sourceRoot, prepared.job.path) : prepared.job.path;
        const source = { path: storedPath, format: prepared.job.format.format, bytes: prepared.bytes, sha256: prepared.sha };
        result = { ...storeDocument(deps.db, deps.archiveDir, source, prepared.prepared, args.tags, now()), path: prepared.job.path };
      } catch (error) {
        result = { path: prepared.job.path, status: 'failed', error: toErrorShape(error) };
      }
    }
    results.push(result);
    filesDone++;
    bytesDone += prepared.job.size;
    emit(jobs[next - inflight.length]?.path ?? null, result);
  }
  if (deps.isCancelled()) cancelled = true;
  await Promise.allSettled(inflight); // let parses still running finish before returning

  const count = (status: ImportFileResult['status']) => results.filter((r) => r.status === status).length;
  return {
    jobId: args.jobId,
    results,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    skipped: count('skipped'),
    cancelled,
  };
}
