// The search statements' query plans: the match runs once for the total and the facets, which read
// the ids it stored and the covering index, never the rows; ranking never sorts rows with their
// text. EXPLAINs exactly the SQL runSearch runs (search-plan.ts composes it).
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { SortOrder } from '../../../electron/shared/contract.js';
import { prepareQuery } from '../../../electron/core/search/run-search.js';
import { createMatchesTable, planSearch, searchSql, type SearchStatement } from '../../../electron/core/search/search-plan.js';
import { createVocabulary } from '../../../electron/core/search/vocabulary.js';
import { openDatabase } from '../../../electron/core/storage/database.js';
import { tempDir } from '../../support/paths.js';

const db = openDatabase(path.join(tempDir(), 'k.sqlite'));
db.exec(createMatchesTable);
const vocabulary = createVocabulary(db);
afterAll(() => db.close());

const queries = ['word', 'two words', '"a phrase"', 'prefix*', 'word tag:sport', 'word -tag:sport tag:a/b', 'word lang:ar type:note',
  'word after:2019 before:2020', 'word in:notes', 'word -other', '-other', 'tag:sport', ''];
const sorts: SortOrder[] = ['relevance', 'newest', 'oldest'];

function sqlOf(query: string, statement: SearchStatement) {
  const { analysed, filters } = prepareQuery(query, vocabulary);
  return searchSql(planSearch(analysed, filters), statement);
}

/** EXPLAIN QUERY PLAN's lines. */
function queryPlan({ sql, params }: { sql: string; params: unknown[] }): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
}

/** Names of the columns of table `items` the statement's bytecode reads. */
function itemsColumnsRead({ sql, params }: { sql: string; params: unknown[] }): Set<string> {
  const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'items'").pluck().get() as number;
  const names = db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('items') as string[];
  const program = db.prepare(`EXPLAIN ${sql}`).all(...params) as Array<{ opcode: string; p1: number; p2: number }>;
  const cursors = new Set(program.filter((op) => op.opcode === 'OpenRead' && op.p2 === root).map((op) => op.p1));
  return new Set(program.filter((op) => op.opcode === 'Column' && cursors.has(op.p1)).map((op) => names[op.p2]!));
}

describe('search query plans', () => {
  it.each(queries)('%j is matched once: its ids are collected through the index, the facets read them', (query) => {
    const collect = sqlOf(query, { kind: 'collect' });
    expect(queryPlan(collect).filter((line) => /items_fts VIRTUAL TABLE/.test(line)).length, collect.sql).toBeLessThanOrEqual(1);
    for (const text of ['title', 'text', 'html']) expect(itemsColumnsRead(collect).has(text)).toBe(false);
    // The stored ids come first, each item is looked up: never a scan of every item or tag.
    const meta = queryPlan(sqlOf(query, { kind: 'facet', facet: 'meta' }));
    const tag = sqlOf(query, { kind: 'facet', facet: 'tag' });
    const tagPlan = queryPlan(tag);
    // (`SCAN i` alone reads the groups, not items.)
    expect(meta.filter((line) => /^(SCAN|SEARCH) (m|i)( |$)/.test(line) && line !== 'SCAN i'), meta.join(' | ')).toEqual(['SCAN m', 'SEARCH i USING COVERING INDEX items_meta (id=?)']);
    expect(tagPlan.filter((line) => /^(SCAN|SEARCH) /.test(line)).slice(0, 2), tagPlan.join(' | ')).toEqual(['SCAN m', 'SEARCH it USING PRIMARY KEY (item_id=?)']);
    const broad = queryPlan(sqlOf(query, { kind: 'facet', facet: 'tag', broad: true }));
    expect(broad.filter((line) => /^(SCAN|SEARCH) /.test(line)).slice(0, 2), broad.join(' | ')).toEqual(['SCAN it USING COVERING INDEX item_tags_tag', 'SEARCH m USING INTEGER PRIMARY KEY (rowid=?)']);
    for (const plan of [meta, tagPlan, broad]) expect(plan.join(' | ')).not.toMatch(/_fts|TEMP B-TREE FOR ORDER BY.*TEMP B-TREE FOR ORDER BY/);
    expect(itemsColumnsRead(tag).size).toBe(0);
  });

  it.each(queries)('with filters, %j reads the items it matches from the covering index, never the table', (query) => {
    for (const statement of [{ kind: 'count' }, { kind: 'collect' }, { kind: 'page', sort: 'relevance', limit: 50, offset: 0 }] as const) {
      const sql = sqlOf(query, statement);
      if (!/_fts JOIN items/.test(sql.sql)) continue;
      const plan = queryPlan(sql);
      expect(plan.filter((line) => /^(SCAN|SEARCH) i /.test(line)).every((line) => /COVERING INDEX items_meta/.test(line)), plan.join(' | ')).toBe(true);
    }
  });

  it.each(queries)('the count and the ranked page of %j never read the text of items', (query) => {
    const statements: SearchStatement[] = [{ kind: 'count' }, ...sorts.map((sort) => ({ kind: 'page' as const, sort, limit: 50, offset: 0 }))];
    for (const statement of statements) {
      const read = itemsColumnsRead(sqlOf(query, statement));
      for (const text of ['title', 'text', 'html']) expect(read.has(text), `${JSON.stringify(statement)} reads ${text}`).toBe(false);
    }
  });

  it('without filters, counting and ranking by relevance touch the index only', () => {
    for (const statement of [{ kind: 'count' }, { kind: 'page', sort: 'relevance', limit: 50, offset: 0 }] as const) {
      const plan = queryPlan(sqlOf('two words', statement));
      expect(plan.filter((line) => /^(SCAN|SEARCH) /.test(line))).toEqual([expect.stringMatching(/^SCAN items_fts VIRTUAL TABLE/)]);
    }
  });

  it('with words and only tag filters, counting, collecting and ranking read the index and the taggings, not items', () => {
    for (const query of ['word tag:sport', 'word -tag:sport tag:a/b']) {
      for (const statement of [{ kind: 'count' }, { kind: 'collect' }, { kind: 'page', sort: 'relevance', limit: 50, offset: 0 }] as const) {
        const plan = queryPlan(sqlOf(query, statement));
        expect(plan[0], plan.join(' | ')).toMatch(/^SCAN items_fts VIRTUAL TABLE/);
        expect(plan.filter((line) => /^(SCAN|SEARCH) i /.test(line)), plan.join(' | ')).toEqual([]);
        expect(plan.some((line) => /^SEARCH it (EXISTS )?USING PRIMARY KEY/.test(line)), plan.join(' | ')).toBe(true);
      }
    }
  });

  it('the checks can fail: sorting full rows reads the text, a plain join skips the covering index', () => {
    const ranked = sqlOf('word lang:ar', { kind: 'page', sort: 'relevance', limit: 50, offset: 0 });
    expect(itemsColumnsRead({ ...ranked, sql: ranked.sql.replace('SELECT i.id AS id,', 'SELECT i.id AS id, i.text,') }).has('text')).toBe(true);
    const facet = sqlOf('word', { kind: 'facet', facet: 'meta' });
    expect(queryPlan({ ...facet, sql: facet.sql.replace(' CROSS JOIN ', ' JOIN ') }).join('\n')).toMatch(/^SCAN i USING COVERING INDEX items_meta$/m);
    const filtered = sqlOf('word lang:ar', { kind: 'count' });
    expect(queryPlan({ ...filtered, sql: filtered.sql.replace(' INDEXED BY items_meta', '') }).join('\n')).toMatch(/SEARCH i USING INTEGER PRIMARY KEY/);
  });
});
