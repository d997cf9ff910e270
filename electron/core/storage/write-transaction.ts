// Every write to the archive's database goes through writeTransaction: an IMMEDIATE transaction,
// which takes the write lock at BEGIN. A deferred one reads first and fails at once with "database
// is locked" when another process got the lock in between (SQLite cannot wait there without risking
// a deadlock); an immediate one can wait its turn.
import { ArchiveError } from '../../shared/errors.js';
import type { Db } from './database.js';

/** How long a write waits for another program (an import, the app, the CLI) to release the lock. */
export const writeWaitMs = 10_000;

/** How often a waiting write retries. */
const pollMs = 1;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Runs `fn` in an IMMEDIATE transaction, waiting up to `waitMs` for the write lock; inside another
 * transaction it runs as a savepoint of that one. SQLite errors that are about the environment
 * come out with their own codes: `busy` (the lock was held too long), `disk-full`.
 */
export function writeTransaction<T>(db: Db, fn: () => T, waitMs = writeWaitMs): T {
  if (db.inTransaction) return db.transaction(fn)();
  let started = false;
  const run = db.transaction(() => {
    started = true;
    return fn();
  });
  const deadline = Date.now() + waitMs;
  // SQLite's own busy handler sleeps up to 100 ms between tries, so a writer that commits often
  // (an import) would take the lock back every time before the waiter looks again: the waiter
  // polls instead, every millisecond, and gets in at the first gap the import leaves.
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        return run.immediate();
      } catch (error) {
        if (!started && isBusy(error)) {
          if (Date.now() < deadline) {
            sleepSync(pollMs);
            continue;
          }
          throw busyError(waitMs);
        }
        throw storageError(error);
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

function busyError(waitedMs: number): ArchiveError {
  return new ArchiveError('busy', `another program kept the archive busy for over ${waitedMs / 1000} s (a long import?); try again`);
}

/** The error with an environment code (`busy`, `disk-full`) when it is one; anything else unchanged. */
export function storageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_BUSY')) return busyError(writeWaitMs);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new ArchiveError('disk-full', 'the disk holding the archive is full (or over quota): free some space and try again');
  }
  return error;
}

/** Codes of errors about the archive itself rather than one file: an import stops at the first. */
const archiveLevelCodes: ReadonlySet<string> = new Set(['disk-full', 'busy', 'read-only', 'corrupt', 'archive-unavailable']);

/** True when `error`, thrown while writing, means no further write can succeed now. */
export function stopsWriting(error: unknown): error is ArchiveError {
  return error instanceof ArchiveError && archiveLevelCodes.has(error.code);
}
