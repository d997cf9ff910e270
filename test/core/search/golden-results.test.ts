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
import { prepareQuery, runSearch } from '../../../electron/core/search/run-search.js';
import { planSearch } from '../../../electron/core/search/search-plan.js';
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

describe('counting on fewer phrases (the set form of a match)', () => {
  it('the total without facets (counted on the set form) is the golden total of every query', () => {
    const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as Record<string, { total: number }>;
    for (const query of queries) {
      expect(runSearch(db, vocabulary, { query, limit: 20, offset: 0, sort: 'relevance', facets: false }).total, query).toBe(golden[`relevance ${query}`]!.total);
    }
  });

  it('finds the same rows as the ranked form for every word of the archive, alone, negated, in phrases and as typos', () => {
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.golden_vocab USING fts5vocab(main, 'items_fts', 'col')");
    const words = db.prepare("SELECT term FROM golden_vocab WHERE col = 'body_exact' ORDER BY doc DESC, term LIMIT 400").pluck().all() as string[];
    // The 400 most common words and phrases of two of them; each also negated beside a common word, and as a typo.
    const asked = [...words, ...words.slice(0, 60).map((w, k) => `"${w} ${words[k + 1]}"`), ...words.slice(0, 40).map((w) => `في -${w}`), ...words.slice(100, 140).map((w) => `${w}~`), ...words.slice(0, 20).map((w) => `title:${w}`)];
    let fewer = 0;
    for (const query of asked) {
      const { analysed, filters } = prepareQuery(query, vocabulary);
      const plan = planSearch(analysed, filters);
      if (plan.match === null) continue;
      const count = (match: string | null) => db.prepare('SELECT count(*) FROM items_fts WHERE items_fts MATCH ?').pluck().get(match);
      expect(count(plan.matchSet), `${query}: ${plan.matchSet} vs ${plan.match}`).toBe(count(plan.match));
      if (plan.matchSet!.length < plan.match.length) fewer++;
    }
    expect(fewer).toBeGreaterThan(asked.length * 0.9);
  });
});
