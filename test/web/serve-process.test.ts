// `khizana serve` as a process (issue 8 items 5 and 8): it cleans the upload folders that dead
// serves left behind when it starts and its own when it stops (Ctrl+C, kill, the terminal
// closing), and a client that goes away prints nothing on its terminal.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cliPath, repoRoot, tempDir } from '../support/paths.js';
import { waitForServeUrl } from '../support/serve-url.js';
import { callApi, rawRequest } from './helpers.js';

interface Serve {
  child: ChildProcess;
  port: number;
  token: string;
  output(): string;
  /** Stops it with `signal` and resolves with its exit code (or signal) and everything it printed. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the built `khizana serve` on `archive` with `tmp` as its temp folder; resolves once it listens. */
async function startServe(archive: string, tmp: string): Promise<Serve> {
  expect(fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js')), 'build first (npm run build)').toBe(true);
  const child = spawn(process.execPath, ['--max-old-space-size=512', cliPath, '--archive', archive, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await waitForServeUrl(child);
  return {
    child,
    port: Number(url.port),
    token: url.searchParams.get('token')!,
    output: () => stderr,
    async stop(signal) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const exit = await exited;
      clearTimeout(timer);
      return { ...exit, output: stderr };
    },
  };
}

const uploadFolders = (tmp: string): string[] => (fs.existsSync(tmp) ? fs.readdirSync(tmp).filter((n) => n.startsWith('khizana-upload-')).sort() : []);
/** The archive's upload area, where serve keeps uploads now (the system temp folder held them before). */
const uploadArea = (archive: string): string => path.join(archive, 'files', '.uploads');

/** Begins an upload batch and sends one file, without importing it: what a crash would leave. */
async function uploadWithoutImporting(serve: Serve): Promise<void> {
  const { batch } = (await callApi(serve.port, serve.token, 'upload/begin', {})).json() as { batch: string };
  const res = await rawRequest(serve.port, {
    method: 'POST',
    path: '/api/upload/file',
    headers: { Authorization: `Bearer ${serve.token}`, 'x-upload-batch': batch, 'x-file-name': 'dropped.txt' },
    body: 'a dropped file about Deir ez-Zor',
  });
  expect(res.status).toBe(200);
}

it('at start it removes the upload folders of serves that no longer run, and keeps those of one that runs', async () => {
  const tmp = tempDir('khizana-tmp-');
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(alive);
  const make = (name: string): string => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(path.join(dir, 'batch'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'batch', 'file.txt'), 'left behind');
    return dir;
  };
  make(`khizana-upload-${dead}-AbC123`);
  make(`khizana-upload-${alive.pid}-DeF456`);
  const old = make('khizana-upload-GhI789'); // an older version's folder (no pid), untouched for two days
  fs.utimesSync(old, new Date(Date.now() - 2 * 86400_000), new Date(Date.now() - 2 * 86400_000));
  make('khizana-upload-JkL012'); // an older version's folder in use today

  const serve = await startServe(path.join(tempDir(), 'archive'), tmp);
  expect(uploadFolders(tmp)).toEqual([`khizana-upload-${alive.pid}-DeF456`, 'khizana-upload-JkL012']);
  await serve.stop('SIGTERM');
});

it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('on %s it removes its upload folder and exits 0', async (signal) => {
  const tmp = tempDir('khizana-tmp-');
  const archive = path.join(tempDir(), 'archive');
  const serve = await startServe(archive, tmp);
  await uploadWithoutImporting(serve);
  expect(uploadFolders(uploadArea(archive))).toEqual([expect.stringMatching(new RegExp(`^khizana-upload-${serve.child.pid}-`, 'u'))]);
  expect(uploadFolders(tmp)).toEqual([]);
  const exit = await serve.stop(signal);
  expect(exit).toMatchObject({ code: 0, output: '' });
  expect(uploadFolders(uploadArea(archive))).toEqual([]);
});

it('after kill -9 its uploads stay until the next serve starts', async () => {
  const tmp = tempDir('khizana-tmp-');
  const archive = path.join(tempDir(), 'archive');
  const first = await startServe(archive, tmp);
  await uploadWithoutImporting(first);
  await first.stop('SIGKILL');
  expect(uploadFolders(uploadArea(archive))).toHaveLength(1);
  const second = await startServe(archive, tmp);
  expect(uploadFolders(uploadArea(archive))).toEqual([]);
  await second.stop('SIGTERM');
});

it('an archive folder it cannot write to: uploads wait in the system temp folder', async () => {
  const tmp = tempDir('khizana-tmp-');
  const archive = path.join(tempDir(), 'archive');
  await (await startServe(archive, tmp)).stop('SIGTERM'); // creates the archive
  fs.writeFileSync(uploadArea(archive), 'a file where the upload area should be');
  const serve = await startServe(archive, tmp);
  await uploadWithoutImporting(serve);
  expect(uploadFolders(tmp)).toEqual([expect.stringMatching(new RegExp(`^khizana-upload-${serve.child.pid}-`, 'u'))]);
  await serve.stop('SIGTERM');
  expect(uploadFolders(tmp)).toEqual([]);
});

/** Opens a connection, sends `data`, waits for `ms` or the first byte of an answer, then drops it. */
function sendAndDrop(port: number, data: string, ms = 150): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(data));
    const drop = (): void => {
      socket.destroy();
      resolve();
    };
    socket.once('data', drop);
    socket.on('error', drop);
    setTimeout(drop, ms);
  });
}

it('clients that go away mid-upload, mid-body or mid-answer leave no stack trace (nothing at all) on its terminal', async () => {
  const serve = await startServe(path.join(tempDir(), 'archive'), tempDir('khizana-tmp-'));
  const host = `Host: 127.0.0.1:${serve.port}\r\nAuthorization: Bearer ${serve.token}\r\n`;
  const { batch } = (await callApi(serve.port, serve.token, 'upload/begin', {})).json() as { batch: string };
  await sendAndDrop(serve.port, `POST /api/upload/file HTTP/1.1\r\n${host}Content-Length: 100000\r\nx-upload-batch: ${batch}\r\nx-file-name: cut.txt\r\n\r\nhalf an upl`);
  await sendAndDrop(serve.port, `POST /api/search HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`);
  await sendAndDrop(serve.port, `GET /api/events?token=${serve.token} HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\n\r\n`);
  const assets = fs.readdirSync(path.join(repoRoot, 'dist/renderer/assets'));
  const biggest = assets.sort((a, b) => fs.statSync(path.join(repoRoot, 'dist/renderer/assets', b)).size - fs.statSync(path.join(repoRoot, 'dist/renderer/assets', a)).size)[0]!;
  await sendAndDrop(serve.port, `GET /assets/${biggest} HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\n\r\n`);
  await new Promise((r) => setTimeout(r, 500));
  expect((await callApi(serve.port, serve.token, 'stats', {})).status).toBe(200);
  const exit = await serve.stop('SIGTERM');
  expect(exit.output).toBe('');
});
