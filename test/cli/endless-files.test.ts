// Files that never end (a FIFO, a link to /dev/zero): the real CLI must settle them at once, under
// a memory cap and a time limit, given explicitly or found in a folder. Before, /dev/zero was read
// until the kernel killed the process and a FIFO waited for a writer forever.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { cliPath, tempDir } from '../support/paths.js';

const linux = process.platform === 'linux';
const memoryCapKb = 4 * 1024 * 1024; // address space; node and its two parser workers start in ~2.5 GB
const timeLimitMs = 30_000;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  ms: number;
}

/** The CLI under `ulimit -v` and a small heap, killed after timeLimitMs. */
function cappedKhizana(args: string[]): Promise<Run> {
  const started = Date.now();
  const child = spawn('sh', ['-c', `ulimit -v ${memoryCapKb} && exec "$0" --max-old-space-size=256 "$@"`, process.execPath, cliPath, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeLimitMs);
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, ms: Date.now() - started });
    });
  });
}

const lines = (run: Run) => run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { path?: string; status?: string; error?: { code: string; message: string } });

describe.runIf(linux)('files that never end', () => {
  let dir: string;
  let archive: string;
  beforeAll(() => {
    archive = path.join(tempDir(), 'archive');
    dir = writeFiles({ 'good.txt': 'a good file about Raqqa' });
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  });

  it('given explicitly: a link to /dev/zero and a FIFO fail at once with a code', async () => {
    const run = await cappedKhizana(['--archive', archive, 'import', path.join(dir, 'zero.txt'), path.join(dir, 'pipe.txt'), '--json']);
    expect(run.signal).toBeNull(); // neither killed by the cap nor by the time limit
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(timeLimitMs);
    expect(lines(run).filter((l) => l.path !== undefined)).toEqual([
      { path: path.join(dir, 'zero.txt'), status: 'failed', error: { code: 'unsupported', message: expect.stringMatching(/^a link to a character device \(\/dev\/zero\), not a regular file/) } },
      { path: path.join(dir, 'pipe.txt'), status: 'failed', error: { code: 'unsupported', message: expect.stringMatching(/^a named pipe \(FIFO\), not a regular file/) } },
    ]);
  });

  it('inside a folder: both are skipped and reported, the good file is imported', async () => {
    const run = await cappedKhizana(['--archive', archive, 'import', dir, '--json']);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    const byName = (name: string) => lines(run).find((l) => l.path !== undefined && path.basename(l.path) === name);
    expect(byName('good.txt')?.status).toBe('imported');
    expect(byName('zero.txt')).toMatchObject({ status: 'skipped', error: { code: 'unsupported' } });
    expect(byName('pipe.txt')).toMatchObject({ status: 'skipped', error: { code: 'unsupported' } });
  });
});
