// GET /api/original/<id> over real HTTP: the archived bytes, always as a download named like the
// original, never rendered from the UI's origin; the token and origin checks of every API call.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveSession } from '../../electron/core/archive.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';
import { tempDir } from '../support/paths.js';
import { writeFiles } from '../support/archive.js';
import { fixturesDir } from '../support/shared.js';
import { makeStaticDir } from './helpers.js';

const pdf = path.join(fixturesDir, 'pdf/kreuzberg-right_to_left_01.pdf');
const hostileHtml = '<!doctype html><title>Page</title><script>document.title = "ran"</script><p>a saved page with a script in it</p>';

let session: ArchiveSession;
let server: WebServer;
let ids: { pdf: number; html: number; note: number };

beforeAll(async () => {
  session = await openArchive({ dir: path.join(tempDir(), 'archive'), parseWorkers: 0 });
  const folder = writeFiles({ 'تقرير "إدلب".html': hostileHtml });
  const report = await session.api.importPaths({ paths: [pdf, folder] });
  const idOf = (end: string): number => report.results.find((r) => r.path.endsWith(end))!.id!;
  const note = await session.api.addNote({ text: 'a note has no original' });
  ids = { pdf: idOf('.pdf'), html: idOf('.html'), note: note.id };
  server = await startWebServer({ session, staticDir: makeStaticDir().staticDir });
});
afterAll(async () => {
  await server?.close();
  await session?.close();
});

const get = (id: number | string, init: RequestInit & { token?: string | null } = {}): Promise<Response> => {
  const { token = server.token, ...rest } = init;
  return fetch(`http://127.0.0.1:${server.port}/api/original/${id}`, {
    ...rest,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(rest.headers as Record<string, string> | undefined) },
  });
};

describe('GET /api/original/<id>', () => {
  it('sends a PDF byte for byte as an attachment named like the original', async () => {
    const response = await get(ids.pdf);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(pdf))).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(fs.statSync(pdf).size));
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="kreuzberg-right_to_left_01.pdf"; filename*=UTF-8''kreuzberg-right_to_left_01.pdf`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('never serves an archived web page as HTML: octet-stream, attachment, nosniff, sandboxed', async () => {
    const response = await get(ids.html);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(hostileHtml);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; /);
    // An ASCII fallback without the quote, and the real Arabic name.
    expect(disposition).toContain('filename="_____ ______.html"');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe('تقرير _إدلب_.html');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('answers HEAD with the headers only', async () => {
    const response = await get(ids.pdf, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(fs.statSync(pdf).size));
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('says clearly when an item has no original, or there is no such item', async () => {
    const note = await get(ids.note);
    expect(note.status).toBe(404);
    expect(await note.json()).toEqual({ error: { code: 'not-found', message: `item ${ids.note} has no original file: it is a note written here` } });
    const missing = await get(9999);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not-found');
    const bad = await get('abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/\/api\/original\/<item id>/);
  });

  it('demands the token and the app origin, and GET', async () => {
    const anonymous = await get(ids.pdf, { token: null });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('%PDF');
    expect((await get(ids.pdf, { token: 'x'.repeat(32) })).status).toBe(401);
    // A token in the query is not enough: only the event stream takes one there.
    const query = await fetch(`http://127.0.0.1:${server.port}/api/original/${ids.pdf}?token=${server.token}`);
    expect(query.status).toBe(401);
    expect((await get(ids.pdf, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const post = await get(ids.pdf, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
