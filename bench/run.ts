// `npm run bench -- --lang ar|en --n 1000|10000|all [--json] [--profile] [--pipeline] [--save] [--keep]`
// Imports N corpus articles into a fresh archive, then measures import throughput, archive size,
// search latency and memory, and compares the import with a plain FTS5 table. See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createVocabulary } from '../electron/core/search/vocabulary.js';
import { openDatabase, type Db } from '../electron/core/storage/database.js';
import { readCorpus, repoRoot, type CorpusLang } from './corpus.js';
import { importThroughApp, writeArticleFiles } from './import-app.js';
import { appBatch, importKhizana } from './import-khizana.js';
import { folderSize, formatBytes, MemoryPeak, nowMs, percentile, round } from './measure.js';
import { importPlainFts5, type PlainOutcome } from './plain-fts5.js';
import { benchMixed } from './mixed.js';
import { formatTable, type BenchResult } from './report.js';
import { breakDownSearch, firstPageExtra, queryMix, timeQueries, timeQueriesInWorkers, uiFirstPage, type SearchBreakdown } from './search-bench.js';
import { openArchiveInWorker } from '../electron/core/worker/worker-client.js';
import { measureServeRss } from './serve-rss.js';
import { measureTypoCold } from './typo-first.js';
import type { ServeFigures } from './report.js';

const usage = `usage: npm run bench -- [--lang ar|en] [--n 1000|10000|all|<count>] [--json] [--runs 20] [--warmup 3]
                        [--batch ${appBatch}] [--profile] [--pipeline] [--no-plain] [--no-serve] [--save | --out FILE] [--keep]
       npm run bench -- --mixed [--lang ar|en] [--n N] [--json]
  --n N       the first N articles; past the corpus's end, perturbed copies (bench/perturb.ts), e.g. --n 100000
  --mixed     import a generated folder of mixed formats (txt, legacy-encoded txt, md, html, eml, docx,
              odt, epub, and pdf for English) through the real import; reports files/s and MB/s
  --json      print the results as one JSON object on the last line
  --batch N   articles per transaction (default ${appBatch}, as importPaths; 1 = storeDocument per article)
  --profile   break every search down (for the import: node --cpu-prof, then bench/cpuprofile.ts)
  --pipeline  also import the same articles as .txt files through openArchive/importPaths (parser workers)
  --no-plain  skip the plain-FTS5 baseline (importVsPlainFts5 is then null)
  --no-serve  skip the first typo search after reopening and khizana serve's memory (typoColdMs, serveRssMiB are then null)
  --save      also write the JSON to bench/results/<lang>-<n>.json (--out FILE: to FILE)
  --keep      keep the temporary archive and print where it is`;

// Targets for 30,000 Arabic articles on the 2-core reference machine (the brief's acceptance bar).
const targets = {
  importPerSec: 1000, searchP95Ms: 20, importVsPlainFts5: 4, articles: 30_000, lang: 'ar',
  firstPageP95Ms: 100, typoColdMs: 300, serveRssMiB: 150, fileImportVsBench: 0.9,
};

interface Options {
  lang: CorpusLang;
  n: number | null;
  json: boolean;
  runs: number;
  warmup: number;
  batch: number;
  profile: boolean;
  pipeline: boolean;
  plain: boolean;
  serve: boolean;
  save: string | null;
  keep: boolean;
  mixed: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      lang: { type: 'string', default: 'ar' },
      n: { type: 'string', default: '1000' },
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      batch: { type: 'string', default: String(appBatch) },
      profile: { type: 'boolean', default: false },
      pipeline: { type: 'boolean', default: false },
      'no-plain': { type: 'boolean', default: false },
      'no-serve': { type: 'boolean', default: false },
      save: { type: 'boolean', default: false },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      mixed: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const fail = (message: string): never => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
  if (values.lang !== 'ar' && values.lang !== 'en') fail(`--lang must be ar or en, not ${values.lang}`);
  const n = values.n === 'all' ? null : Number(values.n);
  if (n !== null && !(Number.isInteger(n) && n > 0)) fail(`--n must be a positive integer or "all", not ${values.n}`);
  const integer = (name: string, raw: string | undefined, min: number): number => {
    const v = Number(raw);
    return Number.isInteger(v) && v >= min ? v : fail(`--${name} must be an integer ≥ ${min}`);
  };
  const lang = values.lang as CorpusLang;
  const save = values.out ?? (values.save ? path.join(repoRoot, 'bench/results', `${lang}-${values.n}.json`) : null);
  return {
    lang, n, save,
    json: values.json, profile: values.profile, pipeline: values.pipeline, plain: !values['no-plain'], serve: !values['no-serve'], keep: values.keep, mixed: values.mixed,
    runs: integer('runs', values.runs, 1), warmup: integer('warmup', values.warmup, 0), batch: integer('batch', values.batch, 1),
  };
}

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

/** Bytes per table/index inside the SQLite file (dbstat), largest first; empty if dbstat is missing. */
function tableSizes(db: Db): Record<string, number> {
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as Array<{ name: string; bytes: number }>;
    return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.mixed) {
    log(`mixed formats: writing ${options.n ?? 'all'} ${options.lang} articles as files, then importing the folder…`);
    const result = await benchMixed(options.lang, options.n);
    log(`${result.files} files, ${result.megabytes} MB in ${result.seconds} s: ${result.filesPerSec} files/s, ${result.mbPerSec} MB/s (${result.parseWorkers} parser workers); ${result.imported} imported, ${result.duplicates} duplicates, ${result.failed} failed`);
    for (const [format, f] of Object.entries(result.formats)) log(`  ${format.padEnd(11)} ${String(f.files).padStart(6)} files ${(f.bytes / 1024).toFixed(0).padStart(8)} KB`);
    if (options.json) console.log(JSON.stringify(result));
    return;
  }
  const memory = new MemoryPeak();
  const started = new Date();
  const loadBefore = os.loadavg()[0]!;

  // Read (and inflate, and JSON-parse) the whole sample first: neither import is charged for it.
  let t = nowMs();
  const articles = await readCorpus(options.lang, options.n);
  const corpusUtf8Bytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.title) + Buffer.byteLength(a.body), 0);
  log(`read ${articles.length} ${options.lang} articles (${formatBytes(corpusUtf8Bytes)} of text) in ${((nowMs() - t) / 1000).toFixed(1)} s`);
  memory.sample();

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-bench-'));
  const archiveDir = path.join(temp, 'archive');
  fs.mkdirSync(archiveDir);
  const dbFile = path.join(archiveDir, 'khizana.sqlite');
  try {
    // --- import ---------------------------------------------------------------------------------
    let db = openDatabase(dbFile);
    log(`importing, ${options.batch} per transaction…`);
    const imported = importKhizana(db, archiveDir, articles, memory, options.batch);
    if (imported.errors.length > 0) log(`import failures: ${imported.errors.join('; ')}`);
    const importPerSec = articles.length / imported.seconds;
    log(`imported ${imported.imported} (+${imported.duplicates} duplicates, ${imported.failed} failed) in ${imported.seconds.toFixed(1)} s: ${importPerSec.toFixed(0)}/s`);

    // --- size: fold the WAL into the main file first, so the folder is what a backup would copy ---
    db.pragma('wal_checkpoint(TRUNCATE)');
    const tables = tableSizes(db);
    const sqliteVersion = db.prepare('SELECT sqlite_version()').pluck().get() as string;
    db.close();
    const archive = folderSize(archiveDir);
    const originals = folderSize(path.join(archiveDir, 'files'));
    const databaseBytes = fs.statSync(dbFile).size;

    // --- baseline --------------------------------------------------------------------------------
    let plain: PlainOutcome | null = null;
    if (options.plain) {
      log('plain FTS5 baseline…');
      plain = importPlainFts5(path.join(temp, 'plain-fts5.sqlite'), articles, options.batch);
      log(`plain FTS5: ${plain.seconds.toFixed(1)} s`);
    }

    // --- search: reopen as the app would after a restart, then warm up and time -------------------
    t = nowMs();
    db = openDatabase(dbFile);
    const vocabulary = createVocabulary(db);
    const openMs = nowMs() - t;
    const specs = queryMix[options.lang];
    log(`searching (${specs.length} queries × ${options.runs} runs after ${options.warmup} warm-up runs)…`);
    const timings = timeQueries(db, vocabulary, specs, options.runs, options.warmup, memory);
    const all = timings.flatMap((q) => q.samplesMs);
    const allCpu = timings.flatMap((q) => q.cpuSamplesMs);
    const searchP95Ms = round(percentile(all, 95), 3);

    // Secondary figure: what the app's results list asks first (50 hits + facets), fewer runs.
    const uiRuns = Math.max(3, Math.ceil(options.runs / 4));
    log(`searching as the app's first page does (50 hits + facets, ${uiRuns} runs, through the worker client)…`);
    // The mix, then what costs most on a first page: the most common word, a big tag (firstPageExtra).
    // Through the worker client, as the app and serve search (reader threads).
    const session = await openArchiveInWorker({ dir: archiveDir });
    await session.readersReady;
    const uiTimings = await timeQueriesInWorkers(session, [...specs, ...firstPageExtra[options.lang]], uiRuns, 1, memory, uiFirstPage).finally(() => session.close());
    const uiAll = uiTimings.flatMap((q) => q.samplesMs);

    let breakdowns: SearchBreakdown[] = [];
    if (options.profile) {
      log('breaking searches down…');
      breakdowns = [...timings].sort((a, b) => b.p95Ms - a.p95Ms).map((q) => breakDownSearch(db, vocabulary, q.query));
    }
    db.close();
    const memoryReport = memory.report(); // before --pipeline, whose workers are not this run's memory

    // --- opened again as the app opens it: the first typo search; then khizana serve's memory ------
    let serve: ServeFigures | null = null;
    if (options.serve) {
      log('the first typo searches after opening (typo-first.ts), then khizana serve\'s RSS after 100 searches (serve-rss.ts)…');
      const typo = await measureTypoCold(archiveDir);
      const rss = await measureServeRss(archiveDir, 100);
      serve = { typo, rss };
      log(`first ${typo.first[0]!.query} ${typo.typoColdMs} ms; serve RSS after ${rss.searches} searches ${rss.serveRssMiB} MiB (peak ${rss.servePeakRssMiB})`);
    }

    // --- the app's own import path, for comparison ------------------------------------------------
    let appImport: BenchResult['appImport'] = null;
    if (options.pipeline) {
      const filesDir = path.join(temp, 'txt');
      writeArticleFiles(filesDir, articles);
      log('importing the same articles as .txt files through importPaths (parser workers)…');
      const app = await importThroughApp(path.join(temp, 'app-archive'), filesDir);
      appImport = {
        seconds: round(app.seconds, 3), importPerSec: round(articles.length / app.seconds, 1), cpuSeconds: round(app.cpuSeconds, 3),
        imported: app.imported, duplicates: app.duplicates, failed: app.failed, parseWorkers: app.parseWorkers,
      };
      if (app.errors.length > 0) log(`app import failures: ${app.errors.join('; ')}`);
    }

    // --- report ----------------------------------------------------------------------------------
    const ratio = plain ? imported.seconds / plain.seconds : null;
    const firstPageP95Ms = round(percentile(uiAll, 95), 3);
    const fileImportVsBench = appImport ? appImport.importPerSec / importPerSec : null;
    const result: BenchResult = {
      bench: 'khizana',
      date: started.toISOString(),
      machine: {
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryBytes: os.totalmem(),
        platform: `${os.platform()} ${os.release()}`, node: process.version, sqlite: sqliteVersion,
        loadAverage1m: { start: round(loadBefore, 2), end: round(os.loadavg()[0]!, 2) },
      },
      lang: options.lang,
      articles: articles.length,
      corpusUtf8Bytes,
      batch: options.batch,
      imported: imported.imported,
      duplicates: imported.duplicates,
      failed: imported.failed,
      importSeconds: round(imported.seconds, 3),
      importPerSec: round(importPerSec, 1),
      importMBPerSec: round(corpusUtf8Bytes / 1e6 / imported.seconds, 2),
      importCpuSeconds: round(imported.cpuSeconds, 3),
      importPerCpuSec: round(articles.length / imported.cpuSeconds, 1),
      importBytesWritten: imported.bytesWritten,
      archiveBytes: archive.bytes,
      archiveDiskBytes: archive.diskBytes,
      databaseBytes,
      originalsBytes: originals.bytes,
      originalsFiles: originals.files,
      tableBytes: tables,
      plainFts5Seconds: plain ? round(plain.seconds, 3) : null,
      plainFts5CpuSeconds: plain ? round(plain.cpuSeconds, 3) : null,
      plainFts5Bytes: plain ? plain.bytes : null,
      plainFts5BytesWritten: plain ? plain.bytesWritten : null,
      importVsPlainFts5: ratio === null ? null : round(ratio, 2),
      importVsPlainFts5Cpu: plain ? round(imported.cpuSeconds / plain.cpuSeconds, 2) : null,
      openMs: round(openMs, 1),
      searchRuns: options.runs,
      searchWarmup: options.warmup,
      searchP50Ms: round(percentile(all, 50), 3),
      searchP95Ms,
      searchCpuP50Ms: round(percentile(allCpu, 50), 3),
      searchCpuP95Ms: round(percentile(allCpu, 95), 3),
      queries: timings.map((q, i) => ({ ...q, firstPageP50Ms: uiTimings[i]!.p50Ms, firstPageP95Ms: uiTimings[i]!.p95Ms })),
      firstPageExtra: uiTimings.slice(specs.length).map(({ kind, query, total, p50Ms, p95Ms }) => ({ kind, query, total, firstPageP50Ms: p50Ms, firstPageP95Ms: p95Ms })),
      firstPageP50Ms: round(percentile(uiAll, 50), 3),
      firstPageP95Ms,
      typoColdMs: serve?.typo.typoColdMs ?? null,
      serveRssMiB: serve?.rss.serveRssMiB ?? null,
      serve,
      fileImportPerSec: appImport?.importPerSec ?? null,
      fileImportVsBench: fileImportVsBench === null ? null : round(fileImportVsBench, 3),
      uiFirstPage: {
        ask: uiFirstPage,
        runs: uiRuns,
        p50Ms: round(percentile(uiAll, 50), 3),
        p95Ms: round(percentile(uiAll, 95), 3),
        queries: uiTimings.map(({ kind, query, total, p50Ms, p95Ms }) => ({ kind, query, total, p50Ms, p95Ms })),
      },
      memory: memoryReport,
      appImport,
      targets: {
        appliesAt: `${targets.articles} ${targets.lang} articles`,
        atTargetScale: options.lang === targets.lang && articles.length >= targets.articles,
        importPerSec: { target: `>= ${targets.importPerSec}`, met: importPerSec >= targets.importPerSec },
        searchP95Ms: { target: `<= ${targets.searchP95Ms}`, met: searchP95Ms <= targets.searchP95Ms },
        importVsPlainFts5: { target: `<= ${targets.importVsPlainFts5}`, met: ratio === null ? null : ratio <= targets.importVsPlainFts5 },
        // Issue 14's targets (at 100,000 ar articles; indicative below that).
        firstPageP95Ms: { target: `<= ${targets.firstPageP95Ms}`, met: firstPageP95Ms <= targets.firstPageP95Ms },
        typoColdMs: { target: `<= ${targets.typoColdMs}`, met: serve ? serve.typo.typoColdMs <= targets.typoColdMs : null },
        serveRssMiB: { target: `<= ${targets.serveRssMiB}`, met: serve ? serve.rss.serveRssMiB <= targets.serveRssMiB : null },
        fileImportVsBench: { target: `>= ${targets.fileImportVsBench}`, met: fileImportVsBench === null ? null : fileImportVsBench >= targets.fileImportVsBench },
      },
      ...(options.profile ? { profile: { searchBreakdown: breakdowns } } : {}),
      ...(options.keep ? { archiveDir } : {}),
    };

    console.log(formatTable(result));
    if (options.save) {
      fs.mkdirSync(path.dirname(options.save), { recursive: true });
      fs.writeFileSync(options.save, `${JSON.stringify(result, null, 2)}\n`);
      log(`saved ${options.save}`);
    }
    // The contract: with --json, the very last stdout line is one JSON object (samples included).
    if (options.json) console.log(JSON.stringify(result));
  } finally {
    if (options.keep) log(`kept ${temp}`);
    else fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
