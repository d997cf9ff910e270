// The contract over worker threads: same ArchiveApi, calls become messages. One writer thread runs
// the archive (imports and every write); a few reader threads answer the read-only methods on
// their own connections (contract.ts methodAccess; WAL lets them read while the writer writes),
// so one slow search never holds up another request.
import { isReadMethod, methodNames, type ArchiveApi, type MethodName } from '../../shared/contract.js';
import type { ArchiveEvent } from '../../shared/dto.js';
import { ArchiveError, fromErrorShape } from '../../shared/errors.js';
import type { ArchiveSession } from '../archive.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { siblingModule, spawnWorker } from './spawn-worker.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The young generation of a reader thread's heap, MB. */
const readerYoungGenerationMb = 4;

/** One worker thread holding a connection to the archive. */
interface WorkerLink {
  call(method: MethodName, args: unknown): Promise<unknown>;
  /** Calls sent and not answered yet. */
  busy(): number;
  /** False once the thread has stopped (closed or crashed). */
  alive(): boolean;
  /** Tells a reader that the writer has changed the archive. */
  changed(): void;
  /** Has a reader build its typo vocabulary (if it is not built and current); resolves when it has. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `module` in a worker thread on the archive in `dir`; resolves once it has opened the archive. */
function startWorker(module: 'archive-worker' | 'reader-worker', dir: string, onEvent?: (event: ArchiveEvent) => void): Promise<WorkerLink> {
  const worker = spawnWorker(siblingModule(import.meta.url, module), {
    workerData: { dir } satisfies WorkerInit,
    // A reader's garbage is short-lived (one search's rows and snippets): a small young generation
    // keeps its heap from growing to V8's default ~48 MiB of semi-spaces (serve's memory, issue 14).
    ...(module === 'reader-worker' ? { resourceLimits: { maxYoungGenerationSizeMb: readerYoungGenerationMb } } : {}),
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: ArchiveError | null = null;
  let closed: (() => void) | null = null;
  const warming: Array<() => void> = [];

  const failAll = (error: ArchiveError): void => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const resolve of warming.splice(0)) resolve();
  };

  const link: WorkerLink = {
    call(method, args) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'call', id, method, args: args ?? {} } satisfies ToWorker);
      });
    },
    busy: () => pending.size,
    alive: () => dead === null,
    changed: () => {
      if (!dead) worker.postMessage({ type: 'changed' } satisfies ToWorker);
    },
    warm: () =>
      new Promise<void>((resolve) => {
        if (dead) return resolve();
        warming.push(resolve);
        worker.postMessage({ type: 'warm' } satisfies ToWorker);
      }),
    close: () =>
      new Promise<void>((resolveClose) => {
        if (dead) return resolveClose();
        closed = resolveClose;
        worker.postMessage({ type: 'close' } satisfies ToWorker);
      }),
  };

  return new Promise((resolveOpen, rejectOpen) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          resolveOpen(link);
          break;
        case 'failed':
          rejectOpen(fromErrorShape(message.error));
          break;
        case 'event':
          onEvent?.(message.event);
          break;
        case 'warmed':
          warming.shift()?.();
          break;
        case 'closed':
          failAll(new ArchiveError('archive-unavailable', 'the archive is closed'));
          void worker.terminate().then(() => closed?.());
          break;
        case 'result': {
          const p = pending.get(message.id);
          pending.delete(message.id);
          if (!p) break;
          if (message.ok) p.resolve(message.value);
          else p.reject(fromErrorShape(message.error));
          break;
        }
      }
    });
    worker.on('error', (error) => {
      const failure = new ArchiveError('internal', `the archive worker crashed: ${error.message}`);
      failAll(failure);
      rejectOpen(failure);
    });
    worker.on('exit', (code) => {
      if (!dead) failAll(new ArchiveError('archive-unavailable', `the archive worker stopped (exit code ${code})`));
      rejectOpen(new ArchiveError('archive-unavailable', `the archive worker stopped (exit code ${code})`));
      closed?.();
    });
  });
}

/** Quiet time after the last write before the readers rebuild their typo vocabulary. */
const rewarmAfterMs = 2_000;

/** Reader threads per archive at most: with the writer, four requests run at once before one waits. */
export const defaultReaders = 3;

/**
 * An extra reader (beyond the first) idle this long is stopped: each costs ~25–30 MiB (its V8
 * heap, the modules it loads, its SQLite page cache), and one reader answers a user's searches.
 */
export const readerIdleMs = 30_000;

/** The first idle reader (so the others stay small and can stop), or null. */
function idleReader(readers: WorkerLink[]): WorkerLink | null {
  return readers.find((r) => r.alive() && r.busy() === 0) ?? null;
}

/** The least busy live reader, else the writer (none opened yet, or none can open read-only). */
function leastBusy(readers: WorkerLink[], writer: WorkerLink): WorkerLink {
  const live = readers.filter((r) => r.alive());
  if (writer.busy() === 0 || live.length === 0) return writer;
  return live.reduce((a, b) => (b.busy() < a.busy() ? b : a));
}

/** An archive in worker threads. */
export interface WorkerSession extends ArchiveSession {
  /** Resolves with the number of reader threads once they have all started (or failed to). */
  readersReady: Promise<number>;
  /** Reader threads running now (one when idle; more start under load). */
  liveReaders(): number;
}

/**
 * Opens the archive in worker threads: a writer and, once it has opened (it creates and migrates
 * the database), one reader. More readers, up to `readers`, start only while every thread is busy
 * (a slow search must not hold up the next request) and stop again after `readerIdleMs` idle; a
 * read waits for the reader starting for it (~0.1 s) rather than behind a slow one. Until a reader
 * is ready, and in place of one that cannot open, the writer answers reads.
 */
export async function openArchiveInWorker(options: { dir: string; onEvent?: (event: ArchiveEvent) => void; readers?: number; readerIdleMs?: number }): Promise<WorkerSession> {
  const writer = await startWorker('archive-worker', options.dir, options.onEvent);
  const maxReaders = Math.max(0, options.readers ?? defaultReaders);
  const idleMs = options.readerIdleMs ?? readerIdleMs;
  const readers: WorkerLink[] = [];
  /** Readers being started; each resolves with the reader, or null when it could not open. */
  const starting = new Set<Promise<WorkerLink | null>>();
  const idleTimers = new Map<WorkerLink, NodeJS.Timeout>();
  let closing = false;

  const startReader = (): Promise<WorkerLink | null> => {
    const started: Promise<WorkerLink | null> = startWorker('reader-worker', options.dir)
      .then(async (reader) => {
        if (closing) {
          await reader.close();
          return null;
        }
        readers.push(reader);
        return reader;
      }, () => null)
      .finally(() => starting.delete(started));
    starting.add(started);
    return started;
  };

  // An extra reader stops once it has been idle for a while; the first one stays.
  const scheduleIdleStop = (reader: WorkerLink): void => {
    clearTimeout(idleTimers.get(reader));
    if (closing || readers.indexOf(reader) < 1) return;
    const timer = setTimeout(() => {
      idleTimers.delete(reader);
      if (closing || reader.busy() > 0) return;
      readers.splice(readers.indexOf(reader), 1);
      void reader.close();
    }, idleMs);
    timer.unref();
    idleTimers.set(reader, timer);
  };

  const readersReady = (maxReaders > 0 ? startReader() : Promise.resolve(null)).then(() => readers.length);

  // The typo vocabulary is prepared in each reader when it opens, and again once writes have settled.
  let warmTimer: NodeJS.Timeout | undefined;
  let warmChain: Promise<void> = readersReady.then(async () => {
    for (const reader of [...readers]) if (!closing) await reader.warm();
  });
  const warmAfterWrites = (): void => {
    clearTimeout(warmTimer);
    warmTimer = setTimeout(() => {
      warmChain = warmChain.then(async () => {
        for (const reader of [...readers]) if (!closing) await reader.warm();
      });
    }, rewarmAfterMs);
    warmTimer.unref();
  };

  const read = async (method: MethodName, args: unknown): Promise<unknown> => {
    let link = idleReader(readers);
    // Every reader busy: start another while there is room (this read waits for it, not behind a
    // slow one); past the room, an idle writer answers, else the least busy reader.
    if (!link && readers.length > 0 && readers.length + starting.size < maxReaders && !closing) link = await startReader();
    link ??= leastBusy(readers, writer);
    const answer = link.call(method, args);
    if (link !== writer) {
      clearTimeout(idleTimers.get(link));
      void answer.catch(() => undefined).finally(() => link.busy() === 0 && scheduleIdleStop(link));
    }
    return answer;
  };

  const call = (method: MethodName, args: unknown): Promise<unknown> => {
    if (isReadMethod(method)) return read(method, args);
    // Before the caller hears back, so its next read already knows (messages arrive in order).
    const announce = (): void => {
      readers.forEach((r) => r.changed());
      warmAfterWrites();
    };
    return writer.call(method, args).finally(announce);
  };
  const api = Object.fromEntries(methodNames.map((name) => [name, (args: unknown) => call(name, args)])) as unknown as ArchiveApi;

  return {
    api,
    dir: options.dir,
    readersReady,
    liveReaders: () => readers.filter((r) => r.alive()).length,
    async close() {
      closing = true;
      clearTimeout(warmTimer);
      for (const timer of idleTimers.values()) clearTimeout(timer);
      await readersReady;
      await Promise.all([...starting]);
      // Readers first: the writer's connection, closing last, checkpoints the WAL.
      await Promise.all(readers.map((r) => r.close()));
      await writer.close();
    },
  };
}
