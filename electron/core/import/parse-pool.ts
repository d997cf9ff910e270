// Parser worker threads with a time and a memory limit per file (DESIGN §5: parsers run apart
// from the database writer). Parsing runs on the other cores while the writer stores results in
// order, and on the writer's core too when files are slow to parse.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ArchiveError, fromErrorShape, type ErrorShape } from '../../shared/errors.js';
import { siblingModule, spawnWorker } from '../worker/spawn-worker.js';
import type { FileJob } from './collect-files.js';
import { defaultPageTimeLimits, pageTimeLimitMs, type PageProgress, type PageTimeLimits } from './page-hooks.js';
import type { ParseLimits } from './parsed-document.js';
import type { PreparedDocument } from './prepare-document.js';

export interface ParseRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
  limits: ParseLimits;
  /** The file's time limit, which grows with its pages (see page-hooks.ts). */
  time: PageTimeLimits;
}

export type ParseResponse =
  | { id: number; ok: true; prepared: PreparedDocument; parseMs?: number }
  | { id: number; ok: false; error: ErrorShape; parseMs?: number }
  | { id: number; progress: PageProgress };

/** What the caller of one parse may pass: page progress, and a signal that cancels it. */
export interface ParseOptions {
  onPage?: (progress: PageProgress) => void;
  signal?: AbortSignal;
}

export interface ParsePoolOptions {
  limits: ParseLimits;
  /** Worker threads at most; default: one per core. */
  size?: number;
  /**
   * Worker threads to start with (default `size`); the pool grows to `size` once files take over
   * slowParseMs each to parse (the median of the last 16), so that quick files leave a core to the
   * thread storing them.
   */
  initialSize?: number;
  /** The median parse time (ms) above which the pool grows; default slowParseMs. */
  slowParseMs?: number;
  /** A file whose parse takes longer (before its page count is known) fails with `timeout`. */
  timeoutMs?: number;
  /** Time allowed per page and per OCR page on top of `timeoutMs` (page-hooks.ts defaults). */
  perPageMs?: number;
  perOcrPageMs?: number;
  /** Heap limit of a parser worker; a file that needs more fails with `too-large`. */
  maxHeapMb?: number;
  /** The worker module (tests substitute a misbehaving parser to prove the limits hold). */
  workerModule?: URL;
}

export interface ParsePool {
  /** Worker threads at most. */
  size: number;
  /** Worker threads started so far. */
  workers(): number;
  parse(job: Pick<FileJob, 'path'>, bytes: Uint8Array, options?: ParseOptions): Promise<PreparedDocument>;
  close(): Promise<void>;
}

interface Task {
  request: ParseRequest;
  resolve: (prepared: PreparedDocument) => void;
  reject: (error: Error) => void;
  options: ParseOptions;
  /** When the worker began parsing it (its time limit counts from here). */
  started: number;
}

interface Slot {
  worker: Worker;
  /** Tasks posted to this worker, in order: the first is being parsed, the rest wait in its port. */
  tasks: Task[];
  /** Bytes of those tasks. */
  bytes: number;
  timer: NodeJS.Timeout | null;
  /** False until the worker's thread runs: a file's time limit does not count the worker's start. */
  online: boolean;
  /** Files this worker has answered. */
  parsed: number;
}

/**
 * How much work a worker is handed ahead. The writer holds the thread that dispatches for a whole
 * transaction (~50 ms), so a worker given one file at a time would sit idle after it; a few
 * hundred KB of small files each keeps it busy, while a big file (a PDF) goes alone so that one
 * slow file does not hold files back another worker could take.
 */
const aheadTasks = 32;
const aheadBytes = 256 * 1024;

/**
 * A parse this slow (ms, the median of the last 16 files) makes a pool below its size start another
 * worker. A small .txt parses in ~1–2 ms: a second parser on a 2-core machine only took CPU from
 * the writer (300 uploaded .txt files: 300 → 330–400 files/s with one), while HTML, DOCX or EPUB
 * files (10 ms and more each) are parsed 13–16 % faster by two.
 */
export const slowParseMs = 5;
/** A worker's first parses, not counted: it loads its parser and warms up. */
const warmUpParses = 8;
/** Parses whose median is compared with slowParseMs. */
const medianOf = 16;

/** The parser workers an archive starts with: every core but the one the writer stores on. */
export function initialParsers(cores: number): number {
  return Math.max(1, cores - 1);
}

/** Starts a pool of parser workers. */
export function createParsePool(options: ParsePoolOptions): ParsePool {
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const initialSize = Math.min(size, Math.max(1, options.initialSize ?? size));
  const growAboveMs = options.slowParseMs ?? slowParseMs;
  const recentParseMs: number[] = [];
  // The median of the last few files' parse times, a worker's first ones left out (it is still
  // loading its parser and warming up): one file held up by a busy machine (a 400 ms outlier among
  // 1 ms texts was seen) must not start a thread that the writer then lacks.
  const noteParseTime = (ms: number): void => {
    recentParseMs.push(ms);
    if (recentParseMs.length > medianOf) recentParseMs.shift();
    if (recentParseMs.length < medianOf || slots.length >= size || closed) return;
    const median = [...recentParseMs].sort((a, b) => a - b)[medianOf >> 1]!;
    if (median > growAboveMs) addSlot();
  };
  const timeoutMs = options.timeoutMs ?? defaultPageTimeLimits.baseMs;
  const time: PageTimeLimits = {
    baseMs: timeoutMs,
    perPageMs: options.perPageMs ?? defaultPageTimeLimits.perPageMs,
    perOcrPageMs: options.perOcrPageMs ?? defaultPageTimeLimits.perOcrPageMs,
  };
  const maxHeapMb = options.maxHeapMb ?? 1024;
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  // The time limit runs for the task at the head, the one the worker is parsing. The worker stops
  // reading pages at the limit and returns what it has; once it has reported pages, the pool kills
  // it only if it is still busy after a grace (a page that hangs), and the file fails with `timeout`.
  const armTimer = (slot: Slot, limitMs: number, grace: boolean): void => {
    if (slot.timer) clearTimeout(slot.timer);
    const task = slot.tasks[0];
    if (!task || !slot.online) {
      slot.timer = null;
      return;
    }
    const hardMs = grace ? limitMs + Math.max(10_000, limitMs * 0.1) : limitMs;
    slot.timer = setTimeout(
      () => replace(slot, new ArchiveError('timeout', `parsing took longer than ${Math.round(limitMs / 1000)} s`)),
      Math.max(0, task.started + hardMs - Date.now()),
    );
  };

  // A new head (or a worker that just came online) starts its file's clock.
  const startTimer = (slot: Slot): void => {
    const task = slot.tasks[0];
    if (task && slot.online) task.started = Date.now();
    armTimer(slot, timeoutMs, false);
  };

  const onProgress = (slot: Slot, progress: PageProgress): void => {
    armTimer(slot, pageTimeLimitMs(time, progress), true);
    slot.tasks[0]?.options.onPage?.(progress);
  };

  const finishHead = (slot: Slot): Task | null => {
    const task = slot.tasks.shift() ?? null;
    if (task) slot.bytes -= task.request.bytes.length;
    startTimer(slot);
    return task;
  };

  // A worker that timed out, crashed, ran out of memory or was cancelled is replaced; its file fails
  // alone, and the files queued behind it go to the front of the pool's queue.
  const replace = (slot: Slot, error: ArchiveError): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const [task, ...waiting] = slot.tasks;
    slot.tasks = [];
    slot.bytes = 0;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    slot.online = false;
    slot.parsed = 0;
    queue.unshift(...waiting);
    task?.reject(error);
    if (!closed) {
      slot.worker = startWorker(slot);
      dispatch();
    }
  };

  const startWorker = (slot: Slot): Worker => {
    const worker = spawnWorker(options.workerModule ?? siblingModule(import.meta.url, 'parse-worker'), {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.once('online', () => {
      slot.online = true;
      startTimer(slot);
    });
    worker.on('message', (response: ParseResponse) => {
      // Answers come in order (the worker parses one file at a time); anything else is not an answer.
      if (slot.tasks[0]?.request.id !== response?.id) return;
      if ('progress' in response) {
        onProgress(slot, response.progress);
        return;
      }
      const task = finishHead(slot)!;
      // Timed by the worker: this thread may have been busy (a transaction) before it read the answer.
      if (++slot.parsed > warmUpParses && response.parseMs !== undefined) noteParseTime(response.parseMs);
      if (response.ok) task.resolve(response.prepared);
      else task.reject(fromErrorShape(response.error));
      dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      replace(slot, new ArchiveError(outOfMemory ? 'too-large' : 'corrupt',
        outOfMemory ? `parsing needed more than ${maxHeapMb} MB of memory` : `the parser crashed on this file: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (!closed) replace(slot, new ArchiveError('corrupt', `the parser stopped on this file (exit code ${code})`));
    });
    worker.unref(); // an idle pool never keeps the process alive
    return worker;
  };

  const hasRoom = (slot: Slot, task: Task): boolean =>
    slot.tasks.length === 0 || (slot.tasks.length < aheadTasks && slot.bytes + task.request.bytes.length <= aheadBytes);

  const dispatch = (): void => {
    while (queue.length > 0) {
      const task = queue[0]!;
      // The least loaded worker that has room.
      let best: Slot | null = null;
      for (const slot of slots) if (hasRoom(slot, task) && (!best || slot.bytes < best.bytes)) best = slot;
      if (!best) break;
      queue.shift();
      best.tasks.push(task);
      best.bytes += task.request.bytes.length;
      best.worker.ref();
      if (best.tasks.length === 1) startTimer(best);
      best.worker.postMessage(task.request);
    }
    for (const slot of slots) if (slot.tasks.length === 0) slot.worker.unref();
  };

  function addSlot(): void {
    const slot: Slot = { worker: undefined as unknown as Worker, tasks: [], bytes: 0, timer: null, online: false, parsed: 0 };
    slot.worker = startWorker(slot);
    slots.push(slot);
  }
  for (let i = 0; i < initialSize; i++) addSlot();

  return {
    size,
    workers: () => slots.length,
    parse(job, bytes, parseOptions = {}) {
      if (closed) return Promise.reject(new ArchiveError('cancelled', 'the parser pool is closed'));
      const { signal } = parseOptions;
      if (signal?.aborted) return Promise.reject(new ArchiveError('cancelled', 'the import was stopped'));
      return new Promise((resolve, reject) => {
        const task: Task = { request: { id: nextId++, path: job.path, bytes, limits: options.limits, time }, resolve, reject, options: parseOptions, started: 0 };
        // Cancelling stops a long parse (OCR) at once: its worker is replaced, the others go on.
        const cancel = (): void => {
          const error = new ArchiveError('cancelled', 'the import was stopped');
          const queued = queue.indexOf(task);
          if (queued >= 0) {
            queue.splice(queued, 1);
            task.reject(error);
            return;
          }
          const slot = slots.find((s) => s.tasks.includes(task));
          if (!slot) return;
          if (slot.tasks[0] === task) {
            replace(slot, error);
            return;
          }
          // Waiting in the worker's port: its answer, when it comes, is not taken.
          slot.tasks.splice(slot.tasks.indexOf(task), 1);
          slot.bytes -= task.request.bytes.length;
          task.reject(error);
        };
        signal?.addEventListener('abort', cancel, { once: true });
        const done = (): void => signal?.removeEventListener('abort', cancel);
        task.resolve = (prepared) => {
          done();
          resolve(prepared);
        };
        task.reject = (error) => {
          done();
          reject(error);
        };
        queue.push(task);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new ArchiveError('cancelled', 'the import was stopped'));
      await Promise.all(slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        for (const task of slot.tasks.splice(0)) task.reject(new ArchiveError('cancelled', 'the import was stopped'));
        slot.worker.removeAllListeners();
        await slot.worker.terminate();
      }));
    },
  };
}
