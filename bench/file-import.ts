// `node --import tsx bench/file-import.ts [--lang ar|en] [--n 5000] [--upload 300] [--json]`
// The app's own import paths over .txt files, against the in-memory import of the same articles
// (bench/import-khizana.ts) in the same run: the built CLI (`khizana import <folder>`, a child
// process) and a browser upload through `khizana serve` (begin, the POSTs the UI sends: small files
// several to a request, a few requests at once; commit). Reports files/s, how many write transactions each path committed,
// and how many uploaded files serve had stored before the commit (it stores them as they arrive).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/core/storage/database.js';
import { articleText, readCorpus, repoRoot, type Article, type CorpusLang } from './corpus.js';
import { importKhizana } from './import-khizana.js';
import { writeArticleFiles } from './import-app.js';
import { MemoryPeak, nowMs, round } from './measure.js';
import { uploadRequest, uploadsInFlight } from '../renderer/src/api/http-client.js';
import { uploadPacks } from '../electron/shared/upload-pack.js';

/** Write transactions that stored items: every storeDocuments call stamps its items with one `imported_at`. */
export function importTransactions(dbFile: string): number {
  const db = openDatabase(dbFile);
  try {
    return db.prepare('SELECT count(DISTINCT imported_at) FROM items').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Runs the built CLI's import of `folder` into `archiveDir`; resolves with its wall time in seconds. */
export async function cliImport(archiveDir: string, folder: string): Promise<{ seconds: number; exitCode: number | null; summary: string }> {
  const start = nowMs();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/khizana.js'), '--archive', archiveDir, 'import', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  let last = '';
  child.stdout.setEncoding('utf8');
  // Every file prints a line; keep only the tail (the summary).
  child.stdout.on('data', (chunk: string) => (last = (last + chunk).slice(-400)));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { seconds: (nowMs() - start) / 1000, exitCode, summary: last.trim().split('\n').pop() ?? '' };
}

/** Starts the built CLI's `khizana serve` on `archiveDir`; resolves once it prints its address. */
export async function startServe(archiveDir: string): Promise<{ base: string; token: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...(process.env.KHIZANA_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), path.join(repoRoot, 'bin/khizana.js'), '--archive', archiveDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8');
  const url = await new Promise<URL>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 30_000);
    child.stdout.on('data', (chunk: string) => {
      seen += chunk;
      const m = /running at (\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1]!));
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${seen}`)));
  });
  return {
    base: `${url.origin}/api`,
    token: url.searchParams.get('token')!,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Uploads `articles` as .txt files to a fresh `khizana serve` (the built CLI) the way the UI does:
 * begin, one POST per file with `inFlight` of them at once, commit. Times the whole upload and the commit (the import).
 */
export async function serveUpload(archiveDir: string, articles: Article[], rounds = 1, inFlight = uploadsInFlight): Promise<UploadTiming[]> {
  const serve = await startServe(archiveDir);
  try {
    await settled(serve.pid);
    const out = [];
    for (let r = 0; r < rounds; r++) out.push(await uploadOnce(serve, r === 0 ? articles : articles.map((a) => ({ ...a, body: `${a.body}\n\n${r}` })), inFlight));
    return out;
  } finally {
    await serve.stop();
  }
}

/**
 * Resolves once process `pid` has used less than one clock tick (10 ms) of CPU in 300 ms (waiting at
 * most 10 s, then it goes on): serve has finished starting
 * (its reader thread loads its modules and opens the archive after serve prints its address). A
 * user's upload comes after the page has loaded; measured in the middle of serve's start-up, the
 * reader's ~150 ms of CPU competed with the upload on 2 cores.
 */
async function settled(pid: number): Promise<void> {
  const end = nowMs() + 10_000;
  let last = processCpuSeconds(pid);
  let quietSince = nowMs();
  while (nowMs() < end && !Number.isNaN(last)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = processCpuSeconds(pid);
    if (now !== last) quietSince = nowMs();
    else if (nowMs() - quietSince >= 300) return;
    last = now;
  }
}

/** CPU seconds (user + system, every thread) process `pid` has used so far; NaN off Linux. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 a second)
  } catch {
    return Number.NaN;
  }
}

export interface UploadTiming {
  seconds: number;
  commitSeconds: number;
  /** CPU seconds serve used for the uploads, and for the commit (the import): load-independent. */
  uploadCpuSeconds: number;
  commitCpuSeconds: number;
  imported: number;
  /** Items already stored when the last file was up (the commit sent): serve stores while files arrive. */
  storedBeforeCommit: number;
}

async function uploadOnce(serve: { base: string; token: string; pid: number }, articles: Article[], inFlight: number): Promise<UploadTiming> {
  const headers = { Authorization: `Bearer ${serve.token}` };
  const start = nowMs();
  const startCpu = processCpuSeconds(serve.pid);
  const begun = (await (await fetch(`${serve.base}/upload/begin`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' })).json()) as { batch: string };
  // As the UI sends them (renderer http-client.ts uploadAndImport): small files in packs, `inFlight` requests at once.
  const files = articles.map((article, i) => ({ name: `upload/${i}.txt`, file: new Blob([articleText(article)]) }));
  const packs = uploadPacks(files.map((f) => ({ ...f, size: f.file.size })));
  const origin = new URL(serve.base).origin;
  let next = 0;
  const sendNext = async (): Promise<void> => {
    while (next < packs.length) {
      const request = uploadRequest(begun.batch, packs[next++]!);
      const res = await fetch(`${origin}${request.path}`, { method: 'POST', headers: { ...headers, ...request.headers }, body: request.body });
      if (!res.ok) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, packs.length) }, sendNext));
  const stats = (await (await fetch(`${serve.base}/stats`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' })).json()) as { articles: number };
  const commitStart = nowMs();
  const commitCpu = processCpuSeconds(serve.pid);
  const res = await fetch(`${serve.base}/upload/commit`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ batch: begun.batch }) });
  const report = (await res.json()) as { imported: number };
  const end = nowMs();
  const endCpu = processCpuSeconds(serve.pid);
  return { seconds: (end - start) / 1000, commitSeconds: (end - commitStart) / 1000, uploadCpuSeconds: commitCpu - startCpu, commitCpuSeconds: endCpu - commitCpu, imported: report.imported, storedBeforeCommit: stats.articles };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { lang: { type: 'string', default: 'ar' }, n: { type: 'string', default: '5000' }, upload: { type: 'string', default: '300' }, json: { type: 'boolean', default: false } },
  });
  const lang = values.lang as CorpusLang;
  const n = Number(values.n);
  const uploadCount = Number(values.upload);
  const log = (m: string): void => void process.stderr.write(`[file-import] ${m}\n`);
  const articles = await readCorpus(lang, Math.max(n, uploadCount));
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-file-import-'));
  try {
    const memoryDir = path.join(temp, 'memory');
    fs.mkdirSync(memoryDir);
    const db = openDatabase(path.join(memoryDir, 'khizana.sqlite'));
    const memory = importKhizana(db, memoryDir, articles.slice(0, n), new MemoryPeak());
    db.close();
    const benchPerSec = n / memory.seconds;
    log(`in memory: ${n} articles in ${memory.seconds.toFixed(2)} s: ${benchPerSec.toFixed(0)}/s`);

    const folder = path.join(temp, 'txt');
    writeArticleFiles(folder, articles.slice(0, n));
    const cliDir = path.join(temp, 'cli');
    const cli = await cliImport(cliDir, folder);
    const cliTransactions = importTransactions(path.join(cliDir, 'khizana.sqlite'));
    log(`CLI: ${n} .txt files in ${cli.seconds.toFixed(2)} s: ${(n / cli.seconds).toFixed(0)} files/s (${(n / cli.seconds / benchPerSec).toFixed(2)}× in memory), ${cliTransactions} transactions; ${cli.summary}`);

    const serveDir = path.join(temp, 'serve');
    const upload = (await serveUpload(serveDir, articles.slice(0, uploadCount)))[0]!;
    const uploadTransactions = importTransactions(path.join(serveDir, 'khizana.sqlite'));
    log(`serve upload: ${uploadCount} files in ${upload.seconds.toFixed(2)} s: ${(uploadCount / upload.seconds).toFixed(0)} files/s; the import (commit) ${upload.commitSeconds.toFixed(2)} s: ${(uploadCount / upload.commitSeconds).toFixed(0)} files/s; ${upload.storedBeforeCommit} stored before the commit, ${upload.imported} imported, ${uploadTransactions} transactions`);
    const result = {
      lang, files: n, benchPerSec: round(benchPerSec, 1),
      cliSeconds: round(cli.seconds, 3), cliPerSec: round(n / cli.seconds, 1), cliVsBench: round(n / cli.seconds / benchPerSec, 3), cliTransactions,
      uploadFiles: uploadCount, uploadSeconds: round(upload.seconds, 3), uploadPerSec: round(uploadCount / upload.seconds, 1),
      uploadCommitSeconds: round(upload.commitSeconds, 3), uploadCpuSeconds: round(upload.uploadCpuSeconds, 2), uploadCommitCpuSeconds: round(upload.commitCpuSeconds, 2), uploadCommitPerSec: round(uploadCount / upload.commitSeconds, 1), uploadStoredBeforeCommit: upload.storedBeforeCommit, uploadTransactions, loadAverage1m: round(os.loadavg()[0]!, 2),
    };
    if (values.json) console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(repoRoot, 'bench/file-import.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
