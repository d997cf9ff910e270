// What-if for search: the current runSearch against the same search with cheaper SQL, on an archive
// kept by `npm run bench -- --keep`. Same query mix, same round-robin timing as the bench, same
// snippet/highlight/tag code; only the SQL differs. Usage:
//   npm run bench -- --lang ar --n all --no-plain --keep      # prints "kept /tmp/khizana-bench-…"
//   node --import tsx bench/search-experiments.ts --archive /tmp/khizana-bench-…/archive [--lang ar]
// History: on the core before 92e3f4d (full rows sorted, tag subtrees materialised) this variant
// measured p50 14.1 → 5.2 ms and p95 23.4 → 6.8 ms over the ar mix at 30,676 articles with
// identical answers; 92e3f4d/45c7a48 took the idea over. Kept to check future SQL changes the same way.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchHit } from '../electron/shared/dto.js';
import { compileNegative, compilePositive } from '../electron/core/search/compile-fts.js';
import { highlightSpans, makeSnippet } from '../electron/core/search/highlight.js';
import { positiveTerms, prepareQuery, runSearch } from '../electron/core/search/run-search.js';
import { createVocabulary, type Vocabulary } from '../electron/core/search/vocabulary.js';
import { openDatabase, type Db } from '../electron/core/storage/database.js';
import { tagSubtreeCondition, tagsOfItem } from '../electron/core/storage/tags.js';
import type { CorpusLang } from './corpus.js';
import { cpuMs, nowMs, percentile, round } from './measure.js';
import { queryMix } from './search-bench.js';

const bm25 = 'bm25(items_fts, 10.0, 4.0, 2.0, 1.0, 2.0, 1.0)';

type Search = (query: string) => { total: number; ids: number[] };

function current(db: Db, vocabulary: Vocabulary): Search {
  return (query) => {
    const r = runSearch(db, vocabulary, { query, limit: 20, offset: 0, sort: 'relevance', facets: false });
    return { total: r.total, ids: r.hits.map((h) => h.id) };
  };
}

/**
 * The suggestion: rank inside FTS5 without joining items (so no article text goes through the
 * sorter), filter tags by tag id (resolved once from the small tags table) instead of building
 * the whole subtree's item list twice per search, then read only the 20 rows shown.
 * Supports the queries of the mix (words, phrases, prefixes, `tag:`).
 */
function idsFirst(db: Db, vocabulary: Vocabulary): Search {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const getRow = prepare('SELECT id, title, text FROM items WHERE id = ?');
  return (query) => {
    const { analysed, filters } = prepareQuery(query, vocabulary);
    const positive = compilePositive(analysed, false);
    if (positive === null) throw new Error(`not supported here: ${query}`);
    const negative = compileNegative(analysed, false);
    const match = negative === null ? positive : `(${positive}) NOT (${negative})`;
    const where = ['items_fts MATCH ?'];
    const params: unknown[] = [match];
    for (const tag of filters.tags) {
      const tagIds = prepare(`SELECT t.id FROM tags t WHERE ${tagSubtreeCondition}`).pluck().all(tag, tag, tag) as number[];
      // EXISTS per match on item_tags' primary key; `rowid IN (…)` would be pushed into FTS5 as
      // one full MATCH per listed rowid (measured: 100× slower).
      where.push(`EXISTS (SELECT 1 FROM item_tags it WHERE it.item_id = items_fts.rowid AND it.tag_id IN (${tagIds.map(() => '?').join(', ') || 'NULL'}))`);
      params.push(...tagIds);
    }
    const from = `FROM items_fts WHERE ${where.join(' AND ')}`;
    const total = prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number;
    const ids = total === 0 ? [] : (prepare(`SELECT rowid FROM (SELECT rowid, ${bm25} AS score ${from} ORDER BY score ASC, rowid DESC LIMIT 20)`).pluck().all(...params) as number[]);
    const terms = positiveTerms(analysed);
    const hits: Array<Partial<SearchHit>> = ids.map((id) => {
      const row = getRow.get(id) as { id: number; title: string; text: string };
      const snippet = makeSnippet(row.text, terms);
      return { id, snippet: snippet.snippet, highlights: snippet.highlights, titleHighlights: highlightSpans(row.title, terms), tags: tagsOfItem(db, id) };
    });
    return { total, ids: hits.map((h) => h.id!) };
  };
}

function timeRoundRobin(searches: Record<string, Search>, queries: string[], runs: number, warmup: number) {
  const names = Object.keys(searches);
  const samples = new Map<string, number[]>(names.flatMap((n) => queries.map((q) => [`${n}\t${q}`, [] as number[]])));
  const cpu = new Map<string, number[]>(names.map((n) => [n, [] as number[]]));
  for (let r = 0; r < warmup + runs; r++) {
    for (const name of names) {
      for (const q of queries) {
        const c = cpuMs();
        const t = nowMs();
        searches[name]!(q);
        if (r >= warmup) {
          samples.get(`${name}\t${q}`)!.push(nowMs() - t);
          cpu.get(name)!.push(cpuMs() - c);
        }
      }
    }
  }
  return { samples, cpu };
}

const { values } = parseArgs({ options: { archive: { type: 'string' }, lang: { type: 'string', default: 'ar' }, runs: { type: 'string', default: '20' } } });
if (!values.archive) {
  console.error('usage: node --import tsx bench/search-experiments.ts --archive DIR [--lang ar|en] [--runs 20]');
  process.exit(2);
}
const db = openDatabase(path.join(values.archive, 'khizana.sqlite'));
const vocabulary = createVocabulary(db);
const queries = queryMix[values.lang as CorpusLang].map((q) => q.query);
const searches = { current: current(db, vocabulary), idsFirst: idsFirst(db, vocabulary) };

// Same answers first: a faster search that finds other things is no suggestion.
for (const q of queries) {
  const a = searches.current(q);
  const b = searches.idsFirst(q);
  const same = a.total === b.total && a.ids.join() === b.ids.join();
  console.log(`${same ? 'same results' : 'DIFFERENT'}  ${q}  total ${a.total}${same ? '' : ` vs ${b.total}; ids ${a.ids.slice(0, 5)} vs ${b.ids.slice(0, 5)}`}`);
}
const { samples, cpu } = timeRoundRobin(searches, queries, Number(values.runs), 3);
console.log(`\n${'query'.padEnd(40)} ${'current p50/p95'.padStart(18)} ${'idsFirst p50/p95'.padStart(18)}`);
for (const q of queries) {
  const f = (name: string) => {
    const s = samples.get(`${name}\t${q}`)!;
    return `${round(percentile(s, 50), 2)} / ${round(percentile(s, 95), 2)}`;
  };
  console.log(`${q.padEnd(40)} ${f('current').padStart(18)} ${f('idsFirst').padStart(18)}`);
}
for (const name of Object.keys(searches)) {
  const all = queries.flatMap((q) => samples.get(`${name}\t${q}`)!);
  console.log(`${name.padEnd(10)} all queries: p50 ${round(percentile(all, 50), 2)} ms, p95 ${round(percentile(all, 95), 2)} ms (CPU p95 ${round(percentile(cpu.get(name)!, 95), 2)} ms)`);
}
db.close();
