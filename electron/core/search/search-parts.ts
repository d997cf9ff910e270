// A broad first page split by id range across reader threads and merged exactly (issue 14): bm25
// uses the whole index's statistics, so a match's scores do not depend on the range; totals and
// facet counts add up; the pages merge by (score, id DESC) as the SQL orders them. The per-row
// cost of ranking (~1 µs per match) is what a common word pays: two readers halve it on 2 cores.
import type { SearchResult } from '../../shared/dto.js';
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';
import { metaFacets } from './facet-values.js';
import { splitAbove, type IdRange, type Merged, type SearchPart } from './merge-parts.js';
import { collectAndRank, prepareQuery, searchResult, type SearchOptions } from './run-search.js';
import { planSearch, searchSql, type SearchPlan } from './search-plan.js';
import type { Vocabulary } from './vocabulary.js';

/** Ids sampled to estimate the matches: the newest ones (FTS5 seeks to them; ~1 ms at 100k). */
const sampleIds = 4_000;

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

/** The result of a split search from its merged parts: the page's hits and snippets, on one connection. */
export function mergedResult(db: Db, vocabulary: Vocabulary, options: SearchOptions, merged: Merged): SearchResult {
  return searchResult(db, vocabulary, options.query, prepareQuery(options.query, vocabulary), merged.total, merged.page, merged.facets);
}

/** A step of a split search, as the worker client asks a reader thread for it (protocol.ts). */
export type SplitRequest =
  | { step: 'plan'; options: SearchOptions; parts: number; above: number }
  | { step: 'part'; options: SearchOptions; range: IdRange }
  | { step: 'result'; options: SearchOptions; merged: Merged };

/** Answers one step of a split search on a reader's connection. */
export function splitStep(db: Db, vocabulary: Vocabulary, request: SplitRequest): IdRange[] | null | SearchPart | SearchResult {
  switch (request.step) {
    case 'plan':
      return splitSearch(db, vocabulary, request.options, request.parts, request.above);
    case 'part':
      return searchPart(db, vocabulary, request.options, request.range);
    case 'result':
      return mergedResult(db, vocabulary, request.options, request.merged);
  }
}
