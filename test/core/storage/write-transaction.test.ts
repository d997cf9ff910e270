import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDatabase, type Db } from '../../../electron/core/storage/database.js';
import { migrations } from '../../../electron/core/storage/migrations.js';
import { addNote, updateNote } from '../../../electron/core/storage/notes.js';
import { addTag, removeTag, setTagColor } from '../../../electron/core/storage/tags.js';
import { deleteSavedSearch, saveSearch } from '../../../electron/core/storage/saved-searches.js';
import { deleteItem } from '../../../electron/core/storage/items.js';
import { storeDocuments } from '../../../electron/core/import/store-document.js';
import { prepareDocument, sha256 } from '../../../electron/core/import/prepare-document.js';
import { writeTransaction } from '../../../electron/core/storage/write-transaction.js';
import { importPaths } from '../../../electron/core/import/import-paths.js';
import { defaultParseLimits, emptyDocument } from '../../../electron/core/import/parsed-document.js';
import { parseInProcess } from '../../../electron/core/import/parse-in-process.js';
import { incomingDir } from '../../../electron/core/storage/original-files.js';
import { writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

function twoConnections(): { dir: string; a: Db; b: Db } {
  const dir = tempDir();
  const file = path.join(dir, 'khizana.sqlite');
  return { dir, a: openDatabase(file), b: openDatabase(file) };
}

describe('writeTransaction: every write takes the write lock first', () => {
  it('every write of the core is inside an IMMEDIATE transaction (a deferred one fails with "database is locked" instead of waiting)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'khizana.sqlite');
    const statements: string[] = [];
    // A connection that logs every statement it runs (better-sqlite3's `verbose`), schema included.
    const db = new Database(file, { verbose: (sql) => statements.push(String(sql)) });
    db.pragma('journal_mode = WAL');
    migrate(db, migrations);
    const text = 'an imported article';
    const bytes = new TextEncoder().encode(text);
    const article = storeDocuments(db, dir, [{
      source: { path: '/in/a.txt', format: 'txt', bytes, sha256: sha256(bytes) },
      prepared: prepareDocument({ ...emptyDocument(), text }, '/in/a.txt'),
      tags: ['imported'],
    }], 'now')[0] as { id: number };
    const note = addNote(db, 'a note', article.id);
    updateNote(db, note.id, 'the note, edited');
    addTag(db, article.id, 'x/y');
    removeTag(db, article.id, 'x/y');
    setTagColor(db, 'imported', '#aa0000');
    saveSearch(db, { name: 's', query: 'q', sort: 'relevance' });
    deleteSavedSearch(db, 's');
    deleteItem(db, note.id);
    db.close();

    let depth = 0;
    const outside: string[] = [];
    for (const sql of statements) {
      const verb = sql.trim().split(/\s+/)[0]!.toUpperCase();
      if (verb === 'BEGIN') {
        expect(sql.trim().toUpperCase()).toBe('BEGIN IMMEDIATE');
        depth++;
      } else if (verb === 'COMMIT' || verb === 'ROLLBACK') depth--;
      else if (depth === 0 && (/^(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)$/.test(verb) || /^PRAGMA\s+user_version\s*=/i.test(sql))) outside.push(sql);
    }
    expect(outside).toEqual([]);
    expect(statements.filter((sql) => /^BEGIN/i.test(sql.trim())).length).toBeGreaterThanOrEqual(12); // 3 migrations, 1 batch of documents, 8 calls
  });

  it('when another connection holds the lock past the wait: code busy, one line', () => {
    const { a, b } = twoConnections();
    a.prepare('BEGIN IMMEDIATE').run();
    const started = Date.now();
    let error: unknown;
    try {
      writeTransaction(b, () => b.prepare("INSERT INTO tags (path) VALUES ('x')").run(), 200);
    } catch (e) {
      error = e;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(error).toMatchObject({ code: 'busy' });
    expect((error as Error).message).not.toContain('\n');
    a.prepare('ROLLBACK').run();
    // The connection's busy timeout for other statements is restored.
    expect(b.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() => addTag(b, addNote(b, 'n', undefined).id, 'x')).not.toThrow();
    a.close();
    b.close();
  });

  it('the database full (SQLITE_FULL) is code disk-full, and nothing is written', () => {
    const { a } = twoConnections();
    const note = addNote(a, 'a note', undefined);
    a.pragma(`max_page_count = ${a.pragma('page_count', { simple: true }) as number}`); // SQLite's own limit: a real SQLITE_FULL
    expect(() => addNote(a, 'x '.repeat(100_000), undefined)).toThrow(expect.objectContaining({ code: 'disk-full' }));
    expect(() => deleteItem(a, note.id)).not.toThrow(); // deleting still works on a full database
    a.close();
  });
});

describe('an import on a full disk', () => {
  it('stops at once with disk-full: the rest is not tried, no temp or half-written original is left', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'khizana.sqlite'));
    const files: Record<string, string> = {};
    // More files than one batch (~50 ms of work: a couple of hundred of these), so some are never tried.
    for (let i = 0; i < 600; i++) files[`f${String(i).padStart(3, '0')}.txt`] = `file ${i} ${'lorem ipsum dolor '.repeat(300)} word${i}`;
    const folder = writeFiles(files);
    // Room for a few dozen files, then SQLite reports the database full (a real SQLITE_FULL).
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 200}`);
    const report = await importPaths(
      {
        db, archiveDir: dir, limits: defaultParseLimits, parallelism: 4, signal: new AbortController().signal,
        parse: (job, bytes) => parseInProcess(job, bytes, defaultParseLimits),
      },
      { paths: [folder], tags: [], jobId: 'full' },
    );
    expect(report.stopped).toMatchObject({ code: 'disk-full' });
    expect(report.imported).toBeGreaterThan(0);
    expect(report.imported).toBeLessThan(600);
    expect(report.results).toHaveLength(600);
    // Only the batch being stored failed; every file after it is reported as not tried.
    const failed = report.results.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.error?.code === 'disk-full')).toBe(true);
    const notTried = report.results.filter((r) => r.status === 'skipped');
    expect(notTried.length).toBeGreaterThan(50);
    expect(notTried.every((r) => r.error?.code === 'disk-full' && r.error.message.startsWith('not tried'))).toBe(true);
    // The originals: exactly those of the stored items, complete; no temp file.
    const stored = db.prepare('SELECT source_sha256 AS sha, source_bytes AS bytes FROM items').all() as Array<{ sha: string; bytes: number }>;
    expect(stored).toHaveLength(report.imported);
    const originals = fs.readdirSync(path.join(dir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(originals.map((e) => e.name).sort()).toEqual(stored.map((s) => s.sha).sort());
    for (const { sha, bytes } of stored) expect(fs.statSync(path.join(dir, 'files', sha.slice(0, 2), sha)).size).toBe(bytes);
    expect(fs.readdirSync(incomingDir(dir))).toEqual([]);
    db.close();
  });
});
