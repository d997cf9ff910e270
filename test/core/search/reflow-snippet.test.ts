// Search snippets of a hard-wrapped .txt (wire copy) read as paragraphs: no line breaks, a word
// hyphenated across a line end joined, hits still marked at the right place; the stored text and
// the offsets the reader uses are the file's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

const wire = [
  'The Reserve Bank said broad money growth was steady at 0.7 pct',
  'in February, unchanged from January, and the second English-',
  'language report of the week showed borrowings from the private',
  'sector by non-bank financial intermediaries rose by 8.8 pct.',
  '    At the end of February, broad money stood at 177.1 billion',
  'dlrs, up from the 175.84 billion dlrs it held in January.',
].join('\n');

let archive: ArchiveSession;
let id: number;

beforeAll(async () => {
  archive = await freshArchive();
  const report = await archive.api.importPaths({ paths: [writeFiles({ 'wire.txt': `Broad money steady\n\n${wire}\n` })] });
  id = report.results[0]!.id!;
});
afterAll(() => archive.close());

it('a snippet of a hard-wrapped .txt has no line breaks and joins a hyphenated line end', async () => {
  const hit = (await archive.api.search({ query: 'language borrowings' })).hits.find((h) => h.id === id)!;
  expect(hit.snippet).not.toMatch(/\n/u);
  expect(hit.snippet).toContain('the second English-language report of the week showed borrowings from the private sector');
  expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['language', 'borrowings']);
});

it('the stored text keeps its line breaks', async () => {
  const item = await archive.api.getItem({ id });
  expect(item.text).toContain('English-\nlanguage report');
});
