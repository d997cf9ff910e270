// The language facet: items without a language count as 'und' and `lang:und` finds them; regional
// variants (en-AU, en-GB) count under their language, as `lang:en` finds them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession;
const idOf = new Map<string, number>();

const page = (lang: string, word: string) => `<html lang="${lang}"><head><title>${word} ${lang}</title></head><body><p>${word} in ${lang}, with the and of words.</p></body></html>`;

beforeAll(async () => {
  archive = await freshArchive();
  const dir = writeFiles({
    'au.html': page('en-AU', 'harbour'),
    'gb.html': page('en-GB', 'harbour'),
    'us.html': page('en', 'harbour'),
    'fr.html': page('fr', 'harbour'),
    // Digits only: no script to detect a language from, and none stated.
    'numbers.txt': '2019 2020 2021 harbour',
  });
  const report = await archive.api.importPaths({ paths: [dir], tags: [] });
  for (const r of report.results) idOf.set(r.path.split('/').at(-1)!, r.id!);
});
afterAll(() => archive.close());

const ids = async (query: string) => (await archive.api.search({ query, limit: 50 })).hits.map((h) => h.id).sort((a, b) => a - b);
const idsOf = (...names: string[]) => names.map((n) => idOf.get(n)!).sort((a, b) => a - b);

describe('language facet', () => {
  it('counts regional variants under their language and unknown ones as und', async () => {
    const { facets } = await archive.api.search({ query: 'harbour', facets: true });
    expect(facets!.lang).toEqual([
      { value: 'en', count: 3 },
      { value: 'fr', count: 1 },
      { value: 'und', count: 1 },
    ]);
  });

  it('each facet value, used as a filter, finds as many items as it counts', async () => {
    const { facets } = await archive.api.search({ query: '', facets: true });
    for (const { value, count } of facets!.lang) expect((await archive.api.search({ query: `lang:${value}` })).total, value).toBe(count);
    expect(await ids('lang:und')).toEqual(idsOf('numbers.txt'));
    expect(await ids('lang:en harbour')).toEqual(idsOf('au.html', 'gb.html', 'us.html'));
    expect(await ids('lang:en-gb')).toEqual(idsOf('gb.html'));
  });
});
