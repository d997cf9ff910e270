// Reader threads cost memory (~25–30 MiB each: V8 heap, modules, SQLite cache), so an archive
// opens with one and starts more only while every thread is busy, and stops them again once idle
// (issue 14: serve's memory). Concurrency stays: a slow read does not hold up the next ones.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchiveInWorker, type WorkerSession } from '../../../electron/core/worker/worker-client.js';
import { tempDir } from '../../support/paths.js';

let session: WorkerSession;
beforeAll(async () => {
  session = await openArchiveInWorker({ dir: path.join(tempDir(), 'archive'), readers: 3, readerIdleMs: 300 });
});
afterAll(async () => session?.close());

it('opens one reader; three slow reads at once start two more, which stop once idle', async () => {
  expect(await session.readersReady).toBe(1);
  expect(session.liveReaders()).toBe(1);
  // Sequential reads stay on the one reader.
  for (let i = 0; i < 5; i++) await session.api.stats({});
  expect(session.liveReaders()).toBe(1);

  // Slow reads (highlighting ~1 M words each): each finds every thread busy, so readers start.
  const text = 'x '.repeat(1_000_000);
  const slow = [0, 1, 2].map(() => session.api.highlight({ query: 'zzzq', texts: [text] }));
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, session.liveReaders())), 10);
  await new Promise((r) => setTimeout(r, 100));
  // A read while they run is answered beside them (by the writer, idle), not queued behind one.
  const started = performance.now();
  expect(await session.api.stats({})).toMatchObject({ articles: 0 });
  const statsMs = performance.now() - started;
  await Promise.all(slow);
  clearInterval(watch);
  expect(most).toBe(3);
  expect(statsMs).toBeLessThan(1000);

  // Idle again: the extra readers stop, the first stays and still answers.
  const deadline = Date.now() + 5_000;
  while (session.liveReaders() > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(session.liveReaders()).toBe(1);
  expect(await session.api.stats({})).toMatchObject({ articles: 0 });
});
