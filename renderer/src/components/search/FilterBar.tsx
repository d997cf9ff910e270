import type { SortOrder } from '../../../../electron/shared/contract.js';
import type { FacetCount, ItemKind, SearchFacets, TagInfo } from '../../../../electron/shared/dto.js';
import { formatDate, languageName } from '../../lib/format.js';
import type { Filters } from '../../lib/query.js';
import { useT } from '../../i18n/locale.js';

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
function facetOptions(values: readonly FacetCount[] | undefined, current: string | null, label: (v: string) => string, t: ReturnType<typeof useT>) {
  const list = [...(values ?? [])];
  if (current && !list.some((f) => f.value === current)) list.unshift({ value: current, count: 0 });
  return list.map((f) => (
    <option key={f.value} value={f.value}>
      {t('filter.option', { label: label(f.value), count: f.count })}
    </option>
  ));
}


/** Sort and filters (type, language, tag, date), with facet counts for the current query. */
export function FilterBar({ filters, sort, facets, tags, hasText, onFilters, onSort }: FilterBarProps) {
  const t = useT();
  const typeLabel = (v: string): string => (v === 'note' ? t('filter.notes') : v === 'article' ? t('filter.articles') : v);
  // 'und' is the core's value for items with no stated or detected language (search-plan.ts).
  const langLabel = (v: string): string => (v === 'und' ? t('filter.unknownLanguage') : languageName(v, t('lang.unknown')));
  const set = (patch: Partial<Filters>): void => onFilters({ ...filters, ...patch });
  const tagFacets = facets?.tag.length ? facets.tag : tags.map((t) => ({ value: t.path, count: t.count }));
  const custom = filters.after !== null || filters.before !== null;
  return (
    <div className="filter-bar">
      <div className="filter-row">
        <label className="filter sort">
          <span>{t('filter.sort')}</span>
          <select value={sort} onChange={(e) => onSort(e.target.value as SortOrder)}>
            {/* Without words nothing is ranked: the core lists the most recently added first. */}
            <option value="relevance">{hasText ? t('filter.relevance') : t('filter.recent')}</option>
            <option value="newest">{t('filter.newest')}</option>
            <option value="oldest">{t('filter.oldest')}</option>
          </select>
        </label>
        <label className="filter">
          <span>{t('filter.type')}</span>
          <select value={filters.type ?? ''} onChange={(e) => set({ type: (e.target.value || null) as ItemKind | null })}>
            <option value="">{t('filter.anyType')}</option>
            {facetOptions(facets?.type, filters.type, typeLabel, t)}
          </select>
        </label>
        <label className="filter">
          <span>{t('filter.language')}</span>
          <select value={filters.lang ?? ''} onChange={(e) => set({ lang: e.target.value || null })}>
            <option value="">{t('filter.anyLanguage')}</option>
            {facetOptions(facets?.lang, filters.lang, langLabel, t)}
          </select>
        </label>
        <label className="filter">
          <span>{t('filter.tag')}</span>
          <select value={filters.tag ?? ''} onChange={(e) => set({ tag: e.target.value || null })}>
            <option value="">{t('filter.anyTag')}</option>
            {facetOptions(tagFacets, filters.tag, (v) => v, t)}
          </select>
        </label>
        <label className="filter">
          <span title={t('filter.publishedTitle')}>{t('filter.published')}</span>
          <select
            value={custom ? 'custom' : (filters.year ?? '')}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'custom') set({ year: null, after: filters.after ?? '', before: filters.before ?? '' });
              else set({ year: v || null, after: null, before: null });
            }}
          >
            <option value="">{t('filter.anyYear')}</option>
            {facetOptions(facets?.year, filters.year, formatDate, t)}
            <option value="custom">{t('filter.customRange')}</option>
          </select>
        </label>
      </div>
      {custom && (
        <div className="filter-row date-range">
          <label className="filter">
            <span>{t('filter.from')}</span>
            <input type="date" value={filters.after ?? ''} onChange={(e) => set({ after: e.target.value })} />
          </label>
          <label className="filter">
            <span>{t('filter.before')}</span>
            <input type="date" value={filters.before ?? ''} onChange={(e) => set({ before: e.target.value })} />
          </label>
        </div>
      )}
    </div>
  );
}
