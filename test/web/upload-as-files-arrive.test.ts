// A browser upload through the built `khizana serve` (issue 14): files are stored while the rest
// are still arriving, so the commit has only the tail left; what the upload promised stays true:
// the commit's tags and report per file, duplicates inside one upload, and an upload thrown away
// (cancelled, or serve stopping before the commit) leaves exactly nothing it stored behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport, SearchResult } from '../../electron/shared/dto.js';
import { queryArchive } from '../support/archive.js';
import { cliPath, repoRoot, tempDir } from '../support/paths.js';
import { waitForServeUrl } from '../support/serve-url.js';
import { callApi, rawRequest } from './helpers.js';
import { uploadRequest } from '../../renderer/src/api/http-client.js';

interface Serve {
  port: number;
  token: string;
  archive: string;
  stop(): Promise<void>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function startServe(): Promise<Serve> {
  expect(fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js')), 'build first (npm run build)').toBe(true);
  const archive = path.join(tempDir(), 'archive');
  const child = spawn(process.execPath, ['--max-old-space-size=512', cliPath, '--archive', archive, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tempDir(), NO_COLOR: '1' },
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await waitForServeUrl(child);
  return {
    port: Number(url.port),
    token: url.searchParams.get('token')!,
    archive,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const begin = async (serve: Serve): Promise<string> => ((await callApi(serve.port, serve.token, 'upload/begin', {})).json() as { batch: string }).batch;

async function put(serve: Serve, batch: string, name: string, body: string | Buffer): Promise<void> {
  const res = await rawRequest(serve.port, {
    method: 'POST',
    path: '/api/upload/file',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/octet-stream', 'X-Upload-Batch': batch, 'X-File-Name': encodeURIComponent(name) },
    body,
  });
  expect(res.status, res.body).toBe(200);
}

/** An article long enough (50 words and more) that the same text in other bytes is a duplicate. */
const longAleppo = `Aleppo: the covered markets reopen after repairs. ${Array.from({ length: 60 }, (_, i) => `stall${i} sells goods`).join(' ')}.`;

const found = async (serve: Serve, query: string): Promise<number> => ((await callApi(serve.port, serve.token, 'search', { query })).json() as SearchResult).total;

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Files under `folder` of the archive's files/, sorted. */
function filesUnder(archive: string, folder: string, keep: (parent: string) => boolean): string[] {
  const root = path.join(archive, 'files', folder);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.parentPath))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Originals kept in the archive folder (files/ab/…), not counting ones being written or uploads waiting. */
const originals = (archive: string): string[] => filesUnder(archive, '', (parent) => !parent.includes('.incoming') && !parent.includes('.uploads'));

/** Uploaded files waiting in the archive's upload area (files/.uploads). */
const uploaded = (archive: string): string[] => filesUnder(archive, '.uploads', () => true);

describe('an upload through khizana serve', () => {
  it('stores files while the rest arrive; the commit adds its tags and reports every file, duplicates inside the upload included', async () => {
    const serve = await startServe();
    try {
      const batch = await begin(serve);
      await put(serve, batch, 'news/aleppo.txt', longAleppo);
      await put(serve, batch, 'news/homs.txt', 'Homs: the river Orontes floods the old quarter');
      // Stored before the commit: the commit does not have to do it all after the last file.
      await waitUntil(async () => (await found(serve, 'Aleppo')) === 1 && (await found(serve, 'Orontes')) === 1, 'the first files are stored, before the commit');
      await put(serve, batch, 'copy of aleppo.txt', longAleppo); // the same bytes
      await put(serve, batch, 'aleppo-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(longAleppo)])); // the same text in other bytes
      await put(serve, batch, 'notes.xyz', 'not a format Khizana reads');
      await put(serve, batch, 'hama.txt', 'Hama: the water wheels turn again');
      // Uploads wait in the archive's own upload area (on its disk, so a stored one is moved, not copied).
      expect(uploaded(serve.archive).map((file) => path.basename(file))).toContain('notes.xyz');
      const commit = await callApi(serve.port, serve.token, 'upload/commit', { batch, tags: ['inbox'], jobId: 'ui-job' });
      expect(commit.status, commit.body).toBe(200);
      const report = commit.json() as ImportReport;
      expect(report.jobId).toBe('ui-job');
      const byName = new Map(report.results.map((r) => [r.path, r]));
      expect([...byName.keys()].sort()).toEqual(['aleppo-bom.txt', 'copy of aleppo.txt', 'hama.txt', 'news/aleppo.txt', 'news/homs.txt', 'notes.xyz']);
      expect(byName.get('news/aleppo.txt')!.status).toBe('imported');
      expect(byName.get('copy of aleppo.txt')).toMatchObject({ status: 'duplicate', duplicateOf: byName.get('news/aleppo.txt')!.id });
      expect(byName.get('aleppo-bom.txt')).toMatchObject({ status: 'duplicate', duplicateOf: byName.get('news/aleppo.txt')!.id });
      expect(byName.get('notes.xyz')).toMatchObject({ status: 'failed', error: { code: 'unsupported' } });
      expect([report.imported, report.duplicates, report.failed]).toEqual([3, 2, 1]);
      // The commit's tags are on every item, those stored before it too.
      expect(await found(serve, 'tag:inbox')).toBe(3);
      expect(uploaded(serve.archive)).toEqual([]);
      expect(originals(serve.archive)).toHaveLength(3);
    } finally {
      await serve.stop();
    }
  });

  it('small files sent several to a request, as the UI sends them, are stored and reported like files sent one by one', async () => {
    const serve = await startServe();
    try {
      const batch = await begin(serve);
      const send = async (files: Array<[string, string]>) => {
        const request = uploadRequest(batch, files.map(([name, text]) => ({ name, file: new Blob([text]) })));
        return rawRequest(serve.port, { method: 'POST', path: request.path, headers: { Authorization: `Bearer ${serve.token}`, ...request.headers }, body: Buffer.from(await request.body.arrayBuffer()) });
      };
      const first = await send([['أخبار/حلب.txt', longAleppo], ['news/homs.txt', 'Homs: the river Orontes floods the old quarter'], ['copy.txt', longAleppo]]);
      expect(first.status, first.body).toBe(200);
      expect(first.json()).toEqual([{ name: 'أخبار/حلب.txt', bytes: Buffer.byteLength(longAleppo) }, { name: 'news/homs.txt', bytes: 46 }, { name: 'copy.txt', bytes: Buffer.byteLength(longAleppo) }]);
      await put(serve, batch, 'hama.txt', 'Hama: the water wheels turn again');
      // A body that is not a pack is refused, and the batch goes on.
      const bad = await rawRequest(serve.port, { method: 'POST', path: '/api/upload/files', headers: { Authorization: `Bearer ${serve.token}`, 'X-Upload-Batch': batch }, body: 'not a pack' });
      expect(bad.status).toBe(400);
      expect((bad.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('not a pack') });
      const commit = await callApi(serve.port, serve.token, 'upload/commit', { batch, tags: ['inbox'] });
      expect(commit.status, commit.body).toBe(200);
      const report = commit.json() as ImportReport;
      expect(report.results.map((r) => [r.path, r.status])).toEqual([['أخبار/حلب.txt', 'imported'], ['news/homs.txt', 'imported'], ['copy.txt', 'duplicate'], ['hama.txt', 'imported']]);
      expect(await found(serve, 'tag:inbox')).toBe(3);
      expect(originals(serve.archive)).toHaveLength(3);
      expect(uploaded(serve.archive)).toEqual([]);
    } finally {
      await serve.stop();
    }
  });

  it('an upload cancelled after files were stored removes exactly those items, their originals and nothing else', async () => {
    const serve = await startServe();
    try {
      // An item from an earlier upload, which this one repeats.
      const first = await begin(serve);
      await put(serve, first, 'kept.txt', 'Damascus: the old library catalogue');
      expect((await callApi(serve.port, serve.token, 'upload/commit', { batch: first })).status).toBe(200);
      const keptOriginals = originals(serve.archive);
      expect(keptOriginals).toHaveLength(1);

      const batch = await begin(serve);
      await put(serve, batch, 'again.txt', 'Damascus: the old library catalogue');
      await put(serve, batch, 'one.txt', 'Tartus: the harbour and its fishing boats');
      await put(serve, batch, 'two.txt', 'Latakia: a new port crane arrives');
      await waitUntil(async () => (await found(serve, 'Tartus')) === 1 && (await found(serve, 'Latakia')) === 1, 'the upload\'s files are stored, before any commit');
      expect((await callApi(serve.port, serve.token, 'upload/abort', { batch })).status).toBe(200);

      expect(await found(serve, 'Tartus')).toBe(0);
      expect(await found(serve, 'Latakia')).toBe(0);
      expect(await found(serve, 'Damascus')).toBe(1);
      expect(queryArchive<{ n: number }>(serve.archive, 'SELECT count(*) AS n FROM items')[0]!.n).toBe(1);
      expect((await callApi(serve.port, serve.token, 'listTrash', {})).json()).toEqual([]);
      expect(originals(serve.archive)).toEqual(keptOriginals);
      // The item the upload repeated is as it was: no tag, not trashed.
      expect(queryArchive<{ n: number }>(serve.archive, 'SELECT count(*) AS n FROM item_tags')[0]!.n).toBe(0);
      // The batch is gone: committing it now is refused.
      expect((await callApi(serve.port, serve.token, 'upload/commit', { batch })).status).toBe(404);
    } finally {
      await serve.stop();
    }
  });

  it('serve stopping before an upload is committed takes back what it stored', async () => {
    const serve = await startServe();
    const batch = await begin(serve);
    await put(serve, batch, 'one.txt', 'Idlib: the olive harvest comes in early');
    await put(serve, batch, 'two.txt', 'Raqqa: a bridge over the Euphrates is rebuilt');
    await waitUntil(async () => (await found(serve, 'Idlib')) === 1 && (await found(serve, 'Euphrates')) === 1, 'the upload\'s files are stored, before any commit');
    await serve.stop();
    expect(queryArchive<{ n: number }>(serve.archive, 'SELECT count(*) AS n FROM items')[0]!.n).toBe(0);
    expect(originals(serve.archive)).toEqual([]);
  });
});
