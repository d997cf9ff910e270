import { afterEach, describe, expect, it } from 'vitest';
import { createParsePool, type ParsePool } from '../../../electron/core/import/parse-pool.js';
import { defaultParseLimits } from '../../../electron/core/import/parsed-document.js';

const misbehaving = new URL('../../support/misbehaving-parse-worker.ts', import.meta.url);
const bytes = (text: string) => new TextEncoder().encode(text);
let pool: ParsePool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('parser pool: a bad file fails alone', () => {
  it('parses real files in workers', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 2 });
    const prepared = await pool.parse({ path: '/x/a.txt' }, bytes('مِن إدلب\nنص'));
    expect(prepared.title).toBe('مِن إدلب');
    expect(prepared.analysed.body.exact).toContain('ادلب');
    await expect(pool.parse({ path: '/x/empty.txt' }, bytes(''))).rejects.toMatchObject({ code: 'empty' });
  });
  it('a parser that hangs times out, and the pool keeps working', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 1, timeoutMs: 1500, workerModule: misbehaving });
    const hang = pool.parse({ path: 'hang.txt' }, bytes('x'));
    const next = pool.parse({ path: 'fine.txt' }, bytes('fine text'));
    await expect(hang).rejects.toMatchObject({ code: 'timeout' });
    await expect(next).resolves.toMatchObject({ title: 'fine text' });
  });
  it('a parser that runs out of memory fails that file with too-large', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 1, maxHeapMb: 64, workerModule: misbehaving });
    await expect(pool.parse({ path: 'oom.txt' }, bytes('x'))).rejects.toMatchObject({ code: 'too-large' });
    await expect(pool.parse({ path: 'fine.txt' }, bytes('still fine'))).resolves.toMatchObject({ title: 'still fine' });
  });
  it('a parser that crashes fails that file with corrupt', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 1, workerModule: misbehaving });
    await expect(pool.parse({ path: 'crash.txt' }, bytes('x'))).rejects.toMatchObject({ code: 'corrupt' });
    await expect(pool.parse({ path: 'fine.txt' }, bytes('after a crash'))).resolves.toMatchObject({ title: 'after a crash' });
  });
});

describe('parser pool: workers stay busy while the writer holds the thread', () => {
  it('hands each worker several small files ahead, so they are parsed while the dispatching thread is blocked', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 1, workerModule: misbehaving });
    await pool.parse({ path: 'warm.txt' }, bytes('warm up')); // the worker is running
    const parses = Array.from({ length: 5 }, (_, k) => pool!.parse({ path: `stamp-${k}.txt` }, bytes('x')));
    // A writer's transaction: this thread does nothing else for a while.
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      // busy, as a synchronous SQLite transaction is
    }
    const parsedAt = (await Promise.all(parses)).map((p) => Number(p.title));
    // One file at a time, each next file would only be sent after the block: all were parsed during it.
    expect(parsedAt.every((t) => t < until)).toBe(true);
  });
});

