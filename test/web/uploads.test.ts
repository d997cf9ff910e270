// The upload store on its own: names stay unique while uploads run in parallel.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { createUploadStore } from '../../electron/web/uploads.js';
import type { ArchiveApi } from '../../electron/shared/contract.js';
import { freshArchive, writeFiles } from '../support/archive.js';

const body = (text: string) => Readable.from([Buffer.from(text)]) as unknown as IncomingMessage;

describe('upload store', () => {
  it('two uploads of the same name at the same time are both kept and imported', async () => {
    const store = createUploadStore();
    const batch = await store.begin();
    const slow = new PassThrough();
    const first = store.receive(batch, 'x.txt', slow as unknown as IncomingMessage);
    slow.write('the first upload, written slowly, about Aleppo ');
    const second = await store.receive(batch, 'x.txt', body('the second upload, about Homs'));
    slow.end('and it ends here');
    expect((await first).name).toBe('x.txt');
    expect(second.name).toBe('x (2).txt');
    const archive = await freshArchive();
    const report = await store.commit(batch, archive.api as ArchiveApi, {});
    expect(report.imported).toBe(2);
    expect((await archive.api.search({ query: 'Aleppo' })).total).toBe(1);
    expect((await archive.api.search({ query: 'Homs' })).total).toBe(1);
    await archive.close();
    await store.closeAll();
  });

  it('a file named like a folder another upload needs gets another name, not an error', async () => {
    const store = createUploadStore();
    const batch = await store.begin();
    await store.receive(batch, 'd/x.txt', body('inside d'));
    const clash = await store.receive(batch, 'd', body('a file called d'));
    expect(clash.name).toBe('d (2)');
    const under = await store.receive(batch, 'd/x.txt/y.txt', body('under a file'));
    expect(under.name).not.toBe('d/x.txt/y.txt');
    await store.closeAll();
  });

  it('a failed upload leaves nothing behind and frees its name', async () => {
    const store = createUploadStore({ fileBytes: 10, batchBytes: 1000, files: 10 });
    const batch = await store.begin();
    await expect(store.receive(batch, 'big.txt', body('more than ten bytes'))).rejects.toMatchObject({ code: 'too-large' });
    const again = await store.receive(batch, 'big.txt', body('small'));
    expect(again.name).toBe('big.txt');
    await store.closeAll();
    expect(fs.existsSync(batch)).toBe(false);
  });

  it('uploads sent several at once are imported in the order they were sent; one still streaming at commit is not', async () => {
    const store = createUploadStore();
    const batch = await store.begin();
    // a.txt is sent first and finishes last (the UI sends four at once: http-client.ts).
    const slow = new PassThrough();
    const first = store.receive(batch, 'a.txt', slow as unknown as IncomingMessage);
    slow.write('the first file sent, about Aleppo ');
    await store.receive(batch, 'b.txt', body('the second file sent, about Homs'));
    slow.end('and it ends here');
    await first;
    const unfinished = new PassThrough();
    const late = store.receive(batch, 'c.txt', unfinished as unknown as IncomingMessage);
    unfinished.write('still streaming');
    const archive = await freshArchive();
    const report = await store.commit(batch, archive.api as ArchiveApi, {});
    expect(report.results.map((r) => r.path)).toEqual(['a.txt', 'b.txt']);
    expect(report.imported).toBe(2);
    unfinished.end();
    await late.catch(() => undefined);
    await archive.close();
    await store.closeAll();
  });
});

describe('an upload stored as it arrives', () => {
  it('left without a commit past its time, it is thrown away with exactly the items it stored', async () => {
    const archive = await freshArchive();
    const api = archive.api as ArchiveApi;
    const kept = await api.importPaths({ paths: [writeFiles({ 'kept.txt': 'Damascus: the old library catalogue' })], tags: [] });
    expect(kept.imported).toBe(1);
    const store = createUploadStore({ batchTtlMs: 3000 });
    const batch = await store.begin(api);
    await store.receive(batch, 'again.txt', body('Damascus: the old library catalogue'));
    await store.receive(batch, 'new.txt', body('Tartus: the harbour and its fishing boats'));
    const until = Date.now() + 2500;
    while ((await api.search({ query: 'Tartus' })).total === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await api.search({ query: 'Tartus' })).total).toBe(1); // stored before any commit
    while ((await api.stats({})).articles > 1 && Date.now() < until + 5000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await api.search({ query: 'Tartus' })).total).toBe(0);
    expect((await api.search({ query: 'Damascus' })).total).toBe(1);
    expect(await api.listTrash({})).toEqual([]);
    await expect(store.commit(batch, api, {})).rejects.toMatchObject({ code: 'not-found' });
    await store.closeAll();
    await archive.close();
  });
});
