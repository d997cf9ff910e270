// Runs a query: FTS5 for matching and BM25 ranking, SQL for filters, JS for snippets (DESIGN §4).
import type { FacetCount, SearchFacets, SearchHit, SearchNotice, SearchResult } from '../../shared/dto.js';
import type { SortOrder } from '../../shared/contract.js';
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';
import { tagsOfItem } from '../storage/tags.js';
import { highlightSpans, makeSnippet, type Snippet } from './highlight.js';
import { annotationSearchText } from '../storage/annotation-text.js';
import { resolveAnchor } from '../../shared/annotation-anchor.js';
import { analyseQuery, type AnalysedQuery, type MatchTerm } from './match-terms.js';
import { parseQuery, type QueryFilters } from './parse-query.js';
import { createMatchesTable, createUnmatchedTable, matchesTable, metaFacets, planSearch, searchSql, unmatchedTable, type SearchPlan } from './search-plan.js';
import type { Vocabulary } from './vocabulary.js';
import { currentLiveGroups, settleLiveGroups, type GroupRow } from './live-groups.js';

export interface SearchOptions {
  query: string;
  limit: number;
  offset: number;
  sort: SortOrder;
  facets: boolean;
}

interface HitRow {
  id: number;
  uid: string;
  kind: 'article' | 'note';
  title: string;
  text: string;
  lang: string | null;
  dir: 'ltr' | 'rtl';
  parent_id: number | null;
  imported_at: string;
  published_at: string | null;
  page_starts: string | null;
  score: number;
}

function pageOf(pageStarts: string | null, offset: number): number | null {
  if (!pageStarts) return null;
  const starts = JSON.parse(pageStarts) as number[];
  let page = 0;
  while (page + 1 < starts.length && starts[page + 1]! <= offset) page++;
  return page + 1;
}

/**
 * A note's Markdown with its syntax marks (headings, emphasis, quotes, bullets, code ticks, links to items) turned
 * into spaces: same length, so offsets still point into the note, and the snippet reads as text.
 */
function maskMarkdown(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return text
    // A link to an item or note reads as its label (shared/note-links.ts): the brackets and the address go.
    .replace(/\[((?:\\.|[^\\[\]\n])*)\]\(khizana:(?:annotation\/)?[0-9a-fA-F-]{36}\)/gu, (m, label: string) => ` ${label}${' '.repeat(m.length - label.length - 1)}`)
    .replace(/^[ \t]*(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)/gmu, blank)
    .replace(/(\*\*|__|~~|`+)/gu, blank)
    .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,;:!?،]|$)/gmu, (m) => ' '.repeat(m.length));
}

/**
 * The item's annotation that best matches `terms` (most matches; the first in the text among
 * equals), as a snippet of its passage and comment; with no terms, its first annotation. Null when
 * none matches.
 */
function annotationSnippet(db: Db, row: HitRow, terms: MatchTerm[]): { snippet: Snippet; uid: string; page: number | null } | null {
  const annotations = statement(db, 'SELECT uid, exact, prefix, suffix, start_offset, end_offset, comment FROM annotations WHERE item_id = ? AND deleted_at IS NULL ORDER BY start_offset, id')
    .all(row.id) as Array<{ uid: string; exact: string; prefix: string; suffix: string; start_offset: number; end_offset: number; comment: string }>;
  let best: { text: string; uid: string; count: number; start: number } | null = null;
  for (const a of annotations) {
    const text = annotationSearchText(a.exact, a.comment);
    const count = terms.length === 0 ? 0 : highlightSpans(text, terms).length;
    if ((terms.length === 0 || count > 0) && (best === null || count > best.count)) best = { text, uid: a.uid, count, start: a.start_offset };
    if (terms.length === 0) break;
  }
  if (best === null) return null;
  const a = annotations.find((x) => x.uid === best.uid)!;
  const place = resolveAnchor(row.text, { exact: a.exact, prefix: a.prefix, suffix: a.suffix, start: a.start_offset, end: a.end_offset });
  return { snippet: makeSnippet(maskMarkdown(best.text), terms), uid: best.uid, page: pageOf(row.page_starts, place?.start ?? best.start) };
}

function toHit(db: Db, row: HitRow, terms: MatchTerm[], inAnnotations: boolean): SearchHit {
  let snippet = makeSnippet(row.kind === 'note' ? maskMarkdown(row.text) : row.text, terms);
  let annotation: { uid: string; page: number | null } | null = null;
  // A hit in an annotation shows that annotation: always with in:annotations, and otherwise when
  // the words are not in the text itself (they are in a comment).
  if (row.kind === 'article' && (inAnnotations || (snippet.highlights.length === 0 && terms.length > 0))) {
    const found = annotationSnippet(db, row, terms);
    if (found) {
      snippet = found.snippet;
      annotation = { uid: found.uid, page: found.page };
    }
  }
  const hit: SearchHit = {
    id: row.id,
    uid: row.uid,
    kind: row.kind,
    title: row.title,
    titleHighlights: highlightSpans(row.title, terms),
    snippet: snippet.snippet,
    highlights: snippet.highlights,
    score: Math.round(-row.score * 1000) / 1000,
    tags: tagsOfItem(db, row.id),
    lang: row.lang,
    dir: row.dir,
    parentId: row.parent_id,
    importedAt: row.imported_at,
    publishedAt: row.published_at,
    page: annotation ? annotation.page : pageOf(row.page_starts, snippet.start),
  };
  if (annotation) hit.annotation = annotation.uid;
  return hit;
}

/** SQLite's BINARY order of text (UTF-8 bytes, i.e. code points), which the facets' SQL sorted by. */
function binaryOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** SQLite's NOCASE order (ASCII letters folded, then bytes), which tag paths sort by. */
function nocaseOrder(a: string, b: string): number {
  const fold = (s: string) => s.replace(/[A-Z]/gu, (c) => c.toLowerCase());
  return binaryOrder(fold(a), fold(b));
}

/** A facet's counts as its SQL listed them: most first, then by value (`order`); the first 100. */
function topValues(counts: Map<string, number>, order: (a: string, b: string) => number = binaryOrder): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || order(a.value, b.value))
    .slice(0, 100);
}

type MetaRow = Record<(typeof metaFacets)[number], string | null> & { count: number };

/**
 * Items per value of each of `columns`, from rows of counts: `add` counted, `subtract` taken off;
 * values left at 0 dropped. Every value, not yet cut at 100.
 */
function facetSums<C extends string>(columns: readonly C[], add: Array<Record<C, string | null> & { count: number }>, subtract: Array<Record<C, string | null> & { count: number }>): Record<C, Map<string, number>> {
  const sums = Object.fromEntries(columns.map((column) => [column, new Map<string, number>()])) as Record<C, Map<string, number>>;
  for (const [rows, sign] of [[add, 1], [subtract, -1]] as const) {
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column];
        if (value !== null) sums[column].set(value, (sums[column].get(value) ?? 0) + sign * row.count);
      }
    }
  }
  for (const column of columns) for (const [value, count] of sums[column]) if (count <= 0) sums[column].delete(value);
  return sums;
}

/**
 * The total, the facets and the ranked page from one run of the match: its ids and scores are
 * stored in a TEMP table of this connection, then the tags are counted from it, the type, language
 * and year in one pass, and the page is ranked from it.
 */
function collectAndRank(db: Db, plan: SearchPlan, page: { sort: SortOrder; limit: number; offset: number }): { total: number; facets: SearchFacets; page: Array<{ id: number; score: number }> } {
  const live = currentLiveGroups(db); // before this search writes to its TEMP table
  statement(db, createMatchesTable).run();
  statement(db, `DELETE FROM ${matchesTable}`).run();
  try {
    const collect = searchSql(plan, { kind: 'collect' });
    const total = statement(db, collect.sql).run(...collect.params).changes;
    // Ids are never reused, so max(id) bounds the number of items.
    const items = (statement(db, 'SELECT max(id) FROM items').pluck().get() as number | null) ?? 0;
    let tags: FacetCount[];
    let meta: Record<(typeof metaFacets)[number], Map<string, number>>;
    if (total * 2 > items) {
      // Most items match: every live item's counts (counted once per change of the archive) minus
      // those of the few unmatched items, stored once (tag and meta facets: 24 → 13 ms for في at 100k).
      statement(db, createUnmatchedTable).run();
      statement(db, `DELETE FROM ${unmatchedTable}`).run();
      const unmatched = searchSql(plan, { kind: 'collect-unmatched' });
      statement(db, unmatched.sql).run(...unmatched.params);
      const counts = (facet: 'tag' | 'meta', over: 'all' | 'unmatched') => {
        const { sql, params } = searchSql(plan, { kind: 'facet', facet, over });
        return statement(db, sql).all(...params) as GroupRow[];
      };
      const everyTag = live.get('tag') ?? counts('tag', 'all');
      const everyGroup = live.get('meta') ?? counts('meta', 'all');
      live.set('tag', everyTag);
      live.set('meta', everyGroup);
      tags = topValues(facetSums(['value'], everyTag as unknown as FacetCount[], counts('tag', 'unmatched') as unknown as FacetCount[]).value, nocaseOrder);
      meta = facetSums(metaFacets, everyGroup as MetaRow[], counts('meta', 'unmatched') as MetaRow[]);
      statement(db, `DELETE FROM ${unmatchedTable}`).run();
    } else {
      // Broad when the matches are over a third of the items.
      tags = statement(db, searchSql(plan, { kind: 'facet', facet: 'tag', broad: total * 3 > items }).sql).all() as FacetCount[];
      meta = facetSums(metaFacets, statement(db, searchSql(plan, { kind: 'facet', facet: 'meta' }).sql).all() as MetaRow[], []);
    }
    // Without words nothing is ranked: the page walks the items in date order and stops after it
    // (sorting every stored match instead cost 40 → 46 ms for tag:sport's 10,000 items at 100k).
    const ranked = searchSql(plan, { kind: plan.match === null ? 'page' : 'collected-page', ...page });
    const rows = total === 0 ? [] : (statement(db, ranked.sql).all(...ranked.params) as Array<{ id: number; score: number }>);
    return { total, facets: { tag: tags, type: topValues(meta.type), lang: topValues(meta.lang), year: topValues(meta.year) }, page: rows };
  } finally {
    statement(db, `DELETE FROM ${matchesTable}`).run();
    settleLiveGroups(db, live);
  }
}

function countMatches(db: Db, plan: SearchPlan): number {
  const { sql, params } = searchSql(plan, { kind: 'count' });
  return statement(db, sql).pluck().get(...params) as number;
}

/** Every positive term of a query (what highlighting marks). */
export function positiveTerms(analysed: AnalysedQuery): MatchTerm[] {
  return analysed.groups.flat();
}

/** Expands `word~` terms to archive words through the vocabulary. */
function expandFuzzyTerms(analysed: AnalysedQuery, vocabulary: Vocabulary): void {
  for (const term of [...analysed.groups.flat(), ...analysed.negated]) {
    if (term.mode === 'fuzzy' && term.words.length > 0) term.expansions = vocabulary.expand(term.words.at(-1)!.exact);
  }
}

/**
 * Most words a prefix stands for. FTS5 reads every word of a prefix: at 30,000 Arabic articles
 * `ا*` is 54,000 words in every article (5 s with facets); its 50 most frequent words find 99 %
 * of the same articles in a tenth of the time. Most prefixes people type (اقتصا*: 32) are below.
 */
export const maxPrefixWords = 50;

/** Limits each prefix with more than maxPrefixWords archive words to its most frequent ones; says which. */
function limitBroadPrefixes(analysed: AnalysedQuery, vocabulary: Vocabulary): SearchNotice[] {
  const notices: SearchNotice[] = [];
  for (const term of [...analysed.groups.flat(), ...analysed.negated]) {
    if (term.mode !== 'prefix' || term.words.length === 0) continue;
    const prefix = term.words.at(-1)!.exact;
    const limit = vocabulary.limitPrefix(prefix, maxPrefixWords);
    if (!limit) continue;
    term.prefixWords = limit.words;
    const typed = `${prefix}*`;
    if (!notices.some((n) => n.term === typed)) notices.push({ code: 'prefix-limited', term: typed, kept: limit.words.length, of: limit.of });
  }
  return notices;
}

/** Analyses a query string, fuzzy terms expanded and broad prefixes limited: shared by search and highlighting. */
export function prepareQuery(query: string, vocabulary: Vocabulary): { analysed: AnalysedQuery; filters: QueryFilters; notices: SearchNotice[] } {
  const parsed = parseQuery(query);
  const analysed = analyseQuery(parsed);
  expandFuzzyTerms(analysed, vocabulary);
  const notices = limitBroadPrefixes(analysed, vocabulary);
  return { analysed, filters: parsed.filters, notices };
}

/** Runs a search; never throws for any query text. */
export function runSearch(db: Db, vocabulary: Vocabulary, options: SearchOptions): SearchResult {
  const prepared = prepareQuery(options.query, vocabulary);
  const plan = planSearch(prepared.analysed, prepared.filters);
  // With facets, the match runs once for the total, every facet and the page (collectAndRank).
  if (options.facets) {
    const counted = collectAndRank(db, plan, options);
    return searchResult(db, vocabulary, options.query, prepared, counted.total, counted.page, counted.facets);
  }
  const total = countMatches(db, plan);
  // Rank ids first, then load the page's rows (see searchSql).
  const ranked = searchSql(plan, { kind: 'page', sort: options.sort, limit: options.limit, offset: options.offset });
  const page = total === 0 ? [] : (statement(db, ranked.sql).all(...ranked.params) as Array<{ id: number; score: number }>);
  return searchResult(db, vocabulary, options.query, prepared, total, page, null);
}

/** A search's result from its total, its ranked page's ids and scores and its facets: the hits with their snippets. */
function searchResult(
  db: Db,
  vocabulary: Vocabulary,
  query: string,
  { analysed, filters, notices }: ReturnType<typeof prepareQuery>,
  total: number,
  page: Array<{ id: number; score: number }>,
  facets: SearchFacets | null,
): SearchResult {
  const loadRow = statement(db, 
    'SELECT i.id, i.uid, i.kind, i.title, i.text, i.lang, i.dir, i.parent_id, i.imported_at, i.published_at, i.page_starts FROM items i WHERE i.id = ?',
  );
  const rows = page.map(({ id, score }) => ({ ...(loadRow.get(id) as Omit<HitRow, 'score'>), score }));
  const terms = positiveTerms(analysed);
  const result: SearchResult = { total, hits: rows.map((row) => toHit(db, row, terms, filters.inAnnotations === true)) };
  if (facets) result.facets = facets;
  if (notices.length > 0) result.notices = notices;
  if (total === 0 && terms.length > 0) {
    const suggestion = suggestQuery(db, vocabulary, query);
    if (suggestion) result.didYouMean = suggestion;
  }
  return result;
}

/** A query with unknown words replaced by close archive words, if that query finds something. */
function suggestQuery(db: Db, vocabulary: Vocabulary, query: string): string | null {
  const parsed = parseQuery(query);
  let suggestion = query;
  let changed = false;
  for (const clause of parsed.groups.flat().slice(0, 8)) {
    if (clause.phrase || clause.mode !== 'stem' || clause.text.includes(' ')) continue;
    const analysed = analyseQuery({ groups: [[clause]], negated: [], filters: parsed.filters });
    const word = analysed.groups[0]?.[0]?.words[0];
    if (!word || analysed.groups[0]![0]!.words.length !== 1) continue;
    const close = vocabulary.closest(word.exact);
    if (close && close !== word.exact && vocabulary.closest(word.stem) !== word.stem) {
      // Whole words only: the same letters inside another word or a filter stay as typed.
      suggestion = suggestion.split(/(\s+)/u).map((part) => (part === clause.text ? close : part)).join('');
      changed = true;
    }
  }
  if (!changed) return null;
  const { analysed, filters } = prepareQuery(suggestion, vocabulary);
  return countMatches(db, planSearch(analysed, filters)) > 0 ? suggestion : null;
}

/** Ids of every item `query` finds (all pages, best first), without snippets: a search as a selection. */
export function searchIds(db: Db, vocabulary: Vocabulary, query: string): number[] {
  const { analysed, filters } = prepareQuery(query, vocabulary);
  const { sql, params } = searchSql(planSearch(analysed, filters), { kind: 'page', sort: 'relevance', limit: -1, offset: 0 });
  // Not pluck(): the statement is cached and shared with runSearch's page query, and pluck() would change it for both.
  return (statement(db, sql).all(...params) as Array<{ id: number }>).map((row) => row.id);
}
