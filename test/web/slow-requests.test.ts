// One slow request must not hold up the others (issue 8 item 6): with three slow reads running,
// `stats`, a search and a write each answer at once. The archive runs in worker threads, as in
// `khizana serve` and the app; the blockers are highlight calls on millions of words each (a read
// like search, slow on any archive).
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveSession } from '../../electron/core/archive.js';
import { openArchiveInWorker } from '../../electron/core/worker/worker-client.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { callApi, makeStaticDir } from './helpers.js';

let session: ArchiveSession;
let server: WebServer;

beforeAll(async () => {
  const opened = await openArchiveInWorker({ dir: path.join(tempDir(), 'archive') });
  await opened.readersReady;
  session = opened;
  server = await startWebServer({ session, staticDir: makeStaticDir().staticDir, bodyLimit: 64 * 1024 * 1024 });
  expect((await callApi(server.port, server.token, 'importPaths', { paths: [samplePath] })).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await session?.close();
});

/** A call to the bridge: `sent` once its body has left, `done` with its status and duration. */
function startCall(method: string, args: unknown): { sent: Promise<void>; done: Promise<{ ms: number; status: number; body: string }> } {
  const start = performance.now();
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const done = new Promise<{ ms: number; status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ ms: performance.now() - start, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.on('finish', markSent);
    req.end(JSON.stringify(args));
  });
  return { sent, done };
}

it('while three slow reads run, stats, a search and a note each answer within ~300 ms', async () => {
  // ~0.8 s of CPU each on an idle machine (analysing 3.5 million words), and small on the wire.
  const text = 'x '.repeat(3_500_000);
  const blockers = [0, 1, 2].map(() => startCall('highlight', { query: 'zzzq', texts: [text] }));
  let running = true;
  const blocked = Promise.all(blockers.map((b) => b.done)).finally(() => (running = false));
  // Receiving the bodies is the HTTP thread's work; from here on the blockers run in the archive.
  await Promise.all(blockers.map((b) => b.sent));
  await new Promise((r) => setTimeout(r, 200));
  const waits: Record<string, number[]> = { stats: [], search: [], addNote: [] };
  const asks: Array<[string, unknown]> = [['stats', {}], ['search', { query: 'ادلب', facets: true }], ['addNote', { text: 'a note while reads run' }]];
  for (let round = 0; running && round < 200; round++) {
    const [method, args] = asks[round % asks.length]!;
    const { ms, status, body } = await startCall(method, args).done;
    expect(status, body).toBe(200);
    waits[method]!.push(ms); // asked while the blockers ran
    await new Promise((r) => setTimeout(r, 20));
  }
  const results = await blocked;
  for (const b of results) expect(b.status, b.body).toBe(200);
  const longest = Math.max(...results.map((b) => b.ms));
  for (const [method, ms] of Object.entries(waits)) {
    expect(ms.length, `${method} was asked while the blockers ran`).toBeGreaterThan(0);
    // ~300 ms is the aim on an idle machine (see README); a shared test machine slows every thread
    // alike, so the bound is also relative: a request queued behind the blockers waits about as long.
    expect(Math.max(...ms), `${method}: ${ms.map(Math.round).join(', ')} ms; blockers took up to ${Math.round(longest)} ms`).toBeLessThan(Math.min(1000, longest / 3));
  }
});
