import type { SortOrder } from '../../../../electron/shared/contract.js';
import type { FacetCount, ItemKind, SearchFacets, TagInfo } from '../../../../electron/shared/dto.js';
import { formatCount, languageName } from '../../lib/format.js';
import type { Filters } from '../../lib/query.js';

interface FilterBarProps {
  filters: Filters;
  sort: SortOrder;
  facets: SearchFacets | null;
  tags: readonly TagInfo[];
  hasText: boolean;
  onFilters(filters: Filters): void;
  onSort(sort: SortOrder): void;
}

/** Options for a facet select: the facet's values with counts, plus the current value if absent. */
function facetOptions(values: readonly FacetCount[] | undefined, current: string | null, label: (v: string) => string) {
  const list = [...(values ?? [])];
  if (current && !list.some((f) => f.value === current)) list.unshift({ value: current, count: 0 });
  return list.map((f) => (
    <option key={f.value} value={f.value}>
      {label(f.value)} ({formatCount(f.count)})
    </option>
  ));
}

// 'und' is the core's value for items with no stated or detected language (search-plan.ts).
const langLabel = (v: string): string => (v === 'und' ? 'Unknown language' : languageName(v));
const typeLabel = (v: string): string => (v === 'note' ? 'Notes' : v === 'article' ? 'Articles' : v);

/** Sort and filters (type, language, tag, date), with facet counts for the current query. */
export function FilterBar({ filters, sort, facets, tags, hasText, onFilters, onSort }: FilterBarProps) {
  const set = (patch: Partial<Filters>): void => onFilters({ ...filters, ...patch });
  const tagFacets = facets?.tag.length ? facets.tag : tags.map((t) => ({ value: t.path, count: t.count }));
  const custom = filters.after !== null || filters.before !== null;
  return (
    <div className="filter-bar">
      <div className="filter-row">
        <label className="filter sort">
          <span>Sort</span>
          <select value={sort} onChange={(e) => onSort(e.target.value as SortOrder)}>
            {/* Without words nothing is ranked: the core lists the most recently added first. */}
            <option value="relevance">{hasText ? 'Relevance' : 'Recently added'}</option>
            <option value="newest">Newest published</option>
            <option value="oldest">Oldest published</option>
          </select>
        </label>
        <label className="filter">
          <span>Type</span>
          <select value={filters.type ?? ''} onChange={(e) => set({ type: (e.target.value || null) as ItemKind | null })}>
            <option value="">Any type</option>
            {facetOptions(facets?.type, filters.type, typeLabel)}
          </select>
        </label>
        <label className="filter">
          <span>Language</span>
          <select value={filters.lang ?? ''} onChange={(e) => set({ lang: e.target.value || null })}>
            <option value="">Any language</option>
            {facetOptions(facets?.lang, filters.lang, langLabel)}
          </select>
        </label>
        <label className="filter">
          <span>Tag</span>
          <select value={filters.tag ?? ''} onChange={(e) => set({ tag: e.target.value || null })}>
            <option value="">Any tag</option>
            {facetOptions(tagFacets, filters.tag, (v) => v)}
          </select>
        </label>
        <label className="filter">
          <span title="The date the source was published; items without one are left out">Published</span>
          <select
            value={custom ? 'custom' : (filters.year ?? '')}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'custom') set({ year: null, after: filters.after ?? '', before: filters.before ?? '' });
              else set({ year: v || null, after: null, before: null });
            }}
          >
            <option value="">Any year</option>
            {facetOptions(facets?.year, filters.year, (v) => v)}
            <option value="custom">Custom range…</option>
          </select>
        </label>
      </div>
      {custom && (
        <div className="filter-row date-range">
          <label className="filter">
            <span>Published from</span>
            <input type="date" value={filters.after ?? ''} onChange={(e) => set({ after: e.target.value })} />
          </label>
          <label className="filter">
            <span>Before</span>
            <input type="date" value={filters.before ?? ''} onChange={(e) => set({ before: e.target.value })} />
          </label>
        </div>
      )}
    </div>
  );
}
