// The upload store on its own: names stay unique while uploads run in parallel.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { createUploadStore } from '../../electron/web/uploads.js';
import { packFiles, packHead, unpackBody, uploadPacks } from '../../electron/shared/upload-pack.js';
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
  it('left idle without a commit past its time, it is thrown away with exactly the items it stored', async () => {
    const archive = await freshArchive();
    const api = archive.api as ArchiveApi;
    const kept = await api.importPaths({ paths: [writeFiles({ 'kept.txt': 'Damascus: the old library catalogue' })], tags: [] });
    expect(kept.imported).toBe(1);
    const store = createUploadStore({ batchIdleMs: 3000 });
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

describe('an upload that keeps sending', () => {
  it('outlives the idle time: only a batch that receives nothing for that long is thrown away', async () => {
    const archive = await freshArchive();
    const api = archive.api as ArchiveApi;
    const store = createUploadStore({ batchIdleMs: 1500 });
    const batch = await store.begin(api);
    for (let k = 0; k < 6; k++) {
      await store.receive(batch, `part-${k}.txt`, body(`Part ${k} of a long upload about Aleppo's souks`));
      await new Promise((resolve) => setTimeout(resolve, 350));
    }
    const report = await store.commit(batch, api, {});
    expect(report.imported).toBe(6);
    await store.closeAll();
    await archive.close();
  });

  it('a pack that arrives slowly, a part at a time, keeps its batch too', async () => {
    const archive = await freshArchive();
    const api = archive.api as ArchiveApi;
    const store = createUploadStore({ batchIdleMs: 1000 });
    const batch = await store.begin(api);
    const whole = packBody([['a.txt', 'Homs: the water wheels of the Orontes'], ['b.txt', 'Hama: the norias turn again']]);
    async function* trickle(): AsyncGenerator<Buffer> {
      for (let at = 0; at < whole.length; at += Math.ceil(whole.length / 6)) {
        await new Promise((resolve) => setTimeout(resolve, 350));
        yield whole.subarray(at, at + Math.ceil(whole.length / 6));
      }
    }
    expect((await store.receivePack(batch, Readable.from(trickle()) as unknown as IncomingMessage)).map((f) => f.name)).toEqual(['a.txt', 'b.txt']);
    expect((await store.commit(batch, api, {})).imported).toBe(2);
    await store.closeAll();
    await archive.close();
  });
});

/** A pack's body (shared/upload-pack.ts) as the browser sends it, as a stream. */
function pack(files: Array<[name: string, text: string]>): IncomingMessage {
  return Readable.from([packBody(files)]) as unknown as IncomingMessage;
}

/** The bytes of a pack's body: its list of files, then each file's bytes. */
function packBody(files: Array<[name: string, text: string]>): Buffer {
  const parts = files.map(([name, text]) => ({ name, bytes: Buffer.from(text) }));
  const head = packHead(parts.map(({ name, bytes }) => ({ name, size: bytes.length })));
  return Buffer.concat([head, ...parts.map((p) => p.bytes)]);
}

describe('small files several to a request (packs)', () => {
  it('the browser cuts files into packs of small files in order; a large file goes alone', () => {
    const sizes = [10, 10, 2_000_000, 10, ...Array.from({ length: 40 }, () => 1000)];
    const packs = uploadPacks(sizes.map((size, k) => ({ size, k })));
    expect(packs.map((p) => p.map((f) => f.k)).flat()).toEqual(sizes.map((_, k) => k));
    expect(packs.map((p) => p.length)).toEqual([2, 1, packFiles, 41 - packFiles]);
    expect(uploadPacks(Array.from({ length: 3 }, () => ({ size: 600_000 }))).map((p) => p.length)).toEqual([1, 1, 1]);
  });

  it('a pack reads back as the files it was made of: names in any script, empty files, bytes as sent', () => {
    const files: Array<[string, string]> = [['أخبار/إدلب.txt', 'نص عن إدلب'], ['empty.txt', ''], ['a "quoted" name%.md', '# title']];
    const body = Buffer.concat([packHead(files.map(([name, text]) => ({ name, size: Buffer.byteLength(text) }))), ...files.map(([, text]) => Buffer.from(text))]);
    expect(unpackBody(body).map((f) => [f.name, Buffer.from(f.bytes).toString()])).toEqual(files);
  });

  it('a body that is not a pack is refused with invalid-argument, saying why', () => {
    const good = Buffer.concat([packHead([{ name: 'a.txt', size: 3 }]), Buffer.from('abc')]);
    expect(() => unpackBody(good.subarray(0, 2))).toThrow(/too short/u);
    expect(() => unpackBody(good.subarray(0, good.length - 1))).toThrow(/do not add up/u);
    expect(() => unpackBody(Buffer.concat([good, Buffer.from('x')]))).toThrow(/do not add up/u);
    expect(() => unpackBody(Buffer.concat([packHead([]), Buffer.from('')]))).toThrow(/1 to 32 files/u);
    const notJson = Buffer.from([0, 0, 0, 3, 0x7b, 0x7b, 0x7b]);
    expect(() => unpackBody(notJson)).toThrow(/not JSON/u);
    try {
      unpackBody(notJson);
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-argument' });
    }
  });

  it('the store takes a pack as it takes each file: unique names, the limits, imported in order', async () => {
    const store = createUploadStore({ fileBytes: 20 });
    const batch = await store.begin();
    await store.receive(batch, 'b.txt', body('sent alone before'));
    const received = await store.receivePack(batch, pack([['a.txt', 'about Aleppo'], ['b.txt', 'about Homs'], ['sub/c.txt', 'about Hama']]));
    expect(received).toEqual([{ name: 'a.txt', bytes: 12 }, { name: 'b (2).txt', bytes: 10 }, { name: 'sub/c.txt', bytes: 10 }]);
    // A file over the limit stops the pack there: those before it are received, it leaves nothing.
    await expect(store.receivePack(batch, pack([['d.txt', 'about Raqqa'], ['big.txt', 'more than twenty bytes here'], ['e.txt', 'never read']]))).rejects.toMatchObject({ code: 'too-large' });
    // A body that arrives in pieces (through a stream) is read whole first.
    await expect(store.receivePack(batch, pack([['x.txt', 'about Idlib']]).pipe(new PassThrough()) as unknown as IncomingMessage)).resolves.toHaveLength(1);
    await expect(store.receivePack('no-such-batch', pack([['y.txt', 'lost']]))).rejects.toMatchObject({ code: 'not-found' });
    // A body past the limit without a declared length: refused as it passes it, the stream left
    // paused for the server's answer, not destroyed.
    const endless = new PassThrough();
    const refused = store.receivePack(batch, endless as unknown as IncomingMessage);
    for (let k = 0; k < 5; k++) endless.write(Buffer.alloc(1024 * 1024));
    await expect(refused).rejects.toMatchObject({ code: 'too-large' });
    expect(endless.destroyed).toBe(false);
    const archive = await freshArchive();
    const report = await store.commit(batch, archive.api as ArchiveApi, {});
    expect(report.results.map((r) => r.path)).toEqual(['b.txt', 'a.txt', 'b (2).txt', 'sub/c.txt', 'd.txt', 'x.txt']);
    expect(report.imported).toBe(6);
    await archive.close();
    await store.closeAll();
  });
});
