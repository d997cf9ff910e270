// `khizana serve` as a user runs it: prints the address with its token and serves the UI there.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cliPath, repoRoot, tempDir } from '../support/paths.js';
import { callApi, rawRequest } from './helpers.js';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

it('prints "Khizana is running at http://127.0.0.1:PORT/?token=…" and answers there', async () => {
  expect(fs.existsSync(path.join(repoRoot, 'dist/renderer/index.html')), 'build the UI first (npm run build)').toBe(true);
  child = spawn(process.execPath, [cliPath, '--archive', path.join(tempDir(), 'archive'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed; output so far: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Khizana is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.on('exit', (code) => reject(new Error(`khizana serve exited with ${code}: ${output}`)));
  });
  const { port, searchParams } = new URL(url);
  const token = searchParams.get('token')!;
  const page = await rawRequest(Number(port), { path: '/' });
  expect(page.status).toBe(200);
  expect(page.body).toContain('<div id="root">');
  expect((await callApi(Number(port), token, 'stats', {})).status).toBe(200);
  expect((await callApi(Number(port), null, 'stats', {})).status).toBe(401);
});
