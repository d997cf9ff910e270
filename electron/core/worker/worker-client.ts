// The contract over a worker thread: same ArchiveApi, calls become messages.
import { methodNames, type ArchiveApi, type MethodName } from '../../shared/contract.js';
import type { ArchiveEvent } from '../../shared/dto.js';
import { ArchiveError, fromErrorShape } from '../../shared/errors.js';
import type { ArchiveSession } from '../archive.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { siblingModule, spawnWorker } from './spawn-worker.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Opens the archive in a worker thread; resolves once the database is open. */
export function openArchiveInWorker(options: { dir: string; onEvent?: (event: ArchiveEvent) => void }): Promise<ArchiveSession> {
  const worker = spawnWorker(siblingModule(import.meta.url, 'archive-worker'), { workerData: { dir: options.dir } satisfies WorkerInit });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: ArchiveError | null = null;
  let closed: (() => void) | null = null;

  const failAll = (error: ArchiveError): void => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const call = (method: MethodName, args: unknown): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, method, args: args ?? {} } satisfies ToWorker);
    });
  };

  const api = Object.fromEntries(methodNames.map((name) => [name, (args: unknown) => call(name, args)])) as unknown as ArchiveApi;

  return new Promise((resolveOpen, rejectOpen) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          resolveOpen({
            api,
            dir: options.dir,
            close: () =>
              new Promise<void>((resolveClose) => {
                if (dead) return resolveClose();
                closed = resolveClose;
                worker.postMessage({ type: 'close' } satisfies ToWorker);
              }),
          });
          break;
        case 'failed':
          rejectOpen(fromErrorShape(message.error));
          break;
        case 'event':
          options.onEvent?.(message.event);
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
      closed?.();
    });
  });
}
