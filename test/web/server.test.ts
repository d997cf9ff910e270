// The web bridge against a real archive: token, Host check, errors, static files, events, uploads.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveSession } from '../../electron/core/archive.js';
import { createEventHub } from '../../electron/web/event-hub.js';
import { contentSecurityPolicy } from '../../electron/shared/content-security-policy.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';
import type { ImportReport, SearchResult } from '../../electron/shared/dto.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { callApi, listenEvents, makeStaticDir, rawRequest, waitFor } from './helpers.js';

let session: ArchiveSession;
let server: WebServer;
let secret: string;
let port: number;
let token: string;

beforeAll(async () => {
  const hub = createEventHub();
  // Parses in this thread: the bridge is under test here, not the parser pool.
  session = await openArchive({ dir: path.join(tempDir(), 'archive'), onEvent: (e) => hub.publish(e), parseWorkers: 0 });
  const dirs = makeStaticDir();
  secret = dirs.secret;
  server = await startWebServer({ session, staticDir: dirs.staticDir, events: hub, port: 0 });
  ({ port, token } = server);
});
afterAll(async () => {
  await server.close();
  await session.close();
});

describe('where it listens', () => {
  it('prints a 127.0.0.1 URL carrying a fresh base64url token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('binds 127.0.0.1 only: other addresses of this machine are refused', async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of [...others, '::1']) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('fails clearly when the built UI is missing', async () => {
    await expect(startWebServer({ session, staticDir: path.join(tempDir(), 'nope') })).rejects.toMatchObject({ code: 'archive-unavailable' });
  });
});

describe('the token', () => {
  it('is required on every API call: 401 without it, with a wrong one, or in the query', async () => {
    for (const t of [null, 'wrong', `${token}x`]) {
      const res = await callApi(port, t, 'stats', {});
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    const inQuery = await rawRequest(port, { method: 'POST', path: `/api/stats?token=${token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
  });

  it('is checked before anything else is revealed (unknown method without token is 401, not 404)', async () => {
    expect((await callApi(port, null, 'noSuchMethod', {})).status).toBe(401);
  });

  it('opens the API with the right token', async () => {
    const res = await callApi(port, token, 'stats', {});
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ articles: 0, notes: 0 });
  });

  it('guards the event stream too (query token, since EventSource cannot send headers)', async () => {
    expect((await rawRequest(port, { path: '/api/events' })).status).toBe(401);
    expect((await rawRequest(port, { path: '/api/events?token=wrong' })).status).toBe(401);
  });
});

describe('the Host header (DNS rebinding)', () => {
  // The port is only known once the server runs, so the cases are functions of it.
  it.each<[string, (p: number) => string]>([
    ['evil.com', () => 'evil.com'],
    ['evil.com:PORT', (p) => `evil.com:${p}`],
    ['127.0.0.1 without port', () => '127.0.0.1'],
    ['127.0.0.2:PORT', (p) => `127.0.0.2:${p}`],
    ['127.0.0.1:other port', (p) => `127.0.0.1:${p + 1}`],
    ['localhost.evil.com:PORT', (p) => `localhost.evil.com:${p}`],
    ['empty', () => ''],
  ])('refuses Host %s', async (_label, hostOf) => {
    const host = hostOf(port);
    const res = await rawRequest(port, { path: '/', host });
    expect(res.status).toBe(421);
    const api = await callApi(port, token, 'stats', {}, { Host: host });
    expect(api.status).toBe(421);
    expect(api.body).not.toContain('articles');
  });

  it('accepts 127.0.0.1:PORT and localhost:PORT', async () => {
    expect((await rawRequest(port, { path: '/', host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await rawRequest(port, { path: '/', host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses cross-origin API calls even with the token', async () => {
    const res = await callApi(port, token, 'stats', {}, { Origin: 'http://evil.com' });
    expect(res.status).toBe(403);
    expect((await callApi(port, token, 'stats', {}, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });
});

describe('API errors', () => {
  it('404 for an unknown method, with code not-found', async () => {
    for (const name of ['noSuchMethod', 'constructor', '__proto__', 'toString', '']) {
      const res = await callApi(port, token, name, {});
      expect(res.status, name).toBe(404);
      expect((res.json() as { error: { code: string } }).error.code).toBe('not-found');
    }
  });

  it('400 for invalid arguments, with code invalid-argument and a readable message', async () => {
    const res = await callApi(port, token, 'getItem', { id: -1 });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid-argument', message: expect.stringContaining('id') } });
    expect((await callApi(port, token, 'search', { query: 42 })).status).toBe(400);
  });

  it('400 for a body that is not JSON or not declared as JSON', async () => {
    const bad = await rawRequest(port, { method: 'POST', path: '/api/stats', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    const form = await rawRequest(port, { method: 'POST', path: '/api/stats', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(400);
  });

  it('413 for a body over the limit', async () => {
    const res = await callApi(port, token, 'search', { query: 'x'.repeat(11 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((res.json() as { error: { code: string } }).error.code).toBe('too-large');
  });

  it('404 not-found for a missing item; 405 for GET on a method', async () => {
    const res = await callApi(port, token, 'getItem', { id: 999999 });
    expect(res.status).toBe(404);
    expect((res.json() as { error: { code: string } }).error.code).toBe('not-found');
    expect((await rawRequest(port, { path: '/api/stats', headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
  });
});

describe('static files', () => {
  it('serves the UI with the strict headers', async () => {
    const res = await rawRequest(port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("connect-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const asset = await rawRequest(port, { path: '/assets/app-1234.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('sends the same security headers on API answers and errors', async () => {
    for (const res of [await callApi(port, token, 'stats', {}), await callApi(port, null, 'stats', {})]) {
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '//etc/passwd',
    '/link.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets/',
  ])('refuses %s', async (p) => {
    const res = await rawRequest(port, { path: p });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain('root:');
  });

  it('answers only GET and HEAD', async () => {
    expect((await rawRequest(port, { method: 'POST', path: '/' })).status).toBe(405);
    const head = await rawRequest(port, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('through the bridge', () => {
  it('imports with progress events over SSE, then finds Arabic with and without diacritics', async () => {
    const stream = listenEvents(`http://127.0.0.1:${port}/api/events?token=${token}`);
    await stream.ready;
    try {
      const res = await callApi(port, token, 'importPaths', { paths: [samplePath], tags: ['syria/idlib'], jobId: 'web-1' });
      expect(res.status).toBe(200);
      const report = res.json() as ImportReport;
      expect(report).toMatchObject({ jobId: 'web-1', imported: 1, failed: 0 });
      await waitFor(() => stream.events.some((e) => e.type === 'importProgress' && e.progress.jobId === 'web-1' && e.progress.filesDone === 1));
    } finally {
      stream.stop();
    }
    for (const query of ['من', 'مِن', 'ادلب']) {
      const found = (await callApi(port, token, 'search', { query })).json() as SearchResult;
      expect(found.total, query).toBe(1);
    }
  });

  it('uploads files into a temp folder, imports them as one job, reports the uploaded names, deletes the folder', async () => {
    const begin = (await callApi(port, token, 'upload/begin', {})).json() as { batch: string };
    expect(begin.batch).toMatch(/^[A-Za-z0-9_-]+$/);
    const put = (name: string, body: string) =>
      rawRequest(port, {
        method: 'POST',
        path: '/api/upload/file',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'X-Upload-Batch': begin.batch, 'X-File-Name': encodeURIComponent(name) },
        body,
      });
    expect((await put('notes/حلب.txt', 'تقرير عن أسواق حلب القديمة')).status).toBe(200);
    const sneaky = await put('../../../escape.txt', 'An upload that tried to leave its folder');
    expect(sneaky.status).toBe(200);
    expect((sneaky.json() as { name: string }).name).toBe('escape.txt');
    expect((await put('bad.xyz', 'unsupported')).status).toBe(200);
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('khizana-upload-'));
    const commit = await callApi(port, token, 'upload/commit', { batch: begin.batch, tags: ['uploads'], jobId: 'up-1' });
    expect(commit.status).toBe(200);
    const report = commit.json() as ImportReport;
    expect(report.imported).toBe(2);
    expect(report.results.map((r) => r.path).sort()).toEqual(['bad.xyz', 'escape.txt', 'notes/حلب.txt']);
    expect(JSON.stringify(report)).not.toContain(os.tmpdir());
    const found = (await callApi(port, token, 'search', { query: 'حلب tag:uploads' })).json() as SearchResult;
    expect(found.total).toBe(1);
    // The batch folder is gone; the store's root may remain until the server closes.
    for (const dir of tmpBefore) expect(fs.existsSync(path.join(os.tmpdir(), dir, begin.batch))).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(path.dirname(samplePath)), 'escape.txt'))).toBe(false);
  });

  it('upload needs the token and a live batch', async () => {
    expect((await callApi(port, null, 'upload/begin', {})).status).toBe(401);
    const res = await rawRequest(port, {
      method: 'POST',
      path: '/api/upload/file',
      headers: { Authorization: `Bearer ${token}`, 'X-Upload-Batch': 'nope', 'X-File-Name': 'a.txt' },
      body: 'x',
    });
    expect(res.status).toBe(404);
  });
});

describe('upload names', () => {
  it('keeps two dropped files with the same name apart', async () => {
    const { uniqueName, safeRelativeName } = await import('../../electron/web/uploads.js');
    const taken = new Set(['a/report.txt', 'a/report (2).txt']);
    expect(uniqueName('a/report.txt', (n) => taken.has(n))).toBe('a/report (3).txt');
    expect(uniqueName('b.txt', (n) => taken.has(n))).toBe('b.txt');
    expect(safeRelativeName('../../etc/passwd').split(path.sep)).toEqual(['etc', 'passwd']);
    expect(safeRelativeName('C:\\Users\\me\\x.txt').split(path.sep)).toEqual(['C:', 'Users', 'me', 'x.txt']);
    expect(() => safeRelativeName('../..')).toThrow(/needs a name/);
  });
});
