// `node --import tsx bench/serve-rss.ts <archive dir> [--searches 100] [--at-once 1]` (build first: npm run build)
// The memory of `khizana serve` after N searches over HTTP (issue 14: ≤ 150 MiB at 100,000
// articles): the built CLI serves the archive in a child process (writer, readers and parser
// workers as a user runs it), the app's first page is asked for round-robin over the query mix,
// the first-page extras and typo queries, then the child's RSS is read from /proc (Linux).
// `--at-once 2` sends the searches two at a time, so a second reader thread starts and stays live:
// what a second reader costs. The searches' HTTP times and serve's CPU time come with it, so a
// memory setting that slows searches shows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './corpus.js';
import { nowMs, percentile, round } from './measure.js';
import { firstPageExtra, queryMix } from './search-bench.js';
import { typoWords } from './typo-first.js';

export interface ServeRss {
  searches: number;
  /** RSS of the serve process after opening, before any search, MiB. */
  openRssMiB: number;
  /** RSS of the serve process after the searches, MiB. */
  serveRssMiB: number;
  /** Its peak (VmHWM), MiB. */
  servePeakRssMiB: number;
  /** Searches sent at once (2: two reader threads answer). */
  atOnce: number;
  /** A first page's time over HTTP (search, facets, snippets, JSON), ms. */
  searchP50Ms: number;
  searchP95Ms: number;
  /** CPU time of the serve process (every thread) per search, ms. */
  searchCpuMs: number;
}

/** CPU time (user + system, every thread) of process `pid` so far, ms. */
function cpuOf(pid: number): number {
  // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** VmRSS and VmHWM of process `pid`, MiB. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: round(kib('VmRSS') / 1024, 1), peak: round(kib('VmHWM') / 1024, 1) };
}

/** Starts `khizana serve` on `dir`, runs `searches` first-page searches over HTTP (`atOnce` at a time), and reads its RSS. */
export async function measureServeRss(dir: string, searches = 100, atOnce = 1): Promise<ServeRss> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/khizana.js'), '--archive', dir, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('khizana serve did not start within 120 s')), 120_000);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(new URL(found[1]!));
        }
      });
      child.on('exit', (code) => reject(new Error(`khizana serve exited (${code})`)));
    });
    // Let the readers open (and any start-up work finish) before the first reading.
    await new Promise((r) => setTimeout(r, 3000));
    const open = rssOf(child.pid!);
    const queries = [...queryMix.ar, ...firstPageExtra.ar].map((q) => q.query).concat(typoWords.map((w) => `${w}~`));
    const times: number[] = [];
    const ask = async (i: number): Promise<void> => {
      const start = nowMs();
      const res = await fetch(new URL('/api/search', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')}` },
        body: JSON.stringify({ query: queries[i % queries.length], limit: 50, facets: true }),
      });
      if (!res.ok) throw new Error(`search answered ${res.status}: ${await res.text()}`);
      await res.json();
      times.push(nowMs() - start);
    };
    const cpuBefore = cpuOf(child.pid!);
    for (let i = 0; i < searches; i += atOnce) await Promise.all(Array.from({ length: Math.min(atOnce, searches - i) }, (_, k) => ask(i + k)));
    const cpu = cpuOf(child.pid!) - cpuBefore;
    const after = rssOf(child.pid!);
    return {
      searches, openRssMiB: open.rss, serveRssMiB: after.rss, servePeakRssMiB: after.peak, atOnce,
      searchP50Ms: round(percentile(times, 50), 1), searchP95Ms: round(percentile(times, 95), 1), searchCpuMs: round(cpu / Math.max(1, searches), 1),
    };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { searches: { type: 'string', default: '100' }, 'at-once': { type: 'string', default: '1' } } });
  const dir = positionals[0];
  if (!dir || !fs.existsSync(path.join(dir, 'khizana.sqlite'))) {
    console.error('usage: node --import tsx bench/serve-rss.ts <archive dir> [--searches 100] [--at-once 1]');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureServeRss(dir, Number(values.searches), Number(values['at-once']))));
}
