// `node --import tsx bench/serve-rss.ts <archive dir> [--searches 100]` (build first: npm run build)
// The memory of `khizana serve` after N searches over HTTP (issue 14: ≤ 150 MiB at 100,000
// articles): the built CLI serves the archive in a child process (writer, readers and parser
// workers as a user runs it), the app's first page is asked for round-robin over the query mix,
// the first-page extras and typo queries, then the child's RSS is read from /proc (Linux).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './corpus.js';
import { round } from './measure.js';
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
}

/** VmRSS and VmHWM of process `pid`, MiB. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: round(kib('VmRSS') / 1024, 1), peak: round(kib('VmHWM') / 1024, 1) };
}

/** Starts `khizana serve` on `dir`, runs `searches` first-page searches over HTTP, and reads its RSS. */
export async function measureServeRss(dir: string, searches = 100): Promise<ServeRss> {
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
    for (let i = 0; i < searches; i++) {
      const res = await fetch(new URL('/api/search', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')}` },
        body: JSON.stringify({ query: queries[i % queries.length], limit: 50, facets: true }),
      });
      if (!res.ok) throw new Error(`search answered ${res.status}: ${await res.text()}`);
      await res.json();
    }
    const after = rssOf(child.pid!);
    return { searches, openRssMiB: open.rss, serveRssMiB: after.rss, servePeakRssMiB: after.peak };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { searches: { type: 'string', default: '100' } } });
  const dir = positionals[0];
  if (!dir || !fs.existsSync(path.join(dir, 'khizana.sqlite'))) {
    console.error('usage: node --import tsx bench/serve-rss.ts <archive dir> [--searches 100]');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureServeRss(dir, Number(values.searches))));
}
