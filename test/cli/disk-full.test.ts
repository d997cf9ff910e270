// A full disk for real (issue 8 item 5): the archive on a small tmpfs. Mounting needs root (or
// CAP_SYS_ADMIN); where it is not possible the test says it is skipped, and why. The same stop
// without a mount, deterministic (SQLite's own SQLITE_FULL), is in test/core/storage/write-transaction.test.ts.
import { afterAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { writeFiles } from '../support/archive.js';
import { inspectArchive } from '../support/archive-integrity.js';
import { jsonLines, runKhizana } from '../support/cli-process.js';
import { tempDir } from '../support/paths.js';

const mountPoint = tempDir('khizana-full-disk-');
let mounted = false;
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint], { timeout: 10_000 });
});

/** Mounts a `size` tmpfs on the mount point; returns why it cannot, or null. */
function mountSmallDisk(size: string): string | null {
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { encoding: 'utf8', timeout: 10_000 });
  if (run.error) return `cannot run mount: ${run.error.message}`;
  if (run.status !== 0) return `cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): ${run.stderr.trim()}`;
  mounted = true;
  return null;
}

it('a full disk stops the import at once with disk-full: the rest is not tried, nothing half-written is left', async (ctx) => {
  const cannot = mountSmallDisk('3m');
  if (cannot) return ctx.skip(cannot);
  const archive = path.join(mountPoint, 'archive');
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`f${String(i).padStart(3, '0')}.txt`] = `File ${i}\n\nword${i} common ${'market oil city river '.repeat(1000)}`; // ~22 KB each, 9 MB in all
  const folder = writeFiles(files);

  const run = await runKhizana(['--archive', archive, 'import', '--json', folder]);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^khizana: the import stopped, \d+ files not tried: the disk holding the archive is full.*\n$/);
  const lines = jsonLines<{ status: string; error?: { code: string; message: string } }>(run.stdout);
  expect(lines).toHaveLength(400);
  const imported = lines.filter((l) => l.status === 'imported').length;
  const failed = lines.filter((l) => l.status === 'failed');
  const notTried = lines.filter((l) => l.status === 'skipped');
  expect(imported).toBeGreaterThan(0);
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.length).toBeLessThanOrEqual(100); // one batch at most: it stopped at once
  expect(failed.every((l) => l.error?.code === 'disk-full')).toBe(true);
  expect(notTried.length).toBeGreaterThan(100);
  expect(notTried.every((l) => l.error?.code === 'disk-full' && l.error.message.startsWith('not tried'))).toBe(true);
  expect(imported + failed.length + notTried.length).toBe(400);

  // Nothing half-written: exactly the stored items' originals, complete; no temp or empty file.
  expect(inspectArchive(archive)).toEqual({ items: imported, badOriginals: [], orphans: [], temps: [], quickCheck: 'ok' });
  // The archive still opens and searches on the full disk.
  const search = await runKhizana(['--archive', archive, 'search', 'common', '--json', '--limit', '1']);
  expect(search.stderr).toBe('');
  expect((JSON.parse(search.stdout) as { total: number }).total).toBe(imported);

  // Once there is room again, the same import finishes the folder.
  expect(spawnSync('mount', ['-o', 'remount,size=64m', mountPoint]).status).toBe(0);
  const again = await runKhizana(['--archive', archive, 'import', '--json', folder]);
  expect(again.status, again.stderr).toBe(0);
  expect(inspectArchive(archive)).toEqual({ items: 400, badOriginals: [], orphans: [], temps: [], quickCheck: 'ok' });
}, 120_000);
