// The bridge's answers when something goes wrong (issue 8 items 8 and 5): environment errors
// under their own codes and statuses (never internal/500), 401 for a tokenless upload before its
// body is read, 408 for a body that stops arriving, 413 past the pending-upload caps.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName, openArchive, type ArchiveSession } from '../../electron/core/archive.js';
import { startWebServer, type WebServer, type WebServerOptions } from '../../electron/web/server.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { callApi, makeStaticDir, rawRequest } from './helpers.js';

const opened: Array<{ server: WebServer; session: ArchiveSession }> = [];
afterEach(async () => {
  for (const { server, session } of opened.splice(0)) {
    await server.close();
    await session.close();
  }
});

/** A fresh archive (or the one in `dir`), served in this process. */
async function serve(options: Partial<WebServerOptions> = {}, dir = path.join(tempDir(), 'archive')): Promise<{ server: WebServer; session: ArchiveSession; dir: string }> {
  const session = await openArchive({ dir, parseWorkers: 0 });
  const server = await startWebServer({ session, staticDir: makeStaticDir().staticDir, ...options });
  opened.push({ server, session });
  return { server, session, dir };
}

interface RawExchange {
  /** What the server sent, and how long after the request started each thing happened. */
  response: string;
  answeredMs: number | null;
  closedMs: number | null;
}

/** Sends `head` and `body` on a raw socket and never more; waits up to `ms` for the answer and the close. */
function rawExchange(port: number, head: string, body: string | Buffer, ms: number): Promise<RawExchange> {
  return new Promise((resolve) => {
    const start = performance.now();
    const result: RawExchange = { response: '', answeredMs: null, closedMs: null };
    const socket = net.connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(head), Buffer.from(body)])));
    socket.on('data', (chunk) => {
      result.answeredMs ??= performance.now() - start;
      result.response += chunk.toString('utf8');
    });
    socket.on('error', () => undefined);
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.on('close', () => {
      result.closedMs = performance.now() - start;
      finish();
    });
    const timer = setTimeout(finish, ms);
  });
}

const statusLine = (response: string): string => response.split('\r\n')[0] ?? '';
const jsonBody = (response: string): { error: { code: string; message: string } } => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };

describe('uploads and slow bodies', () => {
  it('a tokenless upload gets 401 at once, and its body is not read: the connection closes', async () => {
    const { server } = await serve();
    const head = `POST /api/upload/file HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 100000000\r\nx-upload-batch: b\r\nx-file-name: a.txt\r\n\r\n`;
    const exchange = await rawExchange(server.port, head, Buffer.alloc(16 * 1024, 120), 3000);
    expect(statusLine(exchange.response)).toBe('HTTP/1.1 401 Unauthorized');
    expect(exchange.answeredMs!).toBeLessThan(1000);
    // The server does not wait for the other 99.98 MB.
    expect(exchange.closedMs, 'the server kept the connection open, waiting for the body').not.toBeNull();
    expect(exchange.closedMs!).toBeLessThan(2000);
  });

  it('a pack of uploads over its limit gets 413 with why at once, its body unread, and the connection closes', async () => {
    const { server } = await serve();
    const { batch } = (await callApi(server.port, server.token, 'upload/begin', {})).json() as { batch: string };
    const head = `POST /api/upload/files HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: ${5 * 1024 * 1024}\r\nx-upload-batch: ${batch}\r\n\r\n`;
    const exchange = await rawExchange(server.port, head, Buffer.alloc(16 * 1024), 3000);
    expect(statusLine(exchange.response)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(jsonBody(exchange.response).error).toMatchObject({ code: 'too-large', message: expect.stringContaining('send large files one by one') });
    expect(exchange.closedMs, 'the server kept the connection open, waiting for the body').not.toBeNull();
  });

  it('a JSON body sent without a length that runs past the limit gets 413 with why, not a dropped connection', async () => {
    const { server } = await serve({ bodyLimit: 1000 });
    const head = `POST /api/stats HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const exchange = await rawExchange(server.port, head, `${(4000).toString(16)}\r\n${' '.repeat(4000)}\r\n`, 3000);
    expect(statusLine(exchange.response)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(jsonBody(exchange.response).error).toMatchObject({ code: 'too-large', message: 'the request body is over 1000 bytes' });
  });

  it('a JSON body that stops arriving gets 408 (code timeout) and the connection closes', async () => {
    const { server } = await serve({ bodyTimeoutMs: 300 });
    const head = `POST /api/stats HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
    const exchange = await rawExchange(server.port, head, '{', 5000);
    expect(statusLine(exchange.response)).toBe('HTTP/1.1 408 Request Timeout');
    expect(jsonBody(exchange.response).error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/^the request body stopped arriving/u) });
    expect(exchange.closedMs!).toBeLessThan(3000);
  });

  it('an upload that stops arriving gets 408, and the batch still works without it', async () => {
    const { server } = await serve({ bodyTimeoutMs: 300 });
    const { batch } = (await callApi(server.port, server.token, 'upload/begin', {})).json() as { batch: string };
    const head = `POST /api/upload/file HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 1000000\r\nx-upload-batch: ${batch}\r\nx-file-name: stalled.txt\r\n\r\n`;
    const exchange = await rawExchange(server.port, head, 'the first bytes of an upload that never ends', 5000);
    expect(statusLine(exchange.response)).toBe('HTTP/1.1 408 Request Timeout');
    const again = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/upload/file',
      headers: { Authorization: `Bearer ${server.token}`, 'x-upload-batch': batch, 'x-file-name': 'whole.txt' },
      body: 'an upload about Hama that arrives whole',
    });
    expect(again.json()).toEqual({ name: 'whole.txt', bytes: 39 });
    const commit = (await callApi(server.port, server.token, 'upload/commit', { batch })).json() as { imported: number; results: Array<{ path: string }> };
    expect(commit.results.map((r) => r.path)).toEqual(['whole.txt']);
  });

  it('past the cap of uploads waiting to be imported, begin answers 413 with a clear message', async () => {
    const { server } = await serve({ uploadLimits: { pendingBatches: 2 } });
    for (let i = 0; i < 2; i++) expect((await callApi(server.port, server.token, 'upload/begin', {})).status).toBe(200);
    const third = await callApi(server.port, server.token, 'upload/begin', {});
    expect(third.status).toBe(413);
    expect(third.json()).toEqual({ error: { code: 'too-large', message: '2 uploads are already waiting to be imported: let them finish, or reload the page' } });
  });

  it('past the cap of bytes waiting to be imported, a file answers 413', async () => {
    const { server } = await serve({ uploadLimits: { pendingBytes: 100 } });
    const put = async (batch: string, name: string, body: string) =>
      rawRequest(server.port, { method: 'POST', path: '/api/upload/file', headers: { Authorization: `Bearer ${server.token}`, 'x-upload-batch': batch, 'x-file-name': name }, body });
    const first = ((await callApi(server.port, server.token, 'upload/begin', {})).json() as { batch: string }).batch;
    const second = ((await callApi(server.port, server.token, 'upload/begin', {})).json() as { batch: string }).batch;
    expect((await put(first, 'a.txt', 'x'.repeat(60))).status).toBe(200);
    const over = await put(second, 'b.txt', 'y'.repeat(60));
    expect(over.status).toBe(413);
    expect((over.json() as { error: { message: string } }).error.message).toMatch(/waiting to be imported are too large together/u);
  });
});

describe('environment errors have their own codes and statuses', () => {
  it('a write that waits too long for another program’s lock answers 503 busy, not 500', async () => {
    const { server, dir } = await serve();
    const note = (await callApi(server.port, server.token, 'addNote', { text: 'a note to tag' })).json() as { id: number };
    const other = new Database(path.join(dir, databaseFileName));
    other.exec('BEGIN IMMEDIATE'); // another program holds the write lock (past the 5 s busy timeout)
    try {
      const res = await callApi(server.port, server.token, 'addTag', { id: note.id, tag: 'waiting' });
      expect(res.status).toBe(503);
      expect((res.json() as { error: { code: string } }).error.code).toBe('busy');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);

  it('a method that finds the archive damaged answers 503 corrupt with one line, not 500 or 422', async () => {
    // An archive with an item, closed (its WAL checkpointed into the file).
    const dir = path.join(tempDir(), 'archive');
    const writer = await openArchive({ dir, parseWorkers: 0 });
    const id = (await writer.api.importPaths({ paths: [samplePath] })).results[0]!.id!;
    await writer.close();
    const file = path.join(dir, databaseFileName);
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'items'").pluck().get() as number;
    db.close();
    const { server } = await serve({}, dir);
    // Garbage over the items table's first page, under the open archive.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);
    const res = await callApi(server.port, server.token, 'getItem', { id });
    expect(res.status).toBe(503);
    const { error } = res.json() as { error: { code: string; message: string } };
    expect(error.code).toBe('corrupt');
    // The storage layer's message: which file, what SQLite found, and to restore a backup; one line.
    expect(error.message).toMatch(/^the archive database \S+ is damaged \(.*\).*restore a backup/u);
    expect(error.message).not.toContain('\n');
  });
});
