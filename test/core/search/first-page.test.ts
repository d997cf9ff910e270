// The app's first page (50 hits with facets) on one connection: the match runs once for the
// total, the facets and the ranked page, and a broad search's facets (every item's counts minus the
// unmatched items') stay exact as the archive changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readCorpus } from '../../../bench/corpus.js';
import { importKhizana } from '../../../bench/import-khizana.js';
import { MemoryPeak } from '../../../bench/measure.js';
import { runSearch, type SearchOptions } from '../../../electron/core/search/run-search.js';
import { createVocabulary, type Vocabulary } from '../../../electron/core/search/vocabulary.js';
import { openDatabase, type Db } from '../../../electron/core/storage/database.js';
import { trashItem } from '../../../electron/core/storage/trash.js';
import { tempDir } from '../../support/paths.js';
import '../../support/shared.js'; // a clear message when ../shared (the corpus) is missing

let db: Db;
let vocabulary: Vocabulary;
let file: string;

beforeAll(async () => {
  const dir = tempDir();
  file = path.join(dir, 'khizana.sqlite');
  db = openDatabase(file);
  // 600 Arabic articles of several sources, with the bench's tags; some trashed, one in English.
  const articles = (await readCorpus('ar', 12_000)).filter((_, k) => k % 20 === 0);
  importKhizana(db, dir, articles, new MemoryPeak(), 100);
  db.exec("UPDATE items SET lang = 'en' WHERE id % 7 = 0");
  db.exec("UPDATE items SET published_at = NULL WHERE id % 11 = 0");
  for (let id = 13; id <= 600; id += 13) trashItem(db, id);
  // Tags with the same count whose order depends on the collation of paths (NOCASE: aa, AB, Zz).
  for (const tag of ['Zz', 'aa', 'AB']) {
    const tagId = db.prepare('INSERT INTO tags (path) VALUES (?)').run(tag).lastInsertRowid;
    for (const id of [2, 4, 6, 8, 10]) db.prepare('INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)').run(id, tagId);
  }
  vocabulary = createVocabulary(db);
}, 60_000);
afterAll(() => db.close());

function options(query: string): SearchOptions {
  return { query, limit: 50, offset: 0, sort: 'relevance', facets: true };
}

describe('the first page', () => {
  it('runs the match once: for the total, the facets and the ranked page', () => {
    const statements: string[] = [];
    const traced = new Database(file, { readonly: true, verbose: (sql) => statements.push(String(sql)) });
    try {
      const tracedVocabulary = createVocabulary(traced);
      for (const query of ['في', 'tag:source/saudinewsnet في', 'الحكومة']) {
        statements.length = 0;
        expect(runSearch(traced, tracedVocabulary, options(query))).toEqual(runSearch(db, vocabulary, options(query)));
        expect(statements.filter((sql) => /items_fts MATCH/.test(sql)), query).toHaveLength(1);
      }
    } finally {
      traced.close();
    }
  });

  it('of a broad search lists tags of equal count in SQLite\'s NOCASE order of paths, as the SQL does', () => {
    const r = runSearch(db, vocabulary, options('في'));
    expect(r.total).toBeGreaterThan(400); // most items match: the tag counts are every item's minus the unmatched
    expect(r.facets!.tag.filter((t) => t.count === 5).map((t) => t.value)).toEqual(['aa', 'AB', 'Zz']);
  });
});

describe('the type, language and year facets of a broad search (every item\'s groups minus the unmatched)', () => {
  /** The first page's facets on a connection that has counted nothing before. */
  function facetsOnFreshConnection(query: string) {
    const fresh = openDatabase(file);
    try {
      return runSearch(fresh, createVocabulary(fresh), options(query)).facets;
    } finally {
      fresh.close();
    }
  }

  it('follow writes on the same connection and on another one', () => {
    const query = 'في';
    expect(runSearch(db, vocabulary, options(query)).facets).toEqual(facetsOnFreshConnection(query));
    const ids = runSearch(db, vocabulary, options(query)).hits.slice(0, 6).map((h) => h.id);
    // This connection writes: a language and a year change, an item goes to the trash.
    db.prepare("UPDATE items SET lang = 'fa' WHERE id = ?").run(ids[0]);
    db.prepare("UPDATE items SET published_at = '1999-01-01' WHERE id = ?").run(ids[1]);
    trashItem(db, ids[2]!);
    db.prepare("INSERT INTO item_tags (item_id, tag_id) SELECT ?, id FROM tags WHERE path = 'aa'").run(ids[0]);
    const afterOwn = runSearch(db, vocabulary, options(query)).facets!;
    expect(afterOwn).toEqual(facetsOnFreshConnection(query));
    expect(afterOwn.lang.find((v) => v.value === 'fa')?.count).toBe(1);
    expect(afterOwn.year.find((v) => v.value === '1999')?.count).toBe(1);
    expect(afterOwn.tag.find((v) => v.value === 'aa')?.count).toBe(6);
    // Another connection writes (the writer thread, for a reader).
    const other = openDatabase(file);
    try {
      other.prepare("UPDATE items SET lang = 'ur' WHERE id IN (?, ?)").run(ids[3], ids[4]);
      trashItem(other, ids[5]!);
      other.prepare("DELETE FROM item_tags WHERE item_id = ? AND tag_id = (SELECT id FROM tags WHERE path = 'aa')").run(ids[0]);
    } finally {
      other.close();
    }
    const afterOther = runSearch(db, vocabulary, options(query)).facets!;
    expect(afterOther.lang.find((v) => v.value === 'ur')?.count).toBe(2);
    expect(afterOther.tag.find((v) => v.value === 'aa')?.count).toBe(5);
    expect(afterOther).toEqual(facetsOnFreshConnection(query));
  });
});
