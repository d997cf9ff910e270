// An import fed paths while it runs (an upload as its files arrive): it stores what it is given
// without waiting for the rest, ends only when closed, and takes its tags and its caller's job id
// at the close.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../electron/shared/dto.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

const waitUntil = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('an import fed while it runs', () => {
  it('stores fed files before it is closed, and ends with the tags and the job id given at the close', async () => {
    const progress: ImportProgress[] = [];
    const archive = await freshArchive({ onEvent: (event) => event.type === 'importProgress' && progress.push(event.progress) });
    const dir = writeFiles({ 'a.txt': 'Aleppo markets report', 'b.txt': 'Homs river report', 'c.txt': 'Hama water wheels', 'd.xyz': 'not a format' });
    const running = archive.api.importPaths({ paths: [path.join(dir, 'a.txt')], tags: [], jobId: 'feed-1', open: true });
    // Stored while the import is still open: it does not wait for the rest.
    await waitUntil(async () => (await archive.api.search({ query: 'Aleppo' })).total === 1, 'the first file is stored');
    expect(await archive.api.feedImport({ jobId: 'feed-1', paths: [path.join(dir, 'b.txt'), path.join(dir, 'd.xyz')] })).toEqual({ fed: true });
    await waitUntil(async () => (await archive.api.search({ query: 'Homs' })).total === 1, 'the fed file is stored');
    let ended = false;
    void running.then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ended).toBe(false);
    expect(await archive.api.feedImport({ jobId: 'feed-1', paths: [path.join(dir, 'c.txt')], close: { tags: ['inbox'], jobId: 'ui-1' } })).toEqual({ fed: true });
    const report = await running;
    expect(report.jobId).toBe('ui-1');
    expect(report.results.map((r) => [path.basename(r.path), r.status])).toEqual([['a.txt', 'imported'], ['d.xyz', 'failed'], ['b.txt', 'imported'], ['c.txt', 'imported']]);
    // The tags given at the close are on every item, those stored before it too.
    expect((await archive.api.search({ query: 'tag:inbox' })).total).toBe(3);
    expect(progress.at(-1)!.jobId).toBe('ui-1');
    // The import is over: feeding it is refused, not lost silently.
    expect(await archive.api.feedImport({ jobId: 'feed-1', paths: [path.join(dir, 'c.txt')] })).toEqual({ fed: false });
    await archive.close();
  });

  it('finds a fed file that repeats one stored earlier in the same import, and a cancel ends it while it waits', async () => {
    const progress: ImportProgress[] = [];
    const archive = await freshArchive({ onEvent: (event) => event.type === 'importProgress' && progress.push(event.progress) });
    const dir = writeFiles({ 'one.txt': 'Aleppo markets report', 'again.txt': 'Aleppo markets report' });
    const running = archive.api.importPaths({ paths: [path.join(dir, 'one.txt')], tags: [], jobId: 'feed-2', open: true });
    await waitUntil(async () => (await archive.api.search({ query: 'Aleppo' })).total === 1, 'the first file is stored');
    await archive.api.feedImport({ jobId: 'feed-2', paths: [path.join(dir, 'again.txt')] });
    await waitUntil(async () => progress.some((p) => p.last?.status === 'duplicate'), 'the second file is found a duplicate');
    expect(await archive.api.cancelImport({ jobId: 'feed-2' })).toEqual({ cancelled: true });
    const report = await running;
    expect(report.results.map((r) => r.status)).toEqual(['imported', 'duplicate']);
    expect(report.results[1]!.duplicateOf).toBe(report.results[0]!.id);
    expect(report.cancelled).toBe(true);
    await archive.close();
  });

  it('after the close, the job answers to the caller\'s id: a Cancel by it stops the import', async () => {
    const archive = await freshArchive();
    const dir = writeFiles(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, `report number ${i} on the water supply`])));
    const running = archive.api.importPaths({ paths: [path.join(dir, 'f0.txt')], tags: [], jobId: 'feed-3', open: true });
    const rest = Array.from({ length: 29 }, (_, i) => path.join(dir, `f${i + 1}.txt`));
    expect(await archive.api.feedImport({ jobId: 'feed-3', paths: rest, close: { tags: [], jobId: 'ui-3' } })).toEqual({ fed: true });
    expect(await archive.api.cancelImport({ jobId: 'ui-3' })).toEqual({ cancelled: true });
    const report = await running;
    expect(report.cancelled).toBe(true);
    expect(report.jobId).toBe('ui-3');
    expect(report.imported).toBeLessThan(30);
    // Both ids are forgotten once it has ended.
    expect(await archive.api.cancelImport({ jobId: 'ui-3' })).toEqual({ cancelled: false });
    expect(await archive.api.cancelImport({ jobId: 'feed-3' })).toEqual({ cancelled: false });
    await archive.close();
  });
});
