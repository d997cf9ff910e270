// `node --import tsx bench/serve-concurrency.ts <archive dir> [--json]`
// What a user of `khizana serve` waits for on a big archive (issue 8 item 6): every query of the
// mix (and the broad prefixes) as the app's results list asks it over HTTP, and how long a `stats`
// call waits while three `ا*` searches run. Build the archive with
// `npm run bench -- --lang ar --n all --no-plain --keep` (it prints where it kept it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serveArchive } from '../electron/web/serve-archive.js';
import { nowMs, percentile, round } from './measure.js';
import { queryMix } from './search-bench.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' } } });
const dir = positionals[0];
if (!dir || !fs.existsSync(path.join(dir, 'khizana.sqlite'))) {
  console.error('usage: node --import tsx bench/serve-concurrency.ts <archive dir> [--json] [--runs 5]');
  process.exit(2);
}
const runs = Number(values.runs);
const broadPrefixes = ['ا*', 'ال*', 'م*', 'و*'];
const blocker = 'ا*';

// The UI itself is not under test: an empty page stands in for it.
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-bench-ui-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
const served = await serveArchive({ dir, staticDir });
const base = `http://127.0.0.1:${served.port}/api`;

async function call(method: string, args: unknown): Promise<{ ms: number; body: unknown }> {
  const start = nowMs();
  const res = await fetch(`${base}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${method} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms: nowMs() - start, body };
}

/** The app's first page of results: 50 hits with facet counts. */
const appSearch = (query: string) => call('search', { query, limit: 50, facets: true });

try {
  // Warm the readers and the vocabulary once, untimed (as a running app would be).
  for (const q of [...queryMix.ar.map((s) => s.query), ...broadPrefixes]) await appSearch(q);

  const queries = [];
  for (const query of [...queryMix.ar.map((s) => s.query), ...broadPrefixes]) {
    const samples: number[] = [];
    let total = 0;
    let notices: unknown = undefined;
    for (let r = 0; r < runs; r++) {
      const { ms, body } = await appSearch(query);
      samples.push(ms);
      ({ total, notices } = body as { total: number; notices?: unknown });
    }
    queries.push({ query, total, p50Ms: round(percentile(samples, 50), 1), maxMs: round(Math.max(...samples), 1), ...(notices ? { notices } : {}) });
  }

  // Three slow searches at once, and a `stats` call every 50 ms until they are all answered.
  const statsMs: number[] = [];
  let running = true;
  const start = nowMs();
  const blockers = Promise.all([0, 1, 2].map(() => appSearch(blocker))).finally(() => (running = false));
  while (running) {
    statsMs.push((await call('stats', {})).ms);
    await new Promise((r) => setTimeout(r, 50));
  }
  const blockersMs = (await blockers).map((b) => round(b.ms, 1));
  const result = {
    archive: dir,
    cpus: os.availableParallelism(),
    queries,
    slowest: queries.reduce((a, b) => (b.maxMs > a.maxMs ? b : a)),
    threeBlockers: { query: blocker, eachMs: blockersMs, wallMs: round(nowMs() - start, 1), statsCalls: statsMs.length, statsWorstMs: round(Math.max(...statsMs), 1), statsP50Ms: round(percentile(statsMs, 50), 1) },
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    for (const q of queries) console.log(`${q.query.padEnd(34)} ${String(q.total).padStart(6)}  p50 ${String(q.p50Ms).padStart(7)} ms  max ${String(q.maxMs).padStart(7)} ms`);
    console.log(`slowest: ${result.slowest.query} ${result.slowest.maxMs} ms`);
    const b = result.threeBlockers;
    console.log(`3 × ${b.query} at once: ${b.eachMs.join(', ')} ms; ${b.statsCalls} stats calls meanwhile, worst ${b.statsWorstMs} ms, median ${b.statsP50Ms} ms`);
  }
} finally {
  await served.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
}
