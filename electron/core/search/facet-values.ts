// How facet values are listed (no database here: the worker client merges split searches with it).
import type { FacetCount, SearchFacets } from '../../shared/dto.js';

/** The facets counted per kind, language and year together (the `meta` facet statement), beside `tag`. */
export const metaFacets = ['type', 'lang', 'year'] as const satisfies ReadonlyArray<Exclude<keyof SearchFacets, 'tag'>>;

/** SQLite's BINARY order of text (UTF-8 bytes, i.e. code points), which the facets' SQL sorted by. */
export function binaryOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** SQLite's NOCASE order (ASCII letters folded, then bytes), which tag paths sort by. */
export function nocaseOrder(a: string, b: string): number {
  const fold = (s: string) => s.replace(/[A-Z]/gu, (c) => c.toLowerCase());
  return binaryOrder(fold(a), fold(b));
}

/** A facet's counts as its SQL listed them: most first, then by value (`order`). */
export function sortedValues(counts: Map<string, number>, order: (a: string, b: string) => number = binaryOrder): FacetCount[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || order(a.value, b.value));
}

/** The first 100 of sortedValues: what a facet shows. */
export function topValues(counts: Map<string, number>, order: (a: string, b: string) => number = binaryOrder): FacetCount[] {
  return sortedValues(counts, order).slice(0, 100);
}
