// `khizana import --json` prints each file's line as the file is settled, so an import killed
// half-way leaves a record of what it stored (before, every line came at the very end).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive.js';
import { writeFiles } from '../support/archive.js';
import { cliPath, tempDir } from '../support/paths.js';

const fileCount = 1500;

it('import --json streams one line per file: killed after the first lines, each printed item is stored and the rest is not', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < fileCount; i++) files[`f${String(i).padStart(4, '0')}.txt`] = `report number ${i} on the villages of Idlib, words ${i * 7} and ${i * 13}`;
  const dir = writeFiles(files);
  const archive = path.join(tempDir(), 'archive');

  const child = spawn(process.execPath, ['--max-old-space-size=512', cliPath, '--archive', archive, 'import', dir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
  let stdout = '';
  let linesWhileRunning = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    linesWhileRunning = stdout.split('\n').length - 1;
    if (linesWhileRunning >= 1) child.kill('SIGKILL'); // kill -9 as soon as the first lines are out
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_status, s) => resolve(s)));
  clearTimeout(watchdog);

  expect(signal).toBe('SIGKILL');
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  const printed = complete.trim().split('\n').map((l) => JSON.parse(l) as { path: string; status: string; id?: number; summary?: unknown });
  expect(printed.length).toBeGreaterThanOrEqual(1);
  expect(printed.every((l) => l.summary === undefined)).toBe(true); // killed before the end

  const session = await openArchive({ dir: archive, parseWorkers: 0 });
  try {
    const { articles } = await session.api.stats({});
    // The lines came while the import was still running: most files were never stored.
    expect(articles).toBeLessThan(fileCount);
    // Every line printed as imported is an item that was committed, with that source.
    for (const line of printed.filter((l) => l.status === 'imported')) {
      const item = await session.api.getItem({ id: line.id! });
      expect(item.source?.path).toBe(line.path);
    }
    expect(printed.filter((l) => l.status === 'imported').length).toBeGreaterThanOrEqual(1);
  } finally {
    await session.close();
  }
});
