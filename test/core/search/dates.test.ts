// Which date search uses: the publication date, partial or full; items without one have no date
// (their import date is not used instead). Partial dates filter as their whole period, sort with
// the dated items, and count once in the year facet, which agrees with the year filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession;
const id: Record<string, number> = {};
const dates: Record<string, string | null> = { year: '2015', month: '2015-07', day: '2015-07-21', december: '2014-12', stamp: '2016-03-04T10:00:00Z', undated: null };

beforeAll(async () => {
  archive = await freshArchive();
  const files = Object.fromEntries(Object.keys(dates).filter((name) => name !== 'stamp').map((name) => [`${name}.txt`, `Report ${name}\n\nA heron report, ${name}.`]));
  // A full timestamp, as an importer may store one (a person's edit takes a day at most).
  files['stamp.md'] = `---\ntitle: Report stamp\ndate: "${dates.stamp}"\n---\nA heron report, stamp.`;
  const report = await archive.api.importPaths({ paths: [writeFiles(files)] });
  for (const result of report.results) {
    const name = result.path.replace(/^.*\//, '').replace(/\.(txt|md)$/, '');
    id[name] = result.id!;
    if (dates[name] && name !== 'stamp') await archive.api.editItem({ id: result.id!, publishedAt: dates[name] });
  }
  expect((await archive.api.getItem({ id: id.stamp! })).publishedAt).toBe(dates.stamp);
});
afterAll(() => archive.close());

const found = async (query: string) => {
  const hits = (await archive.api.search({ query, limit: 50 })).hits.map((h) => Object.keys(id).find((k) => id[k] === h.id));
  return hits.sort();
};

describe('dates in search', () => {
  it('after: and before: use the publication date; an item without one matches neither', async () => {
    expect(await found('heron after:1900')).toEqual(['day', 'december', 'month', 'stamp', 'year']);
    expect(await found('heron before:2100')).toEqual(['day', 'december', 'month', 'stamp', 'year']);
    expect(await found('heron')).toContain('undated');
  });

  it('a partial date stands for its whole period', async () => {
    expect(await found('heron after:2015-01-01')).toEqual(['day', 'month', 'stamp', 'year']);
    expect(await found('heron after:2015 before:2016')).toEqual(['day', 'month', 'year']);
    expect(await found('heron before:2015')).toEqual(['december']);
    // 2015 may be before or after July: both find it; July 2015 may be after the 15th.
    expect(await found('heron after:2015-07')).toEqual(['day', 'month', 'stamp', 'year']);
    expect(await found('heron before:2015-07')).toEqual(['december', 'year']);
    expect(await found('heron after:2015-07-22')).toEqual(['month', 'stamp', 'year']);
    expect(await found('heron before:2015-07-21')).toEqual(['december', 'month', 'year']);
    expect(await found('heron after:2015-08')).toEqual(['stamp', 'year']);
    expect(await found('heron after:2016-03-04 before:2016-03-05')).toEqual(['stamp']);
  });

  it('sorts by publication date, undated items last', async () => {
    const order = async (sort: 'newest' | 'oldest', query = 'heron') =>
      (await archive.api.search({ query, sort, limit: 50 })).hits.map((h) => Object.keys(id).find((k) => id[k] === h.id));
    expect(await order('newest')).toEqual(['stamp', 'day', 'month', 'year', 'december', 'undated']);
    expect(await order('oldest')).toEqual(['december', 'year', 'month', 'day', 'stamp', 'undated']);
    expect(await order('newest', '')).toEqual(['stamp', 'day', 'month', 'year', 'december', 'undated']);
  });

  it('without words, relevance lists the most recently added first', async () => {
    const later = (await archive.api.importPaths({ paths: [writeFiles({ 'late.txt': 'Late heron\n\nadded last' })] })).results[0]!.id!;
    expect((await archive.api.search({ query: '', limit: 1 })).hits[0]!.id).toBe(later);
    await archive.api.editItem({ id: later, publishedAt: '1990' });
    expect((await archive.api.search({ query: '', limit: 1, sort: 'relevance' })).hits[0]!.id).toBe(later);
    await archive.api.deleteItem({ id: later });
  });

  it('the year facet counts publication years only, and each year agrees with its filter', async () => {
    const { facets } = await archive.api.search({ query: 'heron', facets: true });
    expect([...facets!.year].sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: '2014', count: 1 },
      { value: '2015', count: 3 },
      { value: '2016', count: 1 },
    ]);
    for (const { value, count } of facets!.year) {
      expect((await archive.api.search({ query: `heron after:${value}-01-01 before:${Number(value) + 1}-01-01` })).total).toBe(count);
    }
  });
});
