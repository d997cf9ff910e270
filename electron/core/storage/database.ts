// Opens the archive's SQLite database: WAL, foreign keys, migrations.
import Database from 'better-sqlite3';
import { ArchiveError } from '../../shared/errors.js';
import { migrations, type Migration } from './migrations.js';

export type Db = Database.Database;

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openDatabase(file: string, options: { migrations?: Migration[] } = {}): Db {
  let db: Db;
  try {
    db = new Database(file, sqliteOptions());
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new ArchiveError('archive-unavailable', `cannot open the archive database ${file}: ${(error as Error).message}`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL'); // safe with WAL: a crash loses at most the last commits, never corrupts
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  migrate(db, options.migrations ?? migrations);
  return db;
}

/** better-sqlite3's options for this process: the Electron app passes an Electron-ABI build of the native module (DESIGN §7). */
export function sqliteOptions(options: Database.Options = {}): Database.Options {
  const nativeBinding = process.env.KHIZANA_SQLITE_BINDING;
  return nativeBinding ? { ...options, nativeBinding } : options;
}

/** Applies every migration newer than the database's `user_version`, each in its own transaction. */
export function migrate(db: Db, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new ArchiveError('archive-unavailable', `this archive was written by a newer Khizana (schema ${current}, this version knows ${latest})`);
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
