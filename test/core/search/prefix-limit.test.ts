// A prefix with very many archive words (ا* at 30,000 articles: 54,000 words, 4.6 s) is searched
// as its most frequent words, and the result says so (issue 8 item 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { maxPrefixWords } from '../../../electron/core/search/run-search.js';
import { analyze } from '../../../electron/core/text/analyzer.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

// Words Porter2 leaves as they are, so each is one archive word (exact and stem alike).
const consonants = 'bcdfghjklmnpqrtvwxz';
const word = (i: number): string => `zorb${consonants[Math.floor(i / consonants.length)]}${consonants[i % consonants.length]}`;
const common = Array.from({ length: maxPrefixWords }, (_, i) => word(i));
const rare = Array.from({ length: 15 }, (_, i) => word(maxPrefixWords + i));

let archive: ArchiveSession;
let rareIds: number[];

beforeAll(async () => {
  for (const w of [...common, ...rare]) expect(analyze(w)[0]).toMatchObject({ exact: w, stem: w });
  // Each common word in three documents, each rare word in one document of its own.
  const files: Record<string, string> = {};
  for (let d = 0; d < 3; d++) files[`common-${d}.txt`] = `Common ${d}\n\n${common.join(' ')} filler${d}`;
  rare.forEach((w, i) => (files[`rare-${i}.txt`] = `Rare ${i}\n\nonly ${w} here`));
  archive = await freshArchive();
  const report = await archive.api.importPaths({ paths: [writeFiles(files)] });
  expect(report.imported).toBe(3 + rare.length);
  rareIds = report.results.filter((r) => r.path.includes('rare-')).map((r) => r.id!);
});
afterAll(() => archive?.close());

describe('a prefix of more archive words than the limit', () => {
  it('is searched as its most frequent words, and the result says how many of how many', async () => {
    const result = await archive.api.search({ query: 'zorb*', limit: 50 });
    expect(result.notices).toEqual([{ code: 'prefix-limited', term: 'zorb*', kept: maxPrefixWords, of: maxPrefixWords + rare.length }]);
    expect(result.total).toBe(3);
    expect(result.hits.map((h) => h.id)).not.toEqual(expect.arrayContaining([rareIds[0]]));
  });

  it('highlights only the words it searched', async () => {
    const text = `${common[0]} ${rare[0]}`;
    const [spans] = await archive.api.highlight({ query: 'zorb*', texts: [text] });
    expect(spans!.map(([s, e]) => text.slice(s, e))).toEqual([common[0]]);
  });

  it('is limited when negated too', async () => {
    const negated = await archive.api.search({ query: 'here -zorb*' });
    expect(negated.notices?.[0]).toMatchObject({ term: 'zorb*', kept: maxPrefixWords });
    expect(negated.total).toBe(rare.length); // the rare words are not among those excluded
  });
});

describe('a prefix of few archive words', () => {
  it('is searched whole, with no notice', async () => {
    // A prefix of some common and some rare words, fewer than the limit: all of them are searched.
    const prefix = word(maxPrefixWords).slice(0, 5);
    const result = await archive.api.search({ query: `${prefix}*`, limit: 50 });
    expect(result.notices).toBeUndefined();
    const rareWithPrefix = rare.filter((w) => w.startsWith(prefix));
    expect(rareWithPrefix.length).toBeGreaterThan(0);
    expect(result.total).toBe(3 + rareWithPrefix.length);
  });

  it('sees words added after the vocabulary was read', async () => {
    const before = await archive.api.search({ query: 'zorbzz*' });
    expect(before.total).toBe(0);
    await archive.api.addNote({ text: 'zorbzz in a note' });
    const after = await archive.api.search({ query: 'zorb*' });
    expect(after.notices?.[0]).toMatchObject({ of: maxPrefixWords + rare.length + 1 });
  });
});
