// `khizana serve`'s memory (issue 14: ≤ 150 MiB at 100,000 articles). Its main thread only answers
// HTTP, the archive runs in worker threads: the main thread must not load what only they use.
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

/** Reads what the main thread of the process `child` has loaded (the probe below answers SIGUSR2). */
async function loadedModules(child: ChildProcess, out: string): Promise<string[]> {
  child.kill('SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
}

it("serve's main thread loads neither SQLite nor the core's import and storage code", async () => {
  expect(fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js')), 'build first (npm run build)').toBe(true);
  const dir = tempDir();
  const out = path.join(dir, 'loaded.json');
  // Preloaded in every thread; only the main thread answers. CommonJS modules (better-sqlite3) are in require.cache.
  const probe = path.join(dir, 'probe.mjs');
  fs.writeFileSync(
    probe,
    `import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import fs from 'node:fs';
if (isMainThread) process.on('SIGUSR2', () => fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(createRequire(import.meta.url).cache))));
`,
  );
  const child = spawn(process.execPath, ['--import', probe, cliPath, '--archive', path.join(dir, 'archive'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const url = await waitForServeUrl(child);
  // The archive answers (in its worker threads) …
  const res = await fetch(new URL('/api/stats', url), { method: 'POST', headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
  // … and the main thread has not loaded SQLite (nor, with it, the core that opens the archive).
  const loaded = await loadedModules(child, out);
  expect(loaded.filter((file) => file.includes('better-sqlite3'))).toEqual([]);
});
