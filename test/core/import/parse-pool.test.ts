import { afterEach, describe, expect, it } from 'vitest';
import { createParsePool, initialParsers, type ParsePool } from '../../../electron/core/import/parse-pool.js';
import { defaultParseLimits } from '../../../electron/core/import/parsed-document.js';
import { buildPdf } from '../../support/scan-fixtures.js';

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

describe('parser pool: long files (issue 13)', () => {
  // Starting a worker and loading pdf.js in it (TypeScript compiled on the fly here) takes seconds
  // on a busy machine: done once before the timed parse.
  const warmUp = (p: ParsePool) => p.parse({ path: 'warm.pdf' }, buildPdf([{ kind: 'text', line: 'warm up' }]));

  it('a PDF that runs over its time limit keeps the pages read so far, with a warning', async () => {
    // 20,000 pages of 40 lines take ~60 s to read here (a quiet machine: ~30 s); the limit is 12 s
    // (room for a cold worker on a busy machine), with nothing per page.
    const pdf = buildPdf(Array.from({ length: 20_000 }, (_, i) => ({ kind: 'text' as const, line: `Page number ${i + 1}`, repeat: 40 })));
    pool = createParsePool({ limits: defaultParseLimits, size: 1, timeoutMs: 12_000, perPageMs: 0 });
    await warmUp(pool);
    const pages: number[] = [];
    const prepared = await pool.parse({ path: 'long.pdf' }, pdf, { onPage: (p) => pages.push(p.done) });
    const read = prepared.doc.pageStarts!.length;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(20_000);
    expect(prepared.doc.pages).toBe(20_000);
    expect(prepared.doc.text).toContain('Page number 1\n');
    expect(prepared.doc.warnings).toEqual([`only the first ${read} of 20000 pages were read: the time limit for this file ran out; the rest is not searchable (import the file again on a less busy machine, or split it)`]);
    expect(pages.length).toBeGreaterThan(1); // page progress reached the caller
  }, 60_000);

  it('the same PDF with a time allowance per page is read whole', async () => {
    const pdf = buildPdf(Array.from({ length: 300 }, (_, i) => ({ kind: 'text' as const, line: `Page number ${i + 1}` })));
    pool = createParsePool({ limits: defaultParseLimits, size: 1, timeoutMs: 12_000, perPageMs: 50 });
    await warmUp(pool);
    const prepared = await pool.parse({ path: 'long.pdf' }, pdf);
    expect(prepared.doc.pageStarts).toHaveLength(300);
    expect(prepared.doc.warnings).toEqual([]);
  }, 60_000);

  it('a cancelled parse fails with cancelled at once, and the pool keeps working', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 1, workerModule: misbehaving });
    const cancel = new AbortController();
    const hang = pool.parse({ path: 'hang.txt' }, bytes('x'), { signal: cancel.signal });
    const queued = pool.parse({ path: 'queued.txt' }, bytes('x'), { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 200);
    const started = Date.now();
    await expect(hang).rejects.toMatchObject({ code: 'cancelled' });
    await expect(queued).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(pool.parse({ path: 'fine.txt' }, bytes('after a cancel'))).resolves.toMatchObject({ title: 'after a cancel' });
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
    // One file at a time, only the first would have been sent before the block and the next ones
    // after it. Parsed during it: all on a quiet machine; at least two on a busy one, where the
    // worker may not get the CPU for all five (which made this test fail under load).
    expect(parsedAt.filter((t) => t < until).length).toBeGreaterThanOrEqual(2);
  });
});


describe('parser pool: as many workers as the files need', () => {
  it('starts with its initial workers while files parse quickly, and grows to its size once they are slow', async () => {
    // A threshold well above a quick parse even on a busy machine (the default is 5 ms).
    pool = createParsePool({ limits: defaultParseLimits, size: 2, initialSize: 1, slowParseMs: 25, workerModule: misbehaving });
    await Promise.all(Array.from({ length: 40 }, (_, k) => pool!.parse({ path: `quick-${k}.txt` }, bytes(`a short text ${k}`))));
    expect(pool.workers()).toBe(1);
    // One slow file among quick ones (or one held up by a busy machine) is not a reason.
    await Promise.all(Array.from({ length: 20 }, (_, k) => pool!.parse({ path: k === 10 ? 'one-slow.txt' : `quick-again-${k}.txt` }, bytes(`a short text ${k}`))));
    expect(pool.workers()).toBe(1);
    await Promise.all(Array.from({ length: 20 }, (_, k) => pool!.parse({ path: `slow-${k}.txt` }, bytes(`a long page ${k}`))));
    expect(pool.workers()).toBe(2);
    // Never past its size.
    await Promise.all(Array.from({ length: 10 }, (_, k) => pool!.parse({ path: `slow-again-${k}.txt` }, bytes(`a long page ${k}`))));
    expect(pool.workers()).toBe(2);
  });

  it('times each parse in the worker: a dispatching thread busy before it reads the answers does not make quick files look slow', async () => {
    pool = createParsePool({ limits: defaultParseLimits, size: 2, initialSize: 1, slowParseMs: 10, workerModule: misbehaving });
    for (let k = 0; k < 40; k++) {
      const parsed = pool.parse({ path: `quick-${k}.txt` }, bytes(`a short text ${k}`));
      const until = Date.now() + 25;
      while (Date.now() < until) {
        // a write transaction holds this thread
      }
      await parsed;
    }
    expect(pool.workers()).toBe(1);
  });

  it('an archive on a machine with N cores starts N − 1 parsers (at least one): the writer keeps a core', () => {
    expect([1, 2, 4, 8].map(initialParsers)).toEqual([1, 1, 3, 7]);
  });
});
