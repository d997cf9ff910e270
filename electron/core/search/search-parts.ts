// A broad first page split by id range across reader threads and merged exactly (issue 14): bm25
// uses the whole index's statistics, so a match's scores do not depend on the range; totals and
// facet counts add up; the pages merge by (score, id DESC) as the SQL orders them. The per-row
// cost of ranking (~1 µs per match) is what a common word pays: two readers halve it on 2 cores.
import type { SearchOptions } from './run-search.js';
import type { FacetCount, SearchFacets, SearchResult } from '../../shared/dto.js';
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';
import { collectAndRank, metaFacetCounts, prepareQuery, searchResult, type MetaSums } from './run-search.js';
import { metaFacets, planSearch, searchSql, type SearchPlan } from './search-plan.js';
import type { Vocabulary } from './vocabulary.js';

/** Matches (estimated) from which a first page is split: below, one reader answers it (41 ms of CPU for 18,000 at 100k). */
export const splitAbove = 30_000;
/** Ids sampled to estimate the matches: the newest ones (FTS5 seeks to them; ~1 ms at 100k). */
const sampleIds = 4_000;

/** Ids of one part, both ends included. */
export interface IdRange {
  from: number;
  to: number;
}

/** What one part of a split search sends back: its total, every facet value's count, its best hits. */
export interface SearchPart {
  total: number;
  tags: FacetCount[];
  meta: Record<(typeof metaFacets)[number], Array<[string, number]>>;
  page: Array<{ id: number; score: number }>;
}

/** Whether a search can be split: ranked by relevance with words, facets asked, no typo tier (it orders before the score). */
function splittable(plan: SearchPlan, options: SearchOptions): boolean {
  return options.facets && options.sort === 'relevance' && plan.match !== null && plan.strict === null;
}

/**
 * The id ranges to split `options`' search into (`parts` of equal id spans), or null when one
 * reader should answer it: not splittable, or fewer than `above` matches estimated from a sample.
 */
export function splitSearch(db: Db, vocabulary: Vocabulary, options: SearchOptions, parts: number, above = splitAbove): IdRange[] | null {
  const { analysed, filters } = prepareQuery(options.query, vocabulary);
  const plan = planSearch(analysed, filters);
  const maxId = (statement(db, 'SELECT max(id) FROM items').pluck().get() as number | null) ?? 0;
  if (!splittable(plan, options) || parts < 2 || maxId < parts) return null;
  const sample = Math.min(maxId, sampleIds);
  const count = searchSql({ ...plan, range: { from: maxId - sample + 1, to: maxId } }, { kind: 'count' });
  const estimate = ((statement(db, count.sql).pluck().get(...count.params) as number) * maxId) / sample;
  if (estimate < above) return null;
  const span = Math.ceil(maxId / parts);
  return Array.from({ length: parts }, (_, k) => ({ from: k * span + 1, to: k === parts - 1 ? maxId : (k + 1) * span }));
}

/** One part of a split search: the matches with ids in `range`, every facet value counted, its first offset + limit hits. */
export function searchPart(db: Db, vocabulary: Vocabulary, options: SearchOptions, range: IdRange): SearchPart {
  const { analysed, filters } = prepareQuery(options.query, vocabulary);
  const plan = { ...planSearch(analysed, filters), range };
  const collected = collectAndRank(db, plan, { sort: options.sort, limit: options.offset + options.limit, offset: 0 }, true);
  const meta = Object.fromEntries(metaFacets.map((facet) => [facet, [...collected.meta[facet]]])) as SearchPart['meta'];
  return { total: collected.total, tags: collected.tags, meta, page: collected.page };
}

/** SQLite's NOCASE order (ASCII letters folded, then bytes), which tag paths sort by. */
function nocaseOrder(a: string, b: string): number {
  const fold = (s: string) => Buffer.from(s.replace(/[A-Z]/gu, (c) => c.toLowerCase()));
  return Buffer.compare(fold(a), fold(b));
}

/** The parts of a split search added up: the total, the facets cut as one search cuts them, the page. */
export function mergeParts(parts: SearchPart[], options: SearchOptions): { total: number; facets: SearchFacets; page: Array<{ id: number; score: number }> } {
  const tags = new Map<string, number>();
  const meta = Object.fromEntries(metaFacets.map((facet) => [facet, new Map<string, number>()])) as MetaSums;
  for (const part of parts) {
    for (const { value, count } of part.tags) tags.set(value, (tags.get(value) ?? 0) + count);
    for (const facet of metaFacets) for (const [value, count] of part.meta[facet]) meta[facet].set(value, (meta[facet].get(value) ?? 0) + count);
  }
  const tag = [...tags]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || nocaseOrder(a.value, b.value))
    .slice(0, 100);
  const page = parts
    .flatMap((part) => part.page)
    .sort((a, b) => a.score - b.score || b.id - a.id)
    .slice(options.offset, options.offset + options.limit);
  return { total: parts.reduce((n, part) => n + part.total, 0), facets: { tag, ...metaFacetCounts(meta) }, page };
}

/** The result of a split search from its merged parts: the page's hits and snippets, on one connection. */
export function mergedResult(db: Db, vocabulary: Vocabulary, options: SearchOptions, merged: ReturnType<typeof mergeParts>): SearchResult {
  return searchResult(db, vocabulary, options.query, prepareQuery(options.query, vocabulary), merged.total, merged.page, merged.facets);
}
