import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openArchive, type ArchiveSession } from '../../electron/core/archive.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

describe('every method that changes indexed text refreshes the typo vocabulary', () => {
  // Two notes say "walrus", one says "walrun": a typo prefers the more frequent walrus until
  // those notes are gone, then it must suggest walrun (a stale vocabulary suggests walrus, which
  // finds nothing, so no suggestion at all).
  it.each(['deleteNote', 'deleteItem'] as const)('%s', async (method) => {
    archive = await openArchive({ dir: path.join(tempDir(), 'archive'), parseWorkers: 0 });
    const { api } = archive;
    const gone = [await api.addNote({ text: 'walrus' }), await api.addNote({ text: 'the walrus again' })];
    await api.addNote({ text: 'walrun' });
    expect((await api.search({ query: 'walrux' })).didYouMean).toBe('walrus');
    for (const note of gone) await api[method]({ id: note.id });
    expect((await api.search({ query: 'walrux' })).didYouMean).toBe('walrun');
  });

  it('updateNote', async () => {
    archive = await openArchive({ dir: path.join(tempDir(), 'archive'), parseWorkers: 0 });
    const { api } = archive;
    const note = await api.addNote({ text: 'walrus' });
    expect((await api.search({ query: 'walrux' })).didYouMean).toBe('walrus');
    await api.updateNote({ id: note.id, text: 'walrun' });
    expect((await api.search({ query: 'walrux' })).didYouMean).toBe('walrun');
  });
});

describe('import jobs', () => {
  it('cancelImport stops a running import and only a running one', async () => {
    let jobId: string | null = null;
    archive = await openArchive({
      dir: path.join(tempDir(), 'archive'),
      parseWorkers: 0,
      onEvent: (event) => {
        if (event.type === 'importProgress' && event.progress.filesDone === 1) jobId = event.progress.jobId;
      },
    });
    const { api } = archive;
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, k) => [`f${k}.txt`, `file number ${k}`]));
    const running = api.importPaths({ paths: [writeFiles(files)], tags: [] });
    while (jobId === null) await new Promise((resolve) => setImmediate(resolve));
    expect(await api.cancelImport({ jobId })).toEqual({ cancelled: true });
    const report = await running;
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBeGreaterThan(0);
    expect(report.imported).toBeLessThan(200);
    expect(await api.cancelImport({ jobId })).toEqual({ cancelled: false });
    expect(await api.cancelImport({ jobId: 'no-such-job' })).toEqual({ cancelled: false });
  });
});
