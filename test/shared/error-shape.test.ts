// toErrorShape: what crosses every boundary is one line, and errors of the disk, the file system
// and the database carry their own codes, never `internal` (issue 8 item 8). Real errors only.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ArchiveError, oneLine, toErrorShape } from '../../electron/shared/errors.js';
import { tempDir } from '../support/paths.js';

/** What `work` throws. */
function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('environment errors get their own codes', () => {
  it('a full database (SQLITE_FULL) is disk-full', () => {
    const db = new Database(path.join(tempDir(), 'full.sqlite'));
    db.exec('CREATE TABLE t (x)');
    db.pragma('max_page_count = 3');
    const error = thrown(() => {
      for (let i = 0; i < 1000; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000));
    });
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    expect(toErrorShape(error)).toEqual({ code: 'disk-full', message: 'the disk is full (database or disk is full): free some space, then try again' });
    db.close();
  });

  it('a full disk (ENOSPC) is disk-full', () => {
    const error = thrown(() => fs.writeFileSync('/dev/full', 'x'));
    expect(toErrorShape(error).code).toBe('disk-full');
  });

  it('a write on a read-only connection (SQLITE_READONLY) is read-only', () => {
    const file = path.join(tempDir(), 'ro.sqlite');
    new Database(file).exec('CREATE TABLE t (x)');
    const db = new Database(file, { readonly: true });
    expect(toErrorShape(thrown(() => db.prepare('INSERT INTO t VALUES (1)').run())).code).toBe('read-only');
    db.close();
  });

  it('a write lock held by another connection (SQLITE_BUSY) is busy', () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const holder = new Database(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE t (x)');
    holder.exec('BEGIN IMMEDIATE');
    const other = new Database(file, { timeout: 0 });
    expect(toErrorShape(thrown(() => other.prepare('INSERT INTO t VALUES (1)').run()))).toMatchObject({ code: 'busy', message: expect.stringMatching(/try again$/u) });
    holder.exec('ROLLBACK');
    other.close();
    holder.close();
  });

  it('a file that is not a database (SQLITE_NOTADB) is corrupt', () => {
    const file = path.join(tempDir(), 'garbage.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    const error = thrown(() => new Database(file).prepare('SELECT * FROM sqlite_master').all());
    expect(toErrorShape(error)).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/restore it from a backup$/u) });
  });

  it('a bug is still internal', () => {
    expect(toErrorShape(new TypeError('x is not a function')).code).toBe('internal');
  });
});

describe('every message is one line', () => {
  it('keeps the first line of a library message and drops what follows (a stack, advice to report a bug)', () => {
    expect(toErrorShape(new Error('Maximum call stack size exceeded\nPlease report this to https://github.com/markedjs/marked.'))).toEqual({
      code: 'internal',
      message: 'Maximum call stack size exceeded',
    });
    expect(toErrorShape(new ArchiveError('corrupt', 'damaged\n    at parse (x.js:1:2)')).message).toBe('damaged');
    expect(toErrorShape({ code: 'not-found', message: '\n\n  no such\titem \n' })).toEqual({ code: 'not-found', message: 'no such item' });
  });

  it('caps a very long message', () => {
    expect(oneLine('x'.repeat(5000))).toHaveLength(1000);
  });
});
