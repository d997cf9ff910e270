// Search latency over a fixed query mix, and (with --profile) where one search's time goes.
import type { Db } from '../electron/core/storage/database.js';
import { statement } from '../electron/core/storage/statements.js';
import { tagsOfItem } from '../electron/core/storage/tags.js';
import { planSearch, searchSql } from '../electron/core/search/search-plan.js';
import { highlightSpans, makeSnippet, matchTokens } from '../electron/core/search/highlight.js';
import { analyze } from '../electron/core/text/analyzer.js';
import { positiveTerms, prepareQuery, runSearch } from '../electron/core/search/run-search.js';
import type { Vocabulary } from '../electron/core/search/vocabulary.js';
import type { WorkerSession } from '../electron/core/worker/worker-client.js';
import type { CorpusLang } from './corpus.js';
import { cpuMs, mean, nowMs, percentile, round, type MemoryPeak } from './measure.js';

export interface QuerySpec {
  kind: string;
  query: string;
}

/**
 * The mix: one query per kind of thing a user types. Chosen so each finds articles in its corpus
 * (run.ts reports the totals, so a query that stops matching shows up as total 0).
 */
export const queryMix: Record<CorpusLang, QuerySpec[]> = {
  ar: [
    { kind: 'single word', query: 'الحكومة' },
    { kind: 'frequent word', query: 'المملكة' },
    { kind: 'two words', query: 'وزير الخارجية' },
    { kind: 'phrase', query: '"ولي العهد"' },
    { kind: 'prefix', query: 'اقتصا*' },
    { kind: 'tag filter', query: 'tag:sport النصر' },
    { kind: 'tag subtree', query: 'tag:source/saudinewsnet النفط' },
  ],
  en: [
    { kind: 'single word', query: 'government' },
    { kind: 'frequent word', query: 'said' },
    { kind: 'two words', query: 'oil prices' },
    { kind: 'phrase', query: '"prime minister"' },
    { kind: 'prefix', query: 'econom*' },
    { kind: 'tag filter', query: 'tag:sport match' },
    { kind: 'tag subtree', query: 'tag:source/bbc-news-dataset election' },
  ],
};

/**
 * The app's first page (50 hits + facets) is also timed for what costs most there (issue 14): the
 * corpus's most common word, a big tag on its own, and the biggest tag subtree with that word.
 */
export const firstPageExtra: Record<CorpusLang, QuerySpec[]> = {
  ar: [
    { kind: 'most common word', query: 'في' },
    { kind: 'big tag', query: 'tag:sport' },
    { kind: 'big subtree + common word', query: 'tag:source/saudinewsnet في' },
  ],
  en: [
    { kind: 'most common word', query: 'the' },
    { kind: 'big tag', query: 'tag:sport' },
    { kind: 'big subtree + common word', query: 'tag:source/bbc-news-dataset the' },
  ],
};

export interface QueryTiming {
  kind: string;
  query: string;
  /** Matching articles (the count the UI shows). */
  total: number;
  hits: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  maxMs: number;
  /** CPU time of the same runs: what the search costs when the machine is not shared. */
  cpuP50Ms: number;
  cpuP95Ms: number;
  samplesMs: number[];
  cpuSamplesMs: number[];
}

/** What one search asks for besides the query. */
export interface Ask {
  limit: number;
  facets: boolean;
}

/** The bench's contract: the first 20 hits with their snippets, no facets. */
export const firstPage: Ask = { limit: 20, facets: false };
/** What the app's results list asks first (renderer use-paged-search.ts: 50 hits and the facets). */
export const uiFirstPage: Ask = { limit: 50, facets: true };

function search(db: Db, vocabulary: Vocabulary, query: string, ask: Ask = firstPage) {
  return runSearch(db, vocabulary, { query, limit: ask.limit, offset: 0, sort: 'relevance', facets: ask.facets });
}

/**
 * Times every query `runs` times after `warmup` untimed runs. Rounds go through the whole mix
 * (q1 q2 … q1 q2 …) rather than one query 20 times in a row, so no query gets an artificially hot cache.
 */
export function timeQueries(db: Db, vocabulary: Vocabulary, specs: QuerySpec[], runs: number, warmup: number, memory: MemoryPeak, ask: Ask = firstPage): QueryTiming[] {
  const samples = specs.map(() => [] as number[]);
  const cpuSamples = specs.map(() => [] as number[]);
  const totals = specs.map(() => ({ total: 0, hits: 0 }));
  for (let w = 0; w < warmup; w++) {
    specs.forEach((spec, q) => {
      const result = search(db, vocabulary, spec.query, ask);
      totals[q] = { total: result.total, hits: result.hits.length };
    });
  }
  for (let r = 0; r < runs; r++) {
    specs.forEach((spec, q) => {
      const startCpu = cpuMs();
      const start = nowMs();
      search(db, vocabulary, spec.query, ask);
      samples[q]!.push(nowMs() - start);
      cpuSamples[q]!.push(cpuMs() - startCpu);
    });
    memory.sample();
  }
  return summarise(specs, totals, samples, cpuSamples);
}

/**
 * timeQueries through the worker client, as the app and `khizana serve` search: on reader
 * threads. CPU time is the process's, every thread's.
 */
export async function timeQueriesInWorkers(session: WorkerSession, specs: QuerySpec[], runs: number, warmup: number, memory: MemoryPeak, ask: Ask): Promise<QueryTiming[]> {
  const samples = specs.map(() => [] as number[]);
  const cpuSamples = specs.map(() => [] as number[]);
  const totals = specs.map(() => ({ total: 0, hits: 0 }));
  const search = (query: string) => session.api.search({ query, limit: ask.limit, offset: 0, sort: 'relevance', facets: ask.facets });
  for (let w = 0; w < warmup; w++) {
    for (const [q, spec] of specs.entries()) {
      const result = await search(spec.query);
      totals[q] = { total: result.total, hits: result.hits.length };
    }
  }
  for (let r = 0; r < runs; r++) {
    for (const [q, spec] of specs.entries()) {
      const startCpu = cpuMs();
      const start = nowMs();
      await search(spec.query);
      samples[q]!.push(nowMs() - start);
      cpuSamples[q]!.push(cpuMs() - startCpu);
    }
    memory.sample();
  }
  return summarise(specs, totals, samples, cpuSamples);
}

function summarise(specs: QuerySpec[], totals: Array<{ total: number; hits: number }>, samples: number[][], cpuSamples: number[][]): QueryTiming[] {
  return specs.map((spec, q) => ({
    ...spec,
    ...totals[q]!,
    p50Ms: round(percentile(samples[q]!, 50), 3),
    p95Ms: round(percentile(samples[q]!, 95), 3),
    meanMs: round(mean(samples[q]!), 3),
    maxMs: round(Math.max(...samples[q]!), 3),
    cpuP50Ms: round(percentile(cpuSamples[q]!, 50), 3),
    cpuP95Ms: round(percentile(cpuSamples[q]!, 95), 3),
    samplesMs: samples[q]!.map((s) => round(s, 3)),
    cpuSamplesMs: cpuSamples[q]!.map((s) => round(s, 3)),
  }));
}

/** Median milliseconds of `fn` over `reps` runs (after one untimed run), and its last result. */
function timed<T>(reps: number, fn: () => T): { ms: number; value: T } {
  let value = fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = nowMs();
    value = fn();
    samples.push(nowMs() - start);
  }
  return { ms: round(percentile(samples, 50), 3), value };
}

export interface SearchBreakdown {
  query: string;
  total: number;
  /** Median ms of runSearch (first page of 20, no facets); the same query repeated, so caches are hot. */
  runSearchMs: number;
  /** Its parts, median ms each. `sql` is what is left: count, ranking and loading the page's rows. */
  steps: {
    parseAndAnalyse: number;
    sql: number;
    snippets: number;
    titleHighlights: number;
    tagsPerHit: number;
  };
  /** Median ms of runSearch with facets, as the app's first page asks. */
  withFacetsMs: number;
  /** Share of the page's hits whose every term occurs in their first 2,000 characters. */
  termsInFirst2000: number;
  /** Reference points for the same query (median ms). */
  variants: Record<string, number>;
}

/**
 * Splits one search into its parts without copying run-search.ts' SQL (the core changes under the
 * bench): the JS parts are timed on the very hits runSearch returned, through the same exported
 * functions; the SQL part is the remainder. Lower bounds come from FTS5 alone.
 */
export function breakDownSearch(db: Db, vocabulary: Vocabulary, query: string, reps = 15): SearchBreakdown {
  const whole = timed(reps, () => search(db, vocabulary, query));
  const parse = timed(reps, () => prepareQuery(query, vocabulary));
  const { analysed } = parse.value;
  const terms = positiveTerms(analysed);
  const getRow = statement(db, 'SELECT id, title, text FROM items WHERE id = ?');
  const rows = whole.value.hits.map((h) => getRow.get(h.id) as { id: number; title: string; text: string });
  const snippets = timed(reps, () => rows.map((r) => makeSnippet(r.text, terms)));
  const titles = timed(reps, () => rows.map((r) => highlightSpans(r.title, terms)));
  const tags = timed(reps, () => rows.map((r) => tagsOfItem(db, r.id)));
  const facets = timed(Math.min(reps, 5), () => search(db, vocabulary, query, { limit: 20, facets: true }));

  const variants: Record<string, number> = {};
  // makeSnippet analyses a text in 20,000-character chunks: a news article is shorter, so each hit
  // is re-analysed whole. What looking at the first 2,000 characters would cost:
  variants['snippets from the first 2,000 characters only'] = timed(reps, () => rows.map((r) => makeSnippet(r.text.slice(0, 2000), terms))).ms;
  const { match, matchSet } = planSearch(analysed, parse.value.filters);
  if (match !== null) {
    // The same statements search runs, without filters: what FTS5 alone costs.
    const ftsOnly = { match, matchSet, strict: null, tags: [], joins: [], where: [], params: [] };
    const count = searchSql(ftsOnly, { kind: 'count' });
    const top = searchSql(ftsOnly, { kind: 'page', sort: 'relevance', limit: 20, offset: 0 });
    variants['lower bound: FTS5 count(*) of the MATCH alone'] = timed(reps, () => statement(db, count.sql).pluck().get(...count.params)).ms;
    variants['lower bound: FTS5 top 20 by bm25 alone'] = timed(reps, () => statement(db, top.sql).all(...top.params)).ms;
  }
  const jsMs = parse.ms + snippets.ms + titles.ms + tags.ms;
  return {
    query,
    total: whole.value.total,
    runSearchMs: whole.ms,
    steps: {
      parseAndAnalyse: parse.ms,
      sql: round(Math.max(0, whole.ms - jsMs), 3),
      snippets: snippets.ms,
      titleHighlights: titles.ms,
      tagsPerHit: tags.ms,
    },
    withFacetsMs: facets.ms,
    termsInFirst2000: round(rows.filter((r) => new Set(matchTokens(analyze(r.text.slice(0, 2000)), terms).map((m) => m.term)).size === terms.length).length / Math.max(1, rows.length), 2),
    variants,
  };
}
