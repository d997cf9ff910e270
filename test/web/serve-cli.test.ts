// `khizana serve` as a user runs it: prints the address with its token and serves the UI there.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cliPath, repoRoot, tempDir } from '../support/paths.js';
import { callApi, rawRequest } from './helpers.js';
import { waitForServeUrl } from '../support/serve-url.js';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

it('prints "Khizana is running at http://127.0.0.1:PORT/?token=…" and answers there', async () => {
  expect(fs.existsSync(path.join(repoRoot, 'dist/renderer/index.html')), 'build the UI first (npm run build)').toBe(true);
  child = spawn(process.execPath, [cliPath, '--archive', path.join(tempDir(), 'archive'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { port, searchParams } = await waitForServeUrl(child);
  const token = searchParams.get('token')!;
  const page = await rawRequest(Number(port), { path: '/' });
  expect(page.status).toBe(200);
  expect(page.body).toContain('<div id="root">');
  expect((await callApi(Number(port), token, 'stats', {})).status).toBe(200);
  expect((await callApi(Number(port), null, 'stats', {})).status).toBe(401);
});
