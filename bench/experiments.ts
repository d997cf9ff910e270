// What-if measurements behind the suggestions in bench/README.md. Each variant imports the same
// articles into a fresh archive with one thing changed *from the outside* (core code untouched),
// then times the search mix. Usage:
//   node --import tsx bench/experiments.ts [--lang ar] [--n 3000] [--repeat 3] [--variants baseline,per-item,…] [--json] [--keep]
// The machine may be shared: variants run round-robin, --repeat times; the median and the best
// run are reported. Bytes written per article do not depend on the load at all: trust them first,
// then CPU time, then wall time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createVocabulary } from '../electron/core/search/vocabulary.js';
import { openDatabase, type Db } from '../electron/core/storage/database.js';
import { migrations, type Migration } from '../electron/core/storage/migrations.js';
import { analyze } from '../electron/core/text/analyzer.js';
import { readCorpus, type Article, type CorpusLang } from './corpus.js';
import { appBatch, importKhizana } from './import-khizana.js';
import { cpuMs, folderSize, formatBytes, MemoryPeak, percentile, round } from './measure.js';
import { queryMix, timeQueries } from './search-bench.js';

interface Variant {
  name: string;
  why: string;
  /** Articles per transaction (default: importPaths' 100; 1 = storeDocument per article). */
  batch?: number;
  /** Rewrites the schema SQL of the migrations (e.g. put the FTS5 prefix indexes back). */
  schema?: (sql: string) => string;
  /** Runs on the freshly opened database before the import. */
  setup?: (db: Db) => void;
}

// Each variant changes one thing against the core as it is (batches of 100, cached statements,
// no FTS5 prefix index since 92e3f4d).
const variants: Variant[] = [
  { name: 'baseline', why: 'the core as it is: storeDocuments, 100 per transaction' },
  { name: 'per-item', why: 'storeDocument: one transaction per article', batch: 1 },
  { name: 'batch-1000', why: '1,000 articles per transaction', batch: 1000 },
  {
    name: 'prefix-2-3',
    why: "FTS5 prefix = '2 3' as before 92e3f4d",
    schema: (sql) => sql.replace("tokenize = 'ascii'", "tokenize = 'ascii', prefix = '2 3'"),
  },
  {
    name: 'automerge-16',
    why: 'FTS5 automerge 16 (default 4): fewer, larger merges during import',
    setup: (db) => db.prepare("INSERT INTO items_fts(items_fts, rank) VALUES('automerge', 16)").run(),
  },
  { name: 'autocheckpoint-10000', why: 'WAL checkpoint every 10,000 pages instead of 1,000', setup: (db) => db.pragma('wal_autocheckpoint = 10000') },
];

function withSchema(rewrite: (sql: string) => string): Migration[] {
  return migrations.map((m) => ({
    ...m,
    up: (db) => {
      const exec = db.exec.bind(db);
      (db as { exec: (sql: string) => unknown }).exec = (sql: string) => exec(rewrite(sql));
      try {
        m.up(db);
      } finally {
        Reflect.deleteProperty(db, 'exec');
      }
    },
  }));
}

function runVariant(variant: Variant, articles: Article[], lang: CorpusLang, keep = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `khizana-exp-${variant.name}-`));
  try {
    const file = path.join(dir, 'khizana.sqlite');
    let db = openDatabase(file, variant.schema ? { migrations: withSchema(variant.schema) } : {});
    variant.setup?.(db);
    const outcome = importKhizana(db, dir, articles, new MemoryPeak(), variant.batch ?? appBatch);
    const { seconds, cpuSeconds, bytesWritten: written } = outcome;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const segments = db.prepare('SELECT count(*) FROM items_fts_data WHERE id > 10').pluck().get() as number;
    db.close();
    const size = folderSize(dir);
    db = openDatabase(file);
    const timings = timeQueries(db, createVocabulary(db), queryMix[lang], 10, 2, new MemoryPeak());
    db.close();
    const samples = timings.flatMap((t) => t.samplesMs);
    const cpuSamples = timings.flatMap((t) => t.cpuSamplesMs);
    return {
      name: variant.name,
      why: variant.why,
      importSeconds: round(seconds, 2),
      importCpuSeconds: round(cpuSeconds, 2),
      importPerSec: round(articles.length / seconds, 0),
      importPerCpuSec: round(articles.length / cpuSeconds, 0),
      archiveBytes: size.bytes,
      writtenKBPerArticle: written === null ? null : round(written / 1024 / articles.length, 1),
      ftsDataRows: segments,
      searchP50Ms: round(percentile(samples, 50), 2),
      searchP95Ms: round(percentile(samples, 95), 2),
      searchCpuP95Ms: round(percentile(cpuSamples, 95), 2),
      prefixQueryP50Ms: timings.find((t) => t.kind === 'prefix')?.p50Ms ?? null,
    };
  } finally {
    if (keep) process.stderr.write(`[experiments] kept ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Analyzer throughput on the bodies: first pass (memo filling) and second pass (memo warm). */
function analyzerThroughput(articles: Article[]) {
  const chars = articles.reduce((n, a) => n + a.body.length, 0);
  const pass = (): number => {
    const t = cpuMs();
    for (const a of articles) analyze(a.body);
    return (cpuMs() - t) / 1000;
  };
  const first = pass();
  const second = pass();
  return { mbPerSecFirstPass: round(chars / 1e6 / first, 1), mbPerSecWarm: round(chars / 1e6 / second, 1), usPerArticleWarm: round((1e6 * second) / articles.length, 0) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string', default: 'ar' },
      n: { type: 'string', default: '3000' },
      repeat: { type: 'string', default: '1' },
      variants: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const lang = values.lang === 'en' ? 'en' : 'ar';
  const articles = await readCorpus(lang, values.n === 'all' ? null : Number(values.n));
  const chosen = values.variants ? variants.filter((v) => values.variants!.split(',').includes(v.name)) : variants;
  // Untimed warm-up: JIT and the analyzer's word memo would otherwise favour whichever variant runs second.
  runVariant(variants[0]!, articles.slice(0, 1000), lang);
  type Run = ReturnType<typeof runVariant>;
  const runs = new Map<string, Run[]>();
  for (let r = 0; r < Number(values.repeat); r++) {
    for (const variant of chosen) {
      const run = runVariant(variant, articles, lang, values.keep);
      process.stderr.write(`[experiments] round ${r + 1}: ${variant.name} ${run.importPerCpuSec}/s CPU, ${run.importPerSec}/s wall\n`);
      runs.set(variant.name, [...(runs.get(variant.name) ?? []), run]);
    }
  }
  const median = (xs: number[]): number => round(percentile(xs, 50), 2);
  const results = [...runs.values()].map((list) => {
    const m = (pick: (run: Run) => number | null): number => median(list.map((run) => pick(run) ?? Number.NaN));
    return {
      name: list[0]!.name,
      why: list[0]!.why,
      runs: list.length,
      importPerSec: m((x) => x.importPerSec),
      importPerCpuSec: m((x) => x.importPerCpuSec),
      bestImportPerCpuSec: Math.max(...list.map((x) => x.importPerCpuSec)),
      importSeconds: m((x) => x.importSeconds),
      importCpuSeconds: m((x) => x.importCpuSeconds),
      archiveBytes: m((x) => x.archiveBytes),
      writtenKBPerArticle: m((x) => x.writtenKBPerArticle),
      ftsDataRows: m((x) => x.ftsDataRows),
      searchP50Ms: m((x) => x.searchP50Ms),
      searchP95Ms: m((x) => x.searchP95Ms),
      searchCpuP95Ms: m((x) => x.searchCpuP95Ms),
      prefixQueryP50Ms: m((x) => x.prefixQueryP50Ms),
    };
  });
  const base = results.find((r) => r.name === 'baseline');
  console.log(`median of ${values.repeat} run(s), ${articles.length} ${lang} articles, load average ${os.loadavg()[0]!.toFixed(1)}`);
  for (const r of results) {
    const gain = base ? ` (${((100 * r.importPerCpuSec) / base.importPerCpuSec - 100).toFixed(0)} % vs baseline)` : '';
    console.log(
      `${r.name.padEnd(22)} import ${String(r.importPerCpuSec).padStart(5)}/s CPU${gain.padEnd(20)} best ${String(r.bestImportPerCpuSec).padStart(5)}/s CPU  ${String(r.importPerSec).padStart(5)}/s wall  ` +
        `size ${formatBytes(r.archiveBytes).padStart(10)}  written ${String(r.writtenKBPerArticle).padStart(5)} KB/article  search CPU p95 ${r.searchCpuP95Ms} ms, p95 ${r.searchP95Ms} ms, prefix p50 ${r.prefixQueryP50Ms} ms  ${r.why}`,
    );
  }
  const analyzer = analyzerThroughput(articles);
  console.log(`analyzer on bodies: ${analyzer.mbPerSecFirstPass} M chars/s first pass, ${analyzer.mbPerSecWarm} M chars/s warm (${analyzer.usPerArticleWarm} µs/article)`);
  if (values.json) console.log(JSON.stringify({ lang, articles: articles.length, date: new Date().toISOString(), loadAverage1m: os.loadavg()[0], variants: results, analyzer }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
