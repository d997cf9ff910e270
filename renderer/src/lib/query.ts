// The filters the UI offers, written into the query language the core parses (DESIGN §4).
import type { ItemKind } from '../../../electron/shared/dto.js';

export interface Filters {
  tag: string | null;
  type: ItemKind | null;
  lang: string | null;
  year: string | null;
  /** yyyy-mm-dd, from a custom date range. */
  after: string | null;
  before: string | null;
}

export const noFilters: Filters = { tag: null, type: null, lang: null, year: null, after: null, before: null };

/** True when any filter is set. */
export function hasFilters(filters: Filters): boolean {
  return Object.values(filters).some((v) => v !== null);
}

/** A field value as the query language expects it: quoted when it holds spaces or quotes. */
function fieldValue(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/** The user's words plus the filters as `field:value` terms. */
export function composeQuery(text: string, filters: Filters): string {
  const parts = [text.trim()];
  if (filters.tag) parts.push(`tag:${fieldValue(filters.tag)}`);
  if (filters.type) parts.push(`type:${filters.type}`);
  if (filters.lang) parts.push(`lang:${fieldValue(filters.lang)}`);
  if (filters.year) {
    // A year is [Jan 1, next Jan 1): after: is inclusive, before: exclusive.
    parts.push(`after:${filters.year}-01-01`, `before:${Number(filters.year) + 1}-01-01`);
  }
  if (filters.after) parts.push(`after:${filters.after}`);
  if (filters.before) parts.push(`before:${filters.before}`);
  return parts.filter(Boolean).join(' ');
}
