// The parts of a split search (search-parts.ts) added up into one first page, exactly as one
// connection lists it. No database here: the worker client merges what its readers send.
import type { FacetCount, SearchFacets } from '../../shared/dto.js';
import { metaFacets, nocaseOrder, topValues } from './facet-values.js';

/** Matches (estimated) from which a first page is split: below, one reader answers it (41 ms of CPU for 18,000 at 100k). */
export const splitAbove = 30_000;

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

/** A split search's total, facets and page (ids and scores), merged. */
export interface Merged {
  total: number;
  facets: SearchFacets;
  page: Array<{ id: number; score: number }>;
}

/**
 * Adds up the parts: the total, the facets cut as one search cuts them (tags by count, then by
 * path as SQLite's NOCASE orders them; the others by count, then value), the page by score, then id descending.
 */
export function mergeParts(parts: SearchPart[], page: { limit: number; offset: number }): Merged {
  const tags = new Map<string, number>();
  const meta = Object.fromEntries(metaFacets.map((facet) => [facet, new Map<string, number>()])) as Record<(typeof metaFacets)[number], Map<string, number>>;
  for (const part of parts) {
    for (const { value, count } of part.tags) tags.set(value, (tags.get(value) ?? 0) + count);
    for (const facet of metaFacets) for (const [value, count] of part.meta[facet]) meta[facet].set(value, (meta[facet].get(value) ?? 0) + count);
  }
  const hits = parts
    .flatMap((part) => part.page)
    .sort((a, b) => a.score - b.score || b.id - a.id)
    .slice(page.offset, page.offset + page.limit);
  return {
    total: parts.reduce((n, part) => n + part.total, 0),
    facets: { tag: topValues(tags, nocaseOrder), type: topValues(meta.type), lang: topValues(meta.lang), year: topValues(meta.year) },
    page: hits,
  };
}
