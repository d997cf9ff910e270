// A read-only connection to an archive's database, for a reader thread beside the writer: WAL
// lets readers and one writer work at once, each reader seeing the last committed state.
import path from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveError } from '../../shared/errors.js';
import type { Db } from './database.js';

/** The database file inside an archive folder. */
export const databaseFileName = 'khizana.sqlite';

/**
 * SQLite's page cache per reader connection, KB. Searches read the index mostly through the OS's
 * file cache: at 100,000 articles the app's first pages of the query mix cost the same CPU with
 * 1, 2, 4 or 8 MB of cache (4.1–4.6 s per 70 searches, no trend), while each cached MB held ~2 MiB
 * of serve's memory (the pages, and what SQLite sorts in memory, sized from the cache): 8 MB held
 * ~16 MiB (issue 14). 32 MB answered the mix no faster than 8 MB either.
 */
export const readerCacheKb = 2000;

/** Opens the existing database of the archive in `dir` read-only (the writer has opened and migrated it). */
export function openReadConnection(dir: string): Db {
  const file = path.join(dir, databaseFileName);
  try {
    // The Electron app passes an Electron-ABI build of the native module (DESIGN §7).
    const nativeBinding = process.env.KHIZANA_SQLITE_BINDING;
    const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${readerCacheKb}`);
    return db;
  } catch (error) {
    throw new ArchiveError('archive-unavailable', `cannot open the archive database ${file} for reading: ${(error as Error).message}`);
  }
}
