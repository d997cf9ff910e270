// Opens the archive's SQLite database: WAL, foreign keys, migrations; or read-only, without them.
import Database from 'better-sqlite3';
import { ArchiveError } from '../../shared/errors.js';
import { migrations, type Migration } from './migrations.js';
import { writeTransaction } from './write-transaction.js';

export type Db = Database.Database;

/** Where the README explains what to do with a damaged or read-only archive. */
export const recoveryHelp = 'see "Damaged or read-only archives" in the README';

export interface OpenDatabaseOptions {
  migrations?: Migration[];
  /** Open without writing anything: no journal mode change, no migrations (the folder or file is read-only). */
  readonly?: boolean;
  /** Called before the first migration is applied (the integrity check, for an archive not known good). */
  beforeMigrate?: (db: Db) => void;
}

/** Opens (creating if needed, unless read-only) the database file and brings its schema up to date. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, sqliteOptions(options.readonly ? { readonly: true, fileMustExist: true } : {}));
  } catch (error) {
    throw openError(error, file);
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL'); // safe with WAL: a crash loses at most the last commits, never corrupts
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    if (options.readonly) checkReadableSchema(db, options.migrations ?? migrations, file);
    else migrate(db, options.migrations ?? migrations, options.beforeMigrate);
    return db;
  } catch (error) {
    db.close();
    throw openError(error, file);
  }
}

/** better-sqlite3's options for this process: the Electron app passes an Electron-ABI build of the native module (DESIGN §7). */
export function sqliteOptions(options: Database.Options = {}): Database.Options {
  const nativeBinding = process.env.KHIZANA_SQLITE_BINDING;
  return nativeBinding ? { ...options, nativeBinding } : options;
}

/**
 * Closes the database, leaving it in rollback-journal mode when this is the last connection: a
 * WAL database whose -wal and -shm files are gone cannot be opened at all from a read-only folder
 * or mount (SQLite needs to create them), a rollback-journal one can. With other connections open
 * the switch fails at once (SQLITE_BUSY) and the last one to close makes it.
 */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  if (!db.readonly) {
    try {
      db.pragma('journal_mode = DELETE');
    } catch {
      // another connection is open: it will switch when it closes
    }
  }
  db.close();
}

/** Applies every migration newer than the database's `user_version`, each in its own write transaction. */
export function migrate(db: Db, list: Migration[], beforeMigrate?: (db: Db) => void): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (version() > latest) {
    throw new ArchiveError('archive-unavailable', `this archive was written by a newer Khizana (schema ${version()}, this version knows ${latest})`);
  }
  if (version() < latest) beforeMigrate?.(db);
  for (const migration of list) {
    if (migration.version <= version()) continue;
    writeTransaction(db, () => {
      // Read again under the lock: another process opening the same archive may have just applied it.
      if (migration.version <= version()) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
}

/** A read-only archive cannot be migrated: its schema must be this version's already. */
function checkReadableSchema(db: Db, list: Migration[], file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new ArchiveError('archive-unavailable', `this archive was written by a newer Khizana (schema ${current}, this version knows ${latest})`);
  }
  if (current === 0) throw new ArchiveError('archive-unavailable', `${file} holds no Khizana archive`);
  if (current < latest) {
    throw new ArchiveError(
      'read-only',
      `the read-only archive database ${file} was written by an older Khizana (schema ${current}, this version uses ${latest}): open it once with write access to update it`,
    );
  }
}

/** SQLite result codes that mean the file is damaged or is not a database at all. */
function isCorruptCode(code: string): boolean {
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/**
 * Turns a better-sqlite3 error about the file itself (damaged, read-only) into an ArchiveError
 * with what to do; anything else is returned as it is.
 */
export function archiveErrorFromSqlite(error: unknown, file: string): unknown {
  if (error instanceof ArchiveError || !(error instanceof Database.SqliteError)) return error;
  const reason = joinLines(error.message);
  if (isCorruptCode(error.code)) return damagedError(file, reason);
  if (error.code.startsWith('SQLITE_READONLY')) {
    return new ArchiveError('read-only', `the archive database ${file} cannot be written (${reason}): check that its folder and files are writable`);
  }
  return error;
}

/** The `corrupt` error for a damaged database: what was found and how to recover. */
export function damagedError(file: string, reason: string): ArchiveError {
  return new ArchiveError('corrupt', `the archive database ${file} is damaged (${reason}); nothing more is written to it: restore a backup (${recoveryHelp})`);
}

function openError(error: unknown, file: string): unknown {
  const mapped = archiveErrorFromSqlite(error, file);
  if (mapped instanceof ArchiveError) return mapped;
  return new ArchiveError('archive-unavailable', `cannot open the archive database ${file}: ${joinLines((error as Error).message)}`);
}

/** SQLite's messages can span lines (quick_check's list): joined into one, so no line is lost. */
export function joinLines(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}
