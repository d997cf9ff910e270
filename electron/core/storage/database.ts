// Opens the archive's SQLite database: WAL, foreign keys, migrations.
import Database from 'better-sqlite3';
import { ArchiveError } from '../../shared/errors.js';
import { migrations, type Migration } from './migrations.js';
import { writeTransaction } from './write-transaction.js';

export type Db = Database.Database;

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openDatabase(file: string, options: { migrations?: Migration[] } = {}): Db {
  let db: Db;
  try {
    // The Electron app passes an Electron-ABI build of the native module (DESIGN §7).
    const nativeBinding = process.env.KHIZANA_SQLITE_BINDING;
    db = new Database(file, nativeBinding ? { nativeBinding } : {});
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

/** Applies every migration newer than the database's `user_version`, each in its own write transaction. */
export function migrate(db: Db, list: Migration[]): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (version() > latest) {
    throw new ArchiveError('archive-unavailable', `this archive was written by a newer Khizana (schema ${version()}, this version knows ${latest})`);
  }
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
