// `khizana serve`'s memory (issue 14: ≤ 150 MiB at 100,000 articles). Its main thread only answers
// HTTP and the archive runs in worker threads: the main thread must not load what only they use,
// and each archive thread runs with its heap bounded (worker-client.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cliPath, repoRoot, tempDir } from '../support/paths.js';
import { waitForServeUrl } from '../support/serve-url.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Report {
  /** The main thread's CommonJS modules (better-sqlite3 is one). */
  loaded: string[];
  /** Each worker thread's resource limits (worker_threads.resourceLimits). */
  threads: Array<{ maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number }>;
}

// Preloaded in every thread of the serve process. On SIGUSR2 the main thread asks the workers for
// their resource limits and writes them, with its own loaded modules, to REPORT.
const probe = `import { createRequire } from 'node:module';
import { BroadcastChannel, isMainThread, resourceLimits } from 'node:worker_threads';
import fs from 'node:fs';
const channel = new BroadcastChannel('khizana-test-probe');
channel.unref();
if (isMainThread) {
  const threads = [];
  channel.onmessage = (event) => event.data.limits && threads.push(event.data.limits);
  process.on('SIGUSR2', () => {
    channel.postMessage({ ask: true });
    setTimeout(() => fs.writeFileSync(process.env.REPORT, JSON.stringify({ loaded: Object.keys(createRequire(import.meta.url).cache), threads })), 1000);
  });
} else {
  channel.onmessage = (event) => event.data.ask && channel.postMessage({ limits: resourceLimits });
}
`;

/** Starts the built `khizana serve` with the probe, runs one search, and reads the probe's report. */
async function serveReport(): Promise<Report> {
  expect(fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js')), 'build first (npm run build)').toBe(true);
  const dir = tempDir();
  const report = path.join(dir, 'report.json');
  fs.writeFileSync(path.join(dir, 'probe.mjs'), probe);
  const child = spawn(process.execPath, ['--import', path.join(dir, 'probe.mjs'), cliPath, '--archive', path.join(dir, 'archive'), 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REPORT: report },
  });
  children.push(child);
  const url = await waitForServeUrl(child);
  const res = await fetch(new URL('/api/search', url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'دمشق', limit: 50, facets: true }),
  });
  expect(res.status).toBe(200);
  child.kill('SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(report) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(fs.readFileSync(report, 'utf8')) as Report;
}

it("serve's main thread loads neither SQLite nor the core; the writer's and readers' heaps are bounded", async () => {
  const { loaded, threads } = await serveReport();
  // The archive answered (in its worker threads) and the main thread has not loaded SQLite (nor,
  // with it, the core that opens the archive).
  expect(loaded.filter((file) => file.includes('better-sqlite3'))).toEqual([]);
  // The writer: a small young generation (V8's default grows to ~48 MiB in an import).
  // A reader: a small young generation, and an old one V8 grows cautiously (under 2 GiB).
  const limits = threads.map((t) => [t.maxYoungGenerationSizeMb, t.maxOldGenerationSizeMb] as const);
  expect(limits).toHaveLength(2);
  expect(limits.some(([young]) => young === 8)).toBe(true);
  expect(limits).toContainEqual([4, 1024]);
});
