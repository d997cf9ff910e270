// A broad first page split by id range (search-parts.ts, answered by several reader threads) is
// exactly the search on one connection: the same total, facet counts, hits, scores and order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readCorpus } from '../../../bench/corpus.js';
import { importKhizana } from '../../../bench/import-khizana.js';
import { MemoryPeak } from '../../../bench/measure.js';
import { collectAndRank, prepareQuery, runSearch, type SearchOptions } from '../../../electron/core/search/run-search.js';
import { mergeParts } from '../../../electron/core/search/merge-parts.js';
import { mergedResult, searchPart, splitSearch } from '../../../electron/core/search/search-parts.js';
import { planSearch } from '../../../electron/core/search/search-plan.js';
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

const queries = ['في', 'tag:source/saudinewsnet في', 'الحكومة', 'في lang:ar', 'في -الحكومة', 'tag:sport -tag:source/saudinewsnet/aljazirah في', 'اقتصا*', 'في after:2015-07-20', 'title:الرياض'];

function options(query: string, offset = 0): SearchOptions {
  return { query, limit: 50, offset, sort: 'relevance', facets: true };
}

describe('a first page split by id range', () => {
  it.each(queries)('%j: the merged parts are the search on one connection (2 and 3 parts)', (query) => {
    const { analysed, filters } = prepareQuery(query, vocabulary);
    for (const offset of [0, 50]) {
      const whole = runSearch(db, vocabulary, options(query, offset));
      // Scores exactly, before rounding for the hits.
      const page = collectAndRank(db, planSearch(analysed, filters), { sort: 'relevance', limit: 50, offset }).page;
      for (const parts of [2, 3]) {
        const ranges = splitSearch(db, vocabulary, options(query, offset), parts, 0);
        expect(ranges, query).not.toBeNull();
        expect(ranges![0]!.from).toBe(1);
        const merged = mergeParts(ranges!.map((range) => searchPart(db, vocabulary, options(query, offset), range)), options(query, offset));
        expect(merged.page).toEqual(page);
        expect(mergedResult(db, vocabulary, options(query, offset), merged), `${query} in ${parts} parts from ${offset}`).toEqual(whole);
      }
    }
  });

  it('the queries find many items and several facet values, so the comparison means something', () => {
    const r = runSearch(db, vocabulary, options('في'));
    expect(r.total).toBeGreaterThan(400);
    expect(r.facets!.tag.length).toBeGreaterThan(10);
    expect(r.facets!.lang.length).toBeGreaterThan(1);
    expect(r.facets!.tag.filter((t) => t.count === 5).map((t) => t.value)).toEqual(['aa', 'AB', 'Zz']);
    expect(runSearch(db, vocabulary, options('tag:source/saudinewsnet في')).total).toBeGreaterThan(300);
  });

  it('is not split for few matches, a typo tier, another order or no facets', () => {
    expect(splitSearch(db, vocabulary, options('في'), 2)).toBeNull(); // far below splitAbove here
    expect(splitSearch(db, vocabulary, options('في'), 2, 100)).not.toBeNull();
    expect(splitSearch(db, vocabulary, options('الحكومه~'), 2, 0)).toBeNull();
    expect(splitSearch(db, vocabulary, { ...options('في'), sort: 'newest' }, 2, 0)).toBeNull();
    expect(splitSearch(db, vocabulary, { ...options('في'), facets: false }, 2, 0)).toBeNull();
    expect(splitSearch(db, vocabulary, options('tag:sport'), 2, 0)).toBeNull();
  });
});

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
