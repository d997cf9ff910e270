// The result object `npm run bench -- --json` prints (its last stdout line) and the human table.
import { formatBytes } from './measure.js';
import type { QueryTiming, SearchBreakdown } from './search-bench.js';
import type { ServeRss } from './serve-rss.js';
import type { TypoCold } from './typo-first.js';

/** The first typo searches after the archive is opened again (typo-first.ts) and khizana serve's memory (serve-rss.ts). */
export interface ServeFigures {
  typo: TypoCold;
  rss: ServeRss;
}

export interface TargetCheck {
  target: string;
  /** null when the figure was not measured (e.g. --no-plain). */
  met: boolean | null;
}

export interface BenchResult {
  bench: 'khizana';
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    platform: string;
    node: string;
    sqlite: string;
    /** Other processes on a 2-core machine slow wall-clock figures down; CPU-time figures resist it. */
    loadAverage1m: { start: number; end: number };
  };
  lang: string;
  /** Articles read from the corpus and offered to the import. */
  articles: number;
  corpusUtf8Bytes: number;
  /** Articles per transaction (storeDocuments; 1 = storeDocument per article). */
  batch: number;
  imported: number;
  duplicates: number;
  failed: number;
  importSeconds: number;
  /** articles / importSeconds (duplicates count: they are checked, analysed, and skipped). */
  importPerSec: number;
  importMBPerSec: number;
  importCpuSeconds: number;
  importPerCpuSec: number;
  importBytesWritten: number | null;
  /** The whole archive folder (database after a TRUNCATE checkpoint + originals), in bytes. */
  archiveBytes: number;
  archiveDiskBytes: number;
  databaseBytes: number;
  originalsBytes: number;
  originalsFiles: number;
  tableBytes: Record<string, number>;
  plainFts5Seconds: number | null;
  plainFts5CpuSeconds: number | null;
  plainFts5Bytes: number | null;
  plainFts5BytesWritten: number | null;
  /** importSeconds / plainFts5Seconds. */
  importVsPlainFts5: number | null;
  importVsPlainFts5Cpu: number | null;
  openMs: number;
  searchRuns: number;
  searchWarmup: number;
  searchP50Ms: number;
  searchP95Ms: number;
  searchCpuP50Ms: number;
  searchCpuP95Ms: number;
  /** Each query's timings, with its first-page (50 hits + facets) p50/p95 from uiFirstPage. */
  queries: Array<QueryTiming & { firstPageP50Ms: number; firstPageP95Ms: number }>;
  /** p50/p95 over every first-page run of every query (uiFirstPage). Target p95 ≤ 100 at 100,000 ar. */
  firstPageP50Ms: number;
  firstPageP95Ms: number;
  /** The first page of firstPageExtra (search-bench.ts): the most common word, a big tag; counted in firstPageP50Ms/P95Ms. */
  firstPageExtra: Array<{ kind: string; query: string; total: number; firstPageP50Ms: number; firstPageP95Ms: number }>;
  /** The first `word~` search after the archive is opened in workers as the app opens it (null with --no-serve). Target ≤ 300. */
  typoColdMs: number | null;
  /** The serve process's resident memory after 100 searches (null with --no-serve or off Linux). Target ≤ 150. */
  serveRssMiB: number | null;
  serve: ServeFigures | null;
  /** --pipeline: the app's import over .txt files, files/s, and that / importPerSec (same run). Target ≥ 0.9. */
  fileImportPerSec: number | null;
  fileImportVsBench: number | null;
  /** The app's first request per query: 50 hits with facets (renderer use-paged-search.ts). */
  uiFirstPage: { ask: { limit: number; facets: boolean }; runs: number; p50Ms: number; p95Ms: number; queries: Array<{ kind: string; query: string; total: number; p50Ms: number; p95Ms: number }> };
  memory: { peakRssBytes: number; peakHeapUsedBytes: number; rssBytes: number; heapUsedBytes: number };
  /** --pipeline: openArchive + importPaths over .txt files with the parser workers (the app's import). */
  appImport: { seconds: number; importPerSec: number; cpuSeconds: number; imported: number; duplicates: number; failed: number; parseWorkers: string } | null;
  targets: {
    appliesAt: string;
    atTargetScale: boolean;
    importPerSec: TargetCheck;
    searchP95Ms: TargetCheck;
    importVsPlainFts5: TargetCheck;
    firstPageP95Ms: TargetCheck;
    typoColdMs: TargetCheck;
    serveRssMiB: TargetCheck;
    fileImportVsBench: TargetCheck;
  };
  profile?: { searchBreakdown: SearchBreakdown[] };
  archiveDir?: string;
}

/** The human-readable table (stdout, before the JSON line). */
export function formatTable(r: BenchResult): string {
  const mark = (check: TargetCheck): string => (check.met === null ? '–' : check.met ? '✓' : '✗');
  const scale = r.targets.atTargetScale ? '' : `  (targets are for ${r.targets.appliesAt}: indicative here)`;
  const ms = (v: number): string => v.toFixed(2).padStart(8);
  const lines: string[] = [];
  lines.push(`Khizana bench — ${r.lang}, ${r.articles} articles — ${r.date.slice(0, 10)}, ${r.machine.cpus} CPUs, Node ${r.machine.node}, SQLite ${r.machine.sqlite}`);
  lines.push('');
  lines.push(`import          ${r.importPerSec.toFixed(0).padStart(8)} articles/s   ${mark(r.targets.importPerSec)} ≥ 1000${scale}`);
  lines.push(`                ${r.importSeconds.toFixed(2).padStart(8)} s   (${r.imported} stored, ${r.duplicates} duplicates, ${r.failed} failed; ${r.batch} per transaction)`);
  lines.push(`                ${r.importPerCpuSec.toFixed(0).padStart(8)} articles per CPU second; ${r.importMBPerSec.toFixed(2)} MB of text/s; one thread`);
  if (r.importBytesWritten !== null) {
    lines.push(`                ${formatBytes(r.importBytesWritten).padStart(12)} written (${(r.importBytesWritten / 1024 / Math.max(1, r.imported)).toFixed(0)} KiB per stored article: WAL, checkpoints, originals)`);
  }
  if (r.importVsPlainFts5 !== null) {
    lines.push(`vs plain FTS5   ${r.importVsPlainFts5.toFixed(2).padStart(8)} ×            ${mark(r.targets.importVsPlainFts5)} ≤ 4   (plain: ${r.plainFts5Seconds!.toFixed(2)} s, ${formatBytes(r.plainFts5Bytes!)}; CPU-time ratio ${r.importVsPlainFts5Cpu!.toFixed(2)})`);
    if (r.plainFts5BytesWritten !== null) lines.push(`                plain FTS5 wrote ${formatBytes(r.plainFts5BytesWritten)} for the same articles`);
  }
  if (r.appImport) {
    lines.push(`app import      ${r.appImport.importPerSec.toFixed(0).padStart(8)} articles/s   ${mark(r.targets.fileImportVsBench)} ${r.fileImportVsBench!.toFixed(2)}× the import above, ≥ 0.9   (importPaths over .txt files, parser workers ${r.appImport.parseWorkers}; ${r.appImport.seconds.toFixed(2)} s, ${r.appImport.imported} stored)`);
  }
  lines.push(`archive size    ${formatBytes(r.archiveBytes).padStart(12)}   (database ${formatBytes(r.databaseBytes)}, originals ${formatBytes(r.originalsBytes)} in ${r.originalsFiles} files; ${formatBytes(r.archiveDiskBytes)} allocated on disk)`);
  const biggest = Object.entries(r.tableBytes).slice(0, 4).map(([name, bytes]) => `${name} ${formatBytes(bytes)}`).join(', ');
  if (biggest) lines.push(`                inside the database: ${biggest}`);
  lines.push(`search p50      ${ms(r.searchP50Ms)} ms           (CPU ${r.searchCpuP50Ms.toFixed(2)} ms)`);
  lines.push(`search p95      ${ms(r.searchP95Ms)} ms           ${mark(r.targets.searchP95Ms)} ≤ 20   (CPU ${r.searchCpuP95Ms.toFixed(2)} ms)${scale}`);
  lines.push(`app first page  p50 ${r.firstPageP50Ms.toFixed(2)} ms, p95 ${r.firstPageP95Ms.toFixed(2)} ms   ${mark(r.targets.firstPageP95Ms)} p95 ≤ 100 at 100,000 ar   (50 hits + facets, as the results list asks; ${r.uiFirstPage.runs} runs)`);
  for (const q of r.firstPageExtra) lines.push(`                ${q.kind}: ${q.query} (${q.total}) p50 ${q.firstPageP50Ms.toFixed(2)} ms, p95 ${q.firstPageP95Ms.toFixed(2)} ms`);
  if (r.serve) {
    const { typo, rss } = r.serve;
    lines.push(`first typo      ${ms(typo.typoColdMs)} ms           ${mark(r.targets.typoColdMs)} ≤ 300   (${typo.first[0]?.query} after opening as the app does; again: ${typo.again[0]?.ms} ms)`);
    lines.push(`serve memory    ${String(rss.serveRssMiB).padStart(8)} MiB          ${mark(r.targets.serveRssMiB)} ≤ 150   (khizana serve's RSS after ${rss.searches} searches; ${rss.openRssMiB} MiB before them; peak ${rss.servePeakRssMiB} MiB)`);
  }
  lines.push(`memory          peak RSS ${formatBytes(r.memory.peakRssBytes)}, peak heap used ${formatBytes(r.memory.peakHeapUsedBytes)} (sampled); archive opened in ${r.openMs} ms`);
  lines.push(`load average    ${r.machine.loadAverage1m.start} at start, ${r.machine.loadAverage1m.end} at end (${r.machine.cpus} CPUs: above ~1, other processes compete)`);
  lines.push('');
  lines.push(`${'kind'.padEnd(14)} ${'query'.padEnd(38)} ${'total'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'cpu p95'.padStart(8)} ${'app p50'.padStart(8)}`);
  r.queries.forEach((q, i) => {
    const app = r.uiFirstPage.queries[i]?.p50Ms ?? Number.NaN;
    lines.push(`${q.kind.padEnd(14)} ${q.query.padEnd(38)} ${String(q.total).padStart(6)} ${ms(q.p50Ms)} ${ms(q.p95Ms)} ${ms(q.maxMs)} ${ms(q.cpuP95Ms)} ${ms(app)}`);
  });
  for (const b of r.profile?.searchBreakdown.slice(0, 3) ?? []) {
    lines.push('');
    lines.push(`search breakdown: ${b.query} (${b.total} matches; runSearch median ${b.runSearchMs} ms; same query repeated: hot caches)`);
    for (const [step, stepMs] of Object.entries(b.steps)) lines.push(`  ${step.padEnd(56)} ${ms(stepMs)} ms`);
    lines.push(`  ${'runSearch with facets (as the app asks)'.padEnd(56)} ${ms(b.withFacetsMs)} ms`);
    lines.push(`  hits with every term in their first 2,000 characters: ${(100 * b.termsInFirst2000).toFixed(0)} %`);
    for (const [variant, stepMs] of Object.entries(b.variants)) lines.push(`  alt: ${variant.padEnd(51)} ${ms(stepMs)} ms`);
  }
  return lines.join('\n');
}
