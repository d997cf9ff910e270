import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../../electron/core/storage/database.js';
import { migrations } from '../../../electron/core/storage/migrations.js';
import { tempDir } from '../../support/paths.js';

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it.each(migrations.map((m) => [m.version, m]))('migration %i applies on the schema before it, keeping data', (version) => {
    const file = path.join(tempDir(), 'k.sqlite');
    const db = new Database(file);
    migrate(db, migrations.filter((m) => m.version < version));
    expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
    const before = version > 1 ? (db.prepare("SELECT count(*) FROM sqlite_master").pluck().get() as number) : 0;
    migrate(db, migrations.filter((m) => m.version <= version));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare("SELECT count(*) FROM sqlite_master").pluck().get() as number).toBeGreaterThan(before);
    db.close();
  });

  it('creates a working schema: WAL, foreign keys, FTS5 with contentless delete', () => {
    const db = openDatabase(path.join(tempDir(), 'k.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO items (id, kind, title, text, imported_at, updated_at) VALUES (1, 'article', 't', 'x', ?, ?)").run(now, now);
    db.prepare("INSERT INTO items_fts (rowid, body_exact) VALUES (1, 'ادلب')").run();
    expect(db.prepare("SELECT rowid FROM items_fts WHERE items_fts MATCH '\"ادلب\"'").pluck().all()).toEqual([1]);
    db.prepare('DELETE FROM items_fts WHERE rowid = 1').run();
    expect(db.prepare("SELECT rowid FROM items_fts WHERE items_fts MATCH '\"ادلب\"'").pluck().all()).toEqual([]);
    expect(() => db.prepare("INSERT INTO item_tags (item_id, tag_id) VALUES (99, 99)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('is idempotent and refuses an archive from a newer Khizana', () => {
    const file = path.join(tempDir(), 'k.sqlite');
    openDatabase(file).close();
    openDatabase(file).close();
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer Khizana/);
  });
});
