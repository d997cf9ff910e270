// Keeps the database file whole on its own (DESIGN §2): commits land in the WAL first, and SQLite
// copies them into khizana.sqlite only every ~1,000 pages or when the last connection closes. So
// the archive checkpoints when it has been idle for a while and truncates the WAL when it closes,
// even while other processes (the app, serve, a CLI command) keep the database open.
import type { Db } from './database.js';

export interface IdleCheckpoints {
  /** Stops the timer and truncates the WAL (call right before closing the database). */
  close(): void;
}

/** How long the archive must go without commits (by anyone) before its WAL is checkpointed. */
export const defaultCheckpointIdleMs = 10_000;

/** Checkpoints `db`'s WAL (PASSIVE: never waits for other connections) once no commit was seen for `idleMs`. */
export function idleCheckpoints(db: Db, idleMs = defaultCheckpointIdleMs): IdleCheckpoints {
  // total_changes() counts this connection's writes; data_version moves when another connection commits.
  const changes = db.prepare('SELECT total_changes() AS n');
  const mark = (): string => `${(changes.get() as { n: number }).n}:${db.pragma('data_version', { simple: true }) as number}`;
  let seen = mark();
  let dirty = false;
  const timer = setInterval(() => {
    try {
      if (!db.open || db.inTransaction) return;
      const now = mark();
      if (now !== seen) {
        seen = now;
        dirty = true; // written since the last tick: wait for a quiet tick
        return;
      }
      if (!dirty) return;
      dirty = false;
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A checkpoint is an optimisation; the next tick or the close tries again.
    }
  }, idleMs);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      if (!db.open) return;
      try {
        // Never hold up a close behind another process's long write: a busy WAL stays as it is
        // and SQLite checkpoints it when that process is done.
        db.pragma('busy_timeout = 200');
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // as above
      }
    },
  };
}
