// The import stores parsed files in batches sized by time, not one file per transaction (issue 14).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ImportProgress } from '../../../electron/shared/dto.js';
import { importPaths, type ImportDeps } from '../../../electron/core/import/import-paths.js';
import { createImportFeed } from '../../../electron/core/import/import-feed.js';
import { parseInProcess } from '../../../electron/core/import/parse-in-process.js';
import { defaultParseLimits } from '../../../electron/core/import/parsed-document.js';
import { openDatabase } from '../../../electron/core/storage/database.js';
import { writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

function folderOf(n: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`f${String(i).padStart(4, '0')}.txt`] = `File ${i}\n\nword${i} ${'market oil city '.repeat(10 + (i % 7))}`;
  return writeFiles(files);
}

/** Deps whose clock counts calls: the import asks the time once per transaction that stores items. */
function deps(dir: string, extra: Partial<ImportDeps> = {}): ImportDeps & { transactions: () => number } {
  let stamps = 0;
  return {
    db: openDatabase(path.join(dir, 'khizana.sqlite')),
    archiveDir: dir,
    limits: defaultParseLimits,
    parallelism: 1,
    signal: new AbortController().signal,
    parse: (job, bytes) => parseInProcess(job, bytes, defaultParseLimits),
    now: () => `2026-12-07T00:00:00.${String(++stamps).padStart(3, '0')}Z`,
    transactions: () => stamps,
    ...extra,
  };
}

describe('importPaths: batches by time', () => {
  it('stores 300 files in a few transactions, still reporting every file once, in order', async () => {
    const folder = folderOf(300);
    const d = deps(tempDir());
    const progress: ImportProgress[] = [];
    const report = await importPaths({ ...d, onProgress: (p) => progress.push(p) }, { paths: [folder], tags: ['t'], jobId: 'j' });
    expect(report.imported).toBe(300);
    expect(report.results.map((r) => path.basename(r.path))).toEqual(Array.from({ length: 300 }, (_, i) => `f${String(i).padStart(4, '0')}.txt`));
    // One file per transaction was 300; batches of ~50 ms of work are a handful.
    expect(d.transactions()).toBeLessThanOrEqual(30);
    expect(d.db.prepare('SELECT count(DISTINCT imported_at) FROM items').pluck().get()).toBe(d.transactions());
    // Progress still says each file as it is stored, one at a time.
    const settled = progress.filter((p) => p.last);
    expect(settled.map((p) => p.filesDone)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    d.db.close();
  });

  it('a cancelled import keeps what it stored and reports exactly that; nothing else is stored', async () => {
    const folder = folderOf(400);
    const controller = new AbortController();
    const d = deps(tempDir(), { signal: controller.signal });
    let seen = 0;
    const report = await importPaths(
      { ...d, onProgress: (p) => p.last && ++seen === 20 && controller.abort() },
      { paths: [folder], tags: [], jobId: 'c' },
    );
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBeGreaterThanOrEqual(20);
    expect(report.imported).toBeLessThan(400);
    const stored = d.db.prepare('SELECT source_path FROM items ORDER BY id').pluck().all();
    expect(stored).toEqual(report.results.filter((r) => r.status === 'imported').map((r) => r.path));
    d.db.close();
  });
  it('a fed import parses the files fed while its first file is still being parsed (an upload does not wait behind one slow file)', async () => {
    const folder = folderOf(4);
    const file = (i: number) => path.join(folder, `f${String(i).padStart(4, '0')}.txt`);
    const feed = createImportFeed();
    const started: string[] = [];
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const d = deps(tempDir(), {
      parallelism: 4,
      parse: async (job, bytes) => {
        started.push(path.basename(job.path));
        // The first file (a cold parser) is answered only once a fed file's parse has begun.
        if (job.path === file(0)) await firstHeld;
        return parseInProcess(job, bytes, defaultParseLimits);
      },
    });
    const running = importPaths(d, { paths: [file(0)], tags: [], jobId: 'fed', feed });
    await new Promise((resolve) => setTimeout(resolve, 20));
    feed.add([file(1), file(2), file(3)]);
    const end = Date.now() + 5_000;
    while (started.length < 4 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
    // Before the fix the import waited for file 0 before it looked at the feed: only f0000 had started.
    expect(started).toEqual(['f0000.txt', 'f0001.txt', 'f0002.txt', 'f0003.txt']);
    releaseFirst();
    feed.close({ tags: ['up'] });
    const report = await running;
    expect(report.results.map((r) => [path.basename(r.path), r.status])).toEqual([0, 1, 2, 3].map((i) => [path.basename(file(i)), 'imported']));
    d.db.close();
  });
  it('a fed import waiting for a file ahead of a batch also reads the paths fed meanwhile', async () => {
    const folder = folderOf(4);
    const file = (i: number) => path.join(folder, `f${String(i).padStart(4, '0')}.txt`);
    const feed = createImportFeed();
    const startedAt = new Map<string, number>();
    let releaseSecond = (): void => undefined;
    const secondHeld = new Promise<void>((resolve) => (releaseSecond = resolve));
    const d = deps(tempDir(), {
      parallelism: 4,
      parse: async (job, bytes) => {
        startedAt.set(path.basename(job.path), performance.now());
        if (job.path === file(1)) await secondHeld;
        return parseInProcess(job, bytes, defaultParseLimits);
      },
    });
    const running = importPaths(d, { paths: [file(0), file(1)], tags: [], jobId: 'fed', feed });
    // The first file is ready; the import waits (up to 500 ms while the feed is open) for the second to fill a batch.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fedAt = performance.now();
    feed.add([file(2), file(3)]);
    const end = Date.now() + 5_000;
    while (!startedAt.has('f0003.txt') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
    // Before, they were read only once that wait ended, ~450 ms after they were fed; now within a few ms.
    expect(startedAt.get('f0002.txt')! - fedAt).toBeLessThan(250);
    expect(startedAt.get('f0003.txt')! - fedAt).toBeLessThan(250);
    releaseSecond();
    feed.close({ tags: [] });
    const report = await running;
    expect(report.results.map((r) => path.basename(r.path))).toEqual(['f0000.txt', 'f0001.txt', 'f0002.txt', 'f0003.txt']);
    d.db.close();
  });

  it('a fed import cancelled while its first file is still being parsed ends when that parse does, cancelled, having stored nothing', async () => {
    const folder = folderOf(2);
    const feed = createImportFeed();
    const controller = new AbortController();
    // A parse that does not listen to the cancel: it ends when its timer fires, which needs the event loop.
    const d = deps(tempDir(), {
      signal: controller.signal,
      parse: async (job, bytes) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return parseInProcess(job, bytes, defaultParseLimits);
      },
    });
    const started = performance.now();
    const running = importPaths(d, { paths: [path.join(folder, 'f0000.txt')], tags: [], jobId: 'fed', feed });
    setTimeout(() => controller.abort(), 20);
    // Before the fix, the import spun on its wait without yielding: this timer never fired.
    const report = await running;
    expect(report.cancelled).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(d.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    d.db.close();
  });
});
