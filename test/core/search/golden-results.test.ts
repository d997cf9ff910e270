// Every result of a query set stays what it was before the first page was made cheaper (issue
// 14): the golden file was written by the code before that change (commit 2ea7f8d) on the same
// seeded archive: 400 Arabic articles (every 30th of the corpus's first 12,000, so several
// sources), with the bench's tags. Per query and sort: the total, the first 50 hits (id, score) in
// order, and every facet count. Regenerate only for an intended change: KHIZANA_WRITE_GOLDEN=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { readCorpus } from '../../../bench/corpus.js';
import { importKhizana } from '../../../bench/import-khizana.js';
import { MemoryPeak } from '../../../bench/measure.js';
import { runSearch } from '../../../electron/core/search/run-search.js';
import { createVocabulary, type Vocabulary } from '../../../electron/core/search/vocabulary.js';
import { openDatabase, type Db } from '../../../electron/core/storage/database.js';
import type { SortOrder } from '../../../electron/shared/contract.js';
import { repoRoot, tempDir } from '../../support/paths.js';
import '../../support/shared.js'; // a clear message when ../shared (the corpus) is missing

const goldenFile = path.join(repoRoot, 'test/core/search/golden/first-pages-ar.json');
// The bench's mix, the corpus's most common word, big tags and subtrees, typos, filters, no words.
const queries = ['الحكومة', 'المملكة', 'وزير الخارجية', '"ولي العهد"', 'اقتصا*', 'tag:sport النصر', 'tag:source/saudinewsnet النفط',
  'في', 'tag:sport', 'tag:source/saudinewsnet في', 'tag:source/saudinewsnet', '', 'الحكومه~', 'السعوديه~', 'في -الحكومة', 'في lang:ar',
  'في after:2015-07-20', 'tag:sport -tag:source/saudinewsnet/aljazirah في', 'title:الرياض', 'in:notes في', 'type:note', '-في'];
const sorts: SortOrder[] = ['relevance', 'newest'];

let db: Db;
let vocabulary: Vocabulary;

beforeAll(async () => {
  const dir = tempDir();
  db = openDatabase(path.join(dir, 'khizana.sqlite'));
  const articles = (await readCorpus('ar', 12_000)).filter((_, k) => k % 30 === 0);
  importKhizana(db, dir, articles, new MemoryPeak(), 100);
  vocabulary = createVocabulary(db);
}, 60_000);
afterAll(() => db.close());

function firstPages(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const query of queries) {
    for (const sort of sorts) {
      const r = runSearch(db, vocabulary, { query, limit: 50, offset: 0, sort, facets: true });
      out[`${sort} ${query}`] = { total: r.total, hits: r.hits.map((h) => [h.id, h.score]), facets: r.facets };
    }
  }
  // As JSON: the file cannot tell a score of -0 (no words) from 0.
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

describe('search results against the golden file', () => {
  it('every total, ranked page and facet count is what it was', () => {
    const now = firstPages();
    if (process.env.KHIZANA_WRITE_GOLDEN === '1') fs.writeFileSync(goldenFile, `${JSON.stringify(now, null, 1)}\n`);
    const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(now)).toEqual(Object.keys(golden));
    for (const key of Object.keys(golden)) expect(now[key], key).toEqual(golden[key]);
  });

  it('the seeded archive has what the queries need: many matches, several tags, typo variants', () => {
    const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as Record<string, { total: number; facets: { tag: unknown[] } }>;
    expect(golden['relevance في']!.total).toBeGreaterThan(300);
    expect(golden['relevance في']!.facets.tag.length).toBeGreaterThan(10);
    expect(golden['relevance الحكومه~']!.total).toBeGreaterThan(golden['relevance الحكومة']!.total);
  });
});
