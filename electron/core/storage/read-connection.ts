// A read-only connection to an archive's database, for a reader thread beside the writer: WAL
// lets readers and one writer work at once, each reader seeing the last committed state.
import path from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveError } from '../../shared/errors.js';
import type { Db } from './database.js';

/** The database file inside an archive folder. */
export const databaseFileName = 'khizana.sqlite';

/** Opens the existing database of the archive in `dir` read-only (the writer has opened and migrated it). */
export function openReadConnection(dir: string): Db {
  const file = path.join(dir, databaseFileName);
  try {
    // The Electron app passes an Electron-ABI build of the native module (DESIGN §7).
    const nativeBinding = process.env.KHIZANA_SQLITE_BINDING;
    const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    return db;
  } catch (error) {
    throw new ArchiveError('archive-unavailable', `cannot open the archive database ${file} for reading: ${(error as Error).message}`);
  }
}
