// What limits the app's import (importPaths + parser workers)? Runs importPaths itself over the
// same .txt files with different read-ahead (`parallelism`: files parsed ahead of the writer; the
// app uses 2 × workers) and worker counts, and reports throughput and the mean batch the writer
// got (from the progress events: files stored per writer turn). Usage:
//   node --import tsx bench/pipeline-experiments.ts [--lang ar] [--n 10000] [--runs 4:2,32:2,200:2,4:2:yield,200:2:yield]
// where each run is parallelism:workers[:wait]; workers 0 parses on the writer's thread (as
// openArchive with parseWorkers: 0). `wait` runs a copy of importPaths' writer loop
// with one change: before a transaction the writer waits (yielding to the event loop) until 100
// files are ready, or all that are in flight, or 25 ms have passed — so it commits full batches
// instead of the 1–3 files that happen to be ready when it comes round.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportFileResult } from '../electron/shared/dto.js';
import { collectFiles, type FileJob } from '../electron/core/import/collect-files.js';
import { importPaths, type ImportDeps } from '../electron/core/import/import-paths.js';
import { sha256, type PreparedDocument } from '../electron/core/import/prepare-document.js';
import { findBySha, storeDocuments } from '../electron/core/import/store-document.js';
import { defaultParseLimits } from '../electron/core/import/parsed-document.js';
import { createParsePool } from '../electron/core/import/parse-pool.js';
import { parseInProcess } from '../electron/core/import/parse-in-process.js';
import { openDatabase } from '../electron/core/storage/database.js';
import { readCorpus, type CorpusLang } from './corpus.js';
import { writeArticleFiles } from './import-app.js';
import { bytesWritten, cpuMs, nowMs, round } from './measure.js';

type Ready = { job: FileJob; failed: true } | { job: FileJob; bytes: Uint8Array; sha: string; prepared: PreparedDocument };

/**
 * importPaths' writer loop (as of 92e3f4d) with the one change described above; no progress
 * events, no cancellation. Returns how many transactions it ran.
 */
async function importPathsWaiting(deps: ImportDeps, paths: string[], tags: string[]): Promise<{ files: number; transactions: number; imported: number }> {
  const { jobs } = collectFiles(paths);
  const prepare = async (job: FileJob): Promise<Ready> => {
    try {
      const bytes = await fs.promises.readFile(job.path);
      const sha = sha256(bytes);
      if (findBySha(deps.db, sha) !== undefined) return { job, failed: true };
      return { job, bytes, sha, prepared: await deps.parse(job, bytes) };
    } catch {
      return { job, failed: true };
    }
  };
  const inflight: Array<{ promise: Promise<Ready>; ready: Ready | null }> = [];
  let next = 0;
  const startNext = (): void => {
    if (next >= jobs.length) return;
    const entry: { promise: Promise<Ready>; ready: Ready | null } = { promise: prepare(jobs[next++]!), ready: null };
    void entry.promise.then((value) => (entry.ready = value));
    inflight.push(entry);
  };
  for (let k = 0; k < deps.parallelism; k++) startNext();
  let transactions = 0;
  let imported = 0;
  while (inflight.length > 0) {
    await inflight[0]!.promise;
    // The change: wait for a full batch (or 25 ms), letting reads and parser results come in.
    const waitUntil = nowMs() + 25;
    const readyCount = (): number => {
      let n = 0;
      while (n < inflight.length && n < 100 && inflight[n]!.ready) n++;
      return n;
    };
    while (readyCount() < Math.min(100, inflight.length) && nowMs() < waitUntil) await new Promise((resolve) => setImmediate(resolve));
    const batch: Ready[] = [];
    while (inflight.length > 0 && inflight[0]!.ready && batch.length < 100) batch.push(inflight.shift()!.ready!);
    for (let k = 0; k < batch.length; k++) startNext();
    const parsed = batch.filter((b): b is Extract<Ready, { prepared: PreparedDocument }> => 'prepared' in b);
    const stored = storeDocuments(
      deps.db, deps.archiveDir,
      parsed.map((p) => ({ source: { path: p.job.path, format: p.job.format.format, bytes: p.bytes, sha256: p.sha }, prepared: p.prepared, tags })),
      new Date().toISOString(),
    );
    transactions++;
    imported += stored.filter((r): r is ImportFileResult => !(r instanceof Error) && r.status === 'imported').length;
  }
  return { files: jobs.length, transactions, imported };
}

async function runOnce(filesDir: string, parallelism: number, workers: number, yielding = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-pipe-'));
  const db = openDatabase(path.join(dir, 'khizana.sqlite'));
  fs.mkdirSync(path.join(dir, 'files'));
  const pool = workers > 0 ? createParsePool({ limits: defaultParseLimits, size: workers }) : null;
  // Progress events come one per stored file, all of a writer turn in one synchronous burst:
  // counting bursts (a macrotask apart) gives the number of transactions.
  let turns = 0;
  let inTurn = false;
  try {
    const start = nowMs();
    const startCpu = cpuMs();
    const startWritten = bytesWritten();
    const deps: ImportDeps = {
      db, archiveDir: dir, limits: defaultParseLimits, parse: pool ? (job, bytes) => pool.parse(job, bytes) : (job, bytes) => parseInProcess(job, bytes, defaultParseLimits), parallelism,
      signal: new AbortController().signal,
      onProgress: (p) => {
        if (p.last && !inTurn) {
          inTurn = true;
          turns++;
          setImmediate(() => (inTurn = false));
        }
      },
    };
    let files: number;
    let imported: number;
    if (yielding) {
      const r = await importPathsWaiting(deps, [filesDir], ['bench']);
      files = r.files;
      imported = r.imported;
      turns = r.transactions;
    } else {
      const report = await importPaths(deps, { paths: [filesDir], tags: ['bench'], jobId: 'bench' });
      files = report.imported + report.duplicates + report.failed;
      imported = report.imported;
    }
    const seconds = (nowMs() - start) / 1000;
    return {
      parallelism, workers, yielding, seconds: round(seconds, 2), perSec: round(files / seconds, 0),
      cpuSeconds: round((cpuMs() - startCpu) / 1000, 2),
      writtenKBPerFile: startWritten === null ? null : round((bytesWritten()! - startWritten) / 1024 / files, 1),
      writerTurns: turns, meanBatch: round(files / Math.max(1, turns), 1), imported,
    };
  } finally {
    await pool?.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lang: { type: 'string', default: 'ar' }, n: { type: 'string', default: '10000' }, runs: { type: 'string', default: '1:0,4:2,200:2,200:2:wait' } } });
  const articles = await readCorpus(values.lang === 'en' ? 'en' : ('ar' as CorpusLang), values.n === 'all' ? null : Number(values.n));
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-pipe-txt-'));
  try {
    writeArticleFiles(filesDir, articles);
    await runOnce(filesDir, 4, 2); // warm-up: worker start, JIT, OS cache of the files
    for (const spec of values.runs.split(',')) {
      const [parallelism, workers, mode] = spec.split(':');
      const r = await runOnce(filesDir, Number(parallelism), Number(workers), mode === 'wait');
      console.log(
        `${r.yielding ? 'waiting copy' : 'importPaths '} parallelism ${String(r.parallelism).padStart(4)}, ${r.workers} workers: ${String(r.perSec).padStart(5)} files/s (${r.seconds} s, CPU ${r.cpuSeconds} s), ` +
          `${r.writerTurns} transactions, mean batch ${r.meanBatch}, ${r.writtenKBPerFile} KB written per file`,
      );
    }
  } finally {
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
