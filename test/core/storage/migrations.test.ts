import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileName, openArchive } from '../../../electron/core/archive.js';
import { migrate, openDatabase, type Db } from '../../../electron/core/storage/database.js';
import { analyseField, writeFtsRow } from '../../../electron/core/storage/fts-row.js';
import { migrations } from '../../../electron/core/storage/migrations.js';
import { uidFromSha256 } from '../../../electron/core/storage/uids.js';
import { tempDir } from '../../support/paths.js';

/** An item row and its index row (an article's holds its notes' text), as Khizana has written them since schema 1. */
function writeItem(db: Db, item: { id: number; kind: 'article' | 'note'; title: string; text: string; notes?: string; parentId?: number; publishedAt?: string; sha?: string }): void {
  db.prepare(
    `INSERT INTO items (id, kind, title, text, html, lang, dir, published_at, imported_at, updated_at, parent_id, source_path, source_format, source_sha256, warnings)
     VALUES (@id, @kind, @title, @text, @html, 'en', 'ltr', @publishedAt, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z', @parentId, @path, @format, @sha, '["kept warning"]')`,
  ).run({
    ...item, html: item.kind === 'article' ? `<p>${item.text}</p>` : null, parentId: item.parentId ?? null, publishedAt: item.publishedAt ?? null,
    sha: item.sha ?? null, path: item.sha ? `/old/${item.id}.txt` : null, format: item.sha ? 'txt' : null,
  });
  const [title, text, notes] = [analyseField(item.title), analyseField(item.text), analyseField(item.notes ?? '')];
  const [body, notesField] = item.kind === 'note' ? [analyseField(''), text] : [text, notes];
  db.prepare('INSERT INTO items_fts (rowid, title_exact, title_stem, body_exact, body_stem, notes_exact, notes_stem) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(item.id, title.exact, title.stem, body.exact, body.stem, notesField.exact, notesField.stem);
}

/**
 * What a Khizana at each schema version wrote, in that version's schema. Every version needs an
 * entry: the test below writes them in turn, migrating in between, and reads them all back.
 */
const writtenAt: Record<number, (db: Db) => void> = {
  1: (db) => {
    writeItem(db, { id: 1, kind: 'article', title: 'Zanzibar harbour', text: 'The harbour of Zanzibar at dawn', notes: 'check the dhows', sha: 'a'.repeat(64) });
    writeItem(db, { id: 2, kind: 'note', title: 'check the dhows', text: 'check the dhows', parentId: 1 });
    db.prepare("INSERT INTO tags (id, path, color) VALUES (1, 'africa', '#aa3300'), (2, 'africa/east', NULL)").run();
    db.prepare('INSERT INTO item_tags (item_id, tag_id) VALUES (1, 2)').run();
  },
  2: (db) => {
    db.prepare("INSERT INTO saved_searches (name, query, sort, created_at) VALUES ('harbours', 'harbour tag:africa', 'newest', '2024-01-02T03:04:05.000Z')").run();
  },
  3: (db) => {
    writeItem(db, { id: 3, kind: 'article', title: 'Mombasa harbour', text: 'The old harbour of Mombasa', publishedAt: '2019-05-01', sha: 'b'.repeat(64) });
    db.prepare('INSERT INTO item_tags (item_id, tag_id) VALUES (3, 1)').run();
  },
  4: (db) => {
    writeItem(db, { id: 4, kind: 'note', title: 'tide tables', text: 'tide tables for Lamu' });
    db.prepare("UPDATE items SET uid = '01890a5d-ac96-7000-8000-000000000004' WHERE id = 4").run();
    db.prepare("UPDATE items SET byline = ' Ali Hassan ', site_name = 'Coast Times' WHERE id = 3").run();
  },
  5: (db) => {
    db.prepare(`UPDATE items SET url = 'https://example.org/zanzibar', authors = '["Amina Said","J. Doe"]', publication = 'Harbour Review',
      source_meta = '{"publisher":"Dhow Press"}', edited = '["title"]' WHERE id = 1`).run();
  },
  6: (db) => {
    // The Lamu note edited to link to the Zanzibar article, with its row in the links table (as notes.ts writes them).
    db.prepare(`UPDATE items SET text = 'tide tables for Lamu, see [Zanzibar](khizana:${uidFromSha256('a'.repeat(64))}).' WHERE id = 4`).run();
    db.prepare('INSERT INTO note_links (from_id, position, to_uid, sentence) VALUES (4, 26, ?, ?)').run(uidFromSha256('a'.repeat(64)), 'tide tables for Lamu, see Zanzibar.');
  },
  7: (db) => {
    db.prepare(`INSERT INTO annotations (uid, item_id, exact, prefix, suffix, start_offset, end_offset, color, comment, created_at, updated_at)
      VALUES ('01890a5d-ac96-7000-8000-0000000000a1', 1, 'Zanzibar', 'The harbour of ', ' at dawn', 15, 23, 'blue', 'which harbour?', '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z')`).run();
    db.prepare("INSERT INTO change_log (entity, uid, op, at) VALUES ('annotation', '01890a5d-ac96-7000-8000-0000000000a1', 'create', '2024-01-02T03:04:05.000Z')").run();
  },
  8: () => {
    // Schema 8 re-analysed items with ھ ە ۃ (see the test below); nothing new to write.
  },
  // Schema 9 filled the typo vocabulary from the index written before it; an index row written since adds its words.
  9: (db) => {
    writeItem(db, { id: 5, kind: 'article', title: 'Pemba', text: 'cloves from Pemba' });
    writeFtsRow(db, 5, { title: analyseField('Pemba'), body: analyseField('cloves from Pemba'), notes: analyseField('') }); // as Khizana writes index rows since
  },
};

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it.each(migrations.map((m) => [m.version, m]))('migration %i applies on the schema before it', (version) => {
    const file = path.join(tempDir(), 'k.sqlite');
    const db = new Database(file);
    migrate(db, migrations.filter((m) => m.version < version));
    expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
    const schema = () => (db.prepare('SELECT group_concat(sql) FROM sqlite_master').pluck().get() as string | null) ?? '';
    const before = schema();
    migrate(db, migrations.filter((m) => m.version <= version));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(schema()).not.toBe(before);
    db.close();
  });

  it('keeps what every schema version wrote: read back through the archive after the last migration', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, databaseFileName));
    for (const migration of migrations) {
      migrate(db, migrations.filter((m) => m.version <= migration.version));
      expect(writtenAt[migration.version], `writtenAt has no rows for schema ${migration.version}`).toBeDefined();
      writtenAt[migration.version]!(db);
    }
    // Schema 4 gave every earlier item a uid: from the original's sha256 for imports, new for notes.
    const uids = new Map(db.prepare('SELECT id, uid FROM items').all().map((r) => [(r as { id: number }).id, (r as { uid: string }).uid]));
    expect(uids.get(1)).toBe(uidFromSha256('a'.repeat(64)));
    expect(uids.get(3)).toBe(uidFromSha256('b'.repeat(64)));
    expect(uids.get(2)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uids.get(4)).toBe('01890a5d-ac96-7000-8000-000000000004');
    db.close();

    const archive = await openArchive({ dir, parseWorkers: 0 });
    try {
      const api = archive.api;
      expect(await api.getItem({ id: 1 })).toMatchObject({
        kind: 'article', title: 'Zanzibar harbour', text: 'The harbour of Zanzibar at dawn', html: '<p>The harbour of Zanzibar at dawn</p>',
        lang: 'en', dir: 'ltr', tags: ['africa/east'], notes: [{ id: 2, text: 'check the dhows' }], importedAt: '2024-01-02T03:04:05.000Z',
        source: { path: '/old/1.txt', format: 'txt', sha256: 'a'.repeat(64) }, warnings: ['kept warning'],
      });
      expect(await api.getItem({ id: 3 })).toMatchObject({
        title: 'Mombasa harbour', publishedAt: '2019-05-01', tags: ['africa'], authors: ['Ali Hassan'], publication: 'Coast Times', url: null, edited: [],
      });
      expect(await api.getItem({ id: 1 })).toMatchObject({
        url: 'https://example.org/zanzibar', authors: ['Amina Said', 'J. Doe'], publication: 'Harbour Review', sourceMeta: { publisher: 'Dhow Press' }, edited: ['title'],
      });
      expect((await api.listNotes({ on: 1 })).map((n) => n.id)).toEqual([2]);
      expect(await api.listTags({})).toEqual([
        expect.objectContaining({ path: 'africa', color: '#aa3300', count: 2 }),
        expect.objectContaining({ path: 'africa/east', color: null, count: 1 }),
      ]);
      expect(await api.listSavedSearches({})).toEqual([expect.objectContaining({ name: 'harbours', query: 'harbour tag:africa', sort: 'newest' })]);
      // The index written at schema 1 and 3 answers today's queries, filters and facets.
      const ids = async (query: string) => (await api.search({ query })).hits.map((h) => h.id).sort();
      expect(await ids('harbour')).toEqual([1, 3]);
      expect(await ids('harbour tag:africa/east')).toEqual([1]);
      expect(await ids('in:notes dhows')).toEqual([1, 2]);
      expect(await ids('before:2020 harbour')).toEqual([3]);
      expect((await api.search({ query: 'harbour', facets: true })).facets!.lang).toEqual([{ value: 'en', count: 2 }]);
      expect(await ids('lamu')).toEqual([4]);
      expect(await ids('habrour~')).toEqual([1, 3]);
      expect(await ids('clovse~')).toEqual([5]);
      expect(await api.backlinks({ id: 1 })).toEqual([{ fromId: 4, fromUid: '01890a5d-ac96-7000-8000-000000000004', fromTitle: 'tide tables', sentence: 'tide tables for Lamu, see Zanzibar.' }]);
      expect(await api.stats({})).toMatchObject({ articles: 3, notes: 2, tags: 2 });
      expect(await api.listAnnotations({})).toEqual([expect.objectContaining({ itemId: 1, exact: 'Zanzibar', resolved: { start: 15, end: 23 }, color: 'blue', comment: 'which harbour?' })]);
      // The change log kept its rows through its rebuild (schema 7), and takes annotations.
      const db7 = new Database(path.join(dir, databaseFileName), { readonly: true });
      expect(db7.prepare('SELECT entity FROM change_log ORDER BY seq').pluck().all()).toEqual(['annotation']);
      db7.close();
    } finally {
      await archive.close();
    }
  });

  it('re-analyses items written before ھ was folded, so a search for ه finds them (schema 8)', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, databaseFileName));
    migrate(db, migrations.filter((m) => m.version <= 7));
    // As Khizana wrote them at schema 7: ھ kept in the index (its analyzer did not fold it).
    const oldField = (text: string) => {
      const field = analyseField(text.replace(/ھ/gu, 'ح')); // ح keeps the tokens' shape…
      return { exact: field.exact.replace(/ح/gu, 'ھ'), stem: field.stem.replace(/ح/gu, 'ھ') }; // …then back to ھ
    };
    const now = '2024-01-02T03:04:05.000Z';
    const insert = db.prepare(`INSERT INTO items (id, uid, kind, title, text, lang, dir, imported_at, updated_at, parent_id)
      VALUES (?, ?, ?, ?, ?, 'ar', 'rtl', ?, ?, ?)`);
    const fts = db.prepare('INSERT INTO items_fts (rowid, title_exact, title_stem, body_exact, body_stem, notes_exact, notes_stem) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run(1, '01890a5d-ac96-7000-8000-000000000101', 'article', 'تقرير', 'أھمية ھذه المبادرة', now, now, null);
    insert.run(2, '01890a5d-ac96-7000-8000-000000000102', 'article', 'مقال', 'الطقس اليوم', now, now, null);
    insert.run(3, '01890a5d-ac96-7000-8000-000000000103', 'note', 'ملاحظة ھامة', 'ملاحظة ھامة', now, now, 2);
    const [t1, b1, t2, b2, n2] = [oldField('تقرير'), oldField('أھمية ھذه المبادرة'), oldField('مقال'), oldField('الطقس اليوم'), oldField('ملاحظة ھامة')];
    fts.run(1, t1.exact, t1.stem, b1.exact, b1.stem, '', '');
    fts.run(2, t2.exact, t2.stem, b2.exact, b2.stem, n2.exact, n2.stem);
    fts.run(3, n2.exact, n2.stem, '', '', n2.exact, n2.stem);
    db.close();

    const archive = await openArchive({ dir, parseWorkers: 0 });
    try {
      const ids = async (query: string) => (await archive.api.search({ query })).hits.map((h) => h.id).sort();
      expect(await ids('أهمية')).toEqual([1]);
      expect(await ids('هذه')).toEqual([1]);
      expect(await ids('هامة')).toEqual([2, 3]); // the note, and its article through the note
      expect(await ids('ھذه')).toEqual([1]); // the query is folded the same way
      expect(await ids('الطقس')).toEqual([2]);
    } finally {
      await archive.close();
    }
    const after = new Database(path.join(dir, databaseFileName), { readonly: true });
    expect(after.prepare("SELECT value FROM index_state WHERE key = 'analyzer'").pluck().get()).toBe('2');
    after.close();
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
