// The archive folder's database, opened for writing or, when the folder cannot be written,
// read-only; with the checks that keep a lost or damaged database from being written to.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../shared/errors.js';
import { closeDatabase, openDatabase, recoveryHelp, type Db } from './database.js';
import { integrityGuard, refuseLostDatabase } from './integrity.js';

export interface ArchiveStore {
  db: Db;
  file: string;
  /** Why the archive cannot be written ("the folder is not writable by this user" …), or null. */
  readOnly: string | null;
  /** Call before every write: refuses in a read-only archive, checks integrity at the first one. */
  beforeWrite(action: string): void;
  /** Call after every write (also when it failed): remembers the database's known-good state. */
  afterWrite(): void;
  close(): void;
}

/** Why `dir` (and its database `file`) cannot be written, or null when they can. */
export function whyNotWritable(dir: string, file: string): string | null {
  const denied = (target: string, what: string): string | null => {
    try {
      fs.accessSync(target, fs.constants.W_OK);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      return code === 'EROFS' ? 'it is on a read-only file system' : `${what} is not writable by this user`;
    }
  };
  return denied(dir, 'the folder') ?? denied(file, 'the database file');
}

/**
 * Opens the database of the archive in `dir`: creates the folder and a new database on first use;
 * refuses a lost or emptied database beside stored originals; opens read-only when the folder or
 * the database cannot be written (no folder, file or migration is then attempted).
 */
export function openArchiveStore(dir: string, file: string): ArchiveStore {
  if (!fs.existsSync(dir)) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new ArchiveError('archive-unavailable', `cannot create the archive folder ${dir}: ${(error as Error).message}`);
    }
  }
  const readOnly = whyNotWritable(dir, file);
  refuseLostDatabase(dir, file);
  if (readOnly !== null) return openReadOnly(dir, file, readOnly);

  try {
    fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  } catch (error) {
    throw new ArchiveError('archive-unavailable', `cannot create the archive folder ${dir}: ${(error as Error).message}`);
  }
  const integrity = integrityGuard(file);
  const db = openDatabase(file, { beforeMigrate: (db) => integrity.beforeWrite(db) });
  integrity.remember(); // opening changed the file (journal mode, migrations)
  return {
    db,
    file,
    readOnly: null,
    beforeWrite() {
      integrity.beforeWrite(db);
    },
    afterWrite() {
      integrity.remember();
    },
    close() {
      closeDatabase(db);
      integrity.remember();
    },
  };
}

function openReadOnly(dir: string, file: string, reason: string): ArchiveStore {
  if (!fs.existsSync(file)) {
    throw new ArchiveError('archive-unavailable', `there is no archive in ${dir}, and none can be created there: ${reason}`);
  }
  let db: Db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    // A database left in WAL mode without its -wal and -shm files cannot be read unless SQLite can
    // create them (and better-sqlite3 allows no `immutable` URI). This version closes archives out
    // of WAL mode, so only one closed by an older Khizana or another tool is affected.
    if (error instanceof ArchiveError && error.code === 'archive-unavailable' && /unable to open/.test(error.message)) {
      throw new ArchiveError(
        'read-only',
        `the archive at ${dir} is read-only (${reason}) and its database was left in WAL mode (closed by an older Khizana or another tool), which SQLite can read only with write access: open it once with write access, or copy the folder somewhere writable (${recoveryHelp})`,
      );
    }
    throw error;
  }
  return {
    db,
    file,
    readOnly: reason,
    beforeWrite(action) {
      throw new ArchiveError('read-only', `the archive at ${dir} is read-only (${reason}), so Khizana cannot ${action}: search and reading work; to change it, use a writable copy or get write access`);
    },
    afterWrite() {},
    close() {
      closeDatabase(db);
    },
  };
}
