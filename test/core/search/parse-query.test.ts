// The query language (DESIGN §4, README "Query language"), string → clauses, without FTS5:
// which clause lands in which OR-group, which are excluded, and which become filters.
import { describe, expect, it } from 'vitest';
import { parseQuery, type Clause, type QueryFilters, type TermMode } from '../../../electron/core/search/parse-query.js';

interface Expected {
  text: string;
  phrase?: boolean;
  mode?: TermMode;
  field?: 'title' | null;
}

/** A clause as the tests write it: only what differs from a plain stemmed word. */
const term = ({ text, phrase = false, mode = 'stem', field = null }: Expected) => ({ text, phrase, mode, field });
const word = (text: string, more: Omit<Expected, 'text'> = {}) => term({ text, ...more });
const phrase = (text: string, more: Omit<Expected, 'text' | 'phrase'> = {}) => term({ text, phrase: true, ...more });

/** What a clause says, without where it sits (where it sits is the groups / negated lists). */
const shape = (c: Clause) => ({ text: c.text, phrase: c.phrase, mode: c.mode, field: c.field });

const noFilters: QueryFilters = { tags: [], excludedTags: [], kinds: [], langs: [], after: null, before: null, inNotes: false };

/** The parse of `query`: AND of OR-groups, the excluded clauses, and the filters. */
function parsed(query: string) {
  const p = parseQuery(query);
  return { groups: p.groups.map((g) => g.map(shape)), negated: p.negated.map(shape), filters: p.filters };
}

/** Expects `query` to parse to these groups and exclusions, with no filters. */
function expectClauses(query: string, groups: ReturnType<typeof term>[][], negated: ReturnType<typeof term>[] = []) {
  expect(parsed(query)).toEqual({ groups, negated, filters: noFilters });
}

/** Expects `query` to be only filters (no clauses): those given, the others at their defaults. */
function expectFilters(query: string, filters: Partial<QueryFilters>) {
  expect(parsed(query)).toEqual({ groups: [], negated: [], filters: { ...noFilters, ...filters } });
}

describe('words, AND and OR', () => {
  it('words are ANDed: one group each', () => {
    expectClauses('ادلب الفصائل', [[word('ادلب')], [word('الفصائل')]]);
  });
  it('AND is the default, and the word itself is dropped', () => {
    expectClauses('a AND b', [[word('a')], [word('b')]]);
    expectClauses('AND', []);
  });
  it('OR (or |) joins a word to the group before it', () => {
    expectClauses('حلب OR ادلب', [[word('حلب'), word('ادلب')]]);
    expectClauses('a | b', [[word('a'), word('b')]]);
    expectClauses('a OR b OR c d', [[word('a'), word('b'), word('c')], [word('d')]]);
  });
  it('an OR with nothing on one side is dropped', () => {
    expectClauses('OR a', [[word('a')]]);
    expectClauses('a OR', [[word('a')]]);
  });
  it('lower-case and, or, not are words', () => {
    expectClauses('war or peace', [[word('war')], [word('or')], [word('peace')]]);
    expectClauses('not', [[word('not')]]);
  });
});

describe('phrases and quotes', () => {
  it('"a phrase" is one clause', () => {
    expectClauses('"ولا تهنوا"', [[phrase('ولا تهنوا')]]);
    expectClauses('x "a b" y', [[word('x')], [phrase('a b')], [word('y')]]);
  });
  it('a lone opening quote runs to the end', () => {
    expectClauses('x "unclosed phrase', [[word('x')], [phrase('unclosed phrase')]]);
  });
  it('a quote glued to a word is ignored, not an open phrase', () => {
    expectClauses('market"', [[word('market')]]);
    expectClauses('5" screen', [[word('5')], [word('screen')]]);
    expectClauses('aleppo" market', [[word('aleppo')], [word('market')]]);
  });
  it('a phrase inside a word is split off at the quote', () => {
    expectClauses('ab"cd"', [[word('ab')], [word('cd')]]);
  });
});

describe('exclusion: -word and NOT word', () => {
  it('-word and NOT word exclude', () => {
    expectClauses('-روسيا', [], [word('روسيا')]);
    expectClauses('NOT روسيا', [], [word('روسيا')]);
    expectClauses('ادلب -سنجار', [[word('ادلب')]], [word('سنجار')]);
  });
  it('-"phrase" and NOT "phrase" exclude the phrase', () => {
    expectClauses('x -"a b"', [[word('x')]], [phrase('a b')]);
    expectClauses('NOT "a b"', [], [phrase('a b')]);
  });
  it('NOT applies to the next word only', () => {
    expectClauses('NOT a b', [[word('b')]], [word('a')]);
  });
  it('an excluded word breaks an OR: it never joins a group', () => {
    expectClauses('a OR -b', [[word('a')]], [word('b')]);
    expectClauses('a OR NOT b', [[word('a')]], [word('b')]);
    expectClauses('-x OR y', [[word('y')]], [word('x')]);
  });
  it('a lone - is a word; NOT with nothing after it is dropped', () => {
    expectClauses('-', [[word('-')]]);
    expectClauses('NOT', []);
    expectClauses('a NOT', [[word('a')]]);
  });
  it('only the first - excludes', () => {
    expectClauses('--x', [], [word('-x')]);
  });
});

describe('term modes: word*, =word, word~', () => {
  it('word* is a prefix (extra stars too)', () => {
    expectClauses('اقتصا*', [[word('اقتصا', { mode: 'prefix' })]]);
    expectClauses('a**', [[word('a', { mode: 'prefix' })]]);
  });
  it('=word is the exact form; ="phrase" an exact phrase', () => {
    expectClauses('=Assad', [[word('Assad', { mode: 'exact' })]]);
    expectClauses('="a b"', [[phrase('a b', { mode: 'exact' })]]);
  });
  it('word~ is typo tolerant', () => {
    expectClauses('markte~', [[word('markte', { mode: 'fuzzy' })]]);
  });
  it('=, * and ~ alone are plain words', () => {
    expectClauses('= * ~', [[word('=')], [word('*')], [word('~')]]);
  });
  it('modes combine with exclusion', () => {
    expectClauses('-اقتصا*', [], [word('اقتصا', { mode: 'prefix' })]);
    expectClauses('NOT =Assad', [], [word('Assad', { mode: 'exact' })]);
  });
});

describe('title:', () => {
  it('title:word and title:"phrase" search titles only', () => {
    expectClauses('title:ادلب', [[word('ادلب', { field: 'title' })]]);
    expectClauses('title:"a phrase"', [[phrase('a phrase', { field: 'title' })]]);
    expectClauses('Title:X', [[word('X', { field: 'title' })]]);
  });
  it('takes modes and exclusion', () => {
    expectClauses('title:x*', [[word('x', { mode: 'prefix', field: 'title' })]]);
    expectClauses('title:=x', [[word('x', { mode: 'exact', field: 'title' })]]);
    expectClauses('-title:x', [], [word('x', { field: 'title' })]);
  });
});

describe('filters', () => {
  it('tag: includes, -tag: and NOT tag: exclude; slashes are tidied', () => {
    expectFilters('tag:syria', { tags: ['syria'] });
    expectFilters('tag:"syria/idlib"', { tags: ['syria/idlib'] });
    expectFilters('tag:/syria//idlib/', { tags: ['syria/idlib'] });
    expectFilters('-tag:syria', { excludedTags: ['syria'] });
    expectFilters('NOT tag:x', { excludedTags: ['x'] });
    expectFilters('tag:a tag:b', { tags: ['a', 'b'] });
  });
  it('type: article(s) or note(s)', () => {
    expectFilters('type:article', { kinds: ['article'] });
    expectFilters('type:notes', { kinds: ['note'] });
  });
  it('lang: a language code, lower-cased', () => {
    expectFilters('lang:ar', { langs: ['ar'] });
    expectFilters('lang:EN-gb', { langs: ['en-gb'] });
  });
  it('after: and before: take a year, a month or a day', () => {
    expectFilters('after:2015', { after: '2015-01-01' });
    expectFilters('after:2015-07', { after: '2015-07-01' });
    expectFilters('before:2020-01-01', { before: '2020-01-01' });
    expectFilters('after:2019-5 before:2020', { after: '2019-05-01', before: '2020-01-01' });
  });
  it('in:notes', () => {
    expectFilters('in:notes', { inNotes: true });
  });
  it('filters and words mix', () => {
    expect(parsed('ادلب tag:syria type:note')).toEqual({
      groups: [[word('ادلب')]],
      negated: [],
      filters: { ...noFilters, tags: ['syria'], kinds: ['note'] },
    });
  });
});

describe('anything not understood is plain text', () => {
  it('an unknown x: stays a word', () => {
    expectClauses('foo:bar', [[word('foo:bar')]]);
    expectClauses('aleppo:', [[word('aleppo:')]]);
  });
  it('a known field with a value it does not take stays a word', () => {
    expectClauses('type:foo', [[word('type:foo')]]);
    expectClauses('lang:english', [[word('lang:english')]]);
    expectClauses('before:2020-13', [[word('before:2020-13')]]);
    expectClauses('after:abc', [[word('after:abc')]]);
    expectClauses('in:foo', [[word('in:foo')]]);
    expectClauses('tag:', [[word('tag:')]]);
  });
  it('filters that cannot be negated stay excluded words', () => {
    expectClauses('-type:note', [], [word('type:note')]);
    expectClauses('-in:notes', [], [word('in:notes')]);
  });
});

describe('empty queries', () => {
  it.each(['', '   ', '\t\n', '\u3000'])('%j has no clauses and no filters', (query) => {
    expectClauses(query, []);
  });
});
