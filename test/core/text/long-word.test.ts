// One 8 MB "word" (letters without a space) must not overflow the stack anywhere on the way:
// analysis, import, search, snippets, highlighting. Before, the analyzer's word pattern overflowed
// V8's regexp backtrack stack on a run of ~4 million two-byte letters.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, maxWordLength } from '../../../electron/core/text/analyzer.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

// 4.2 million UTF-16 units, 8.4 MB in UTF-8.
const word = 'كتب'.repeat(1_400_000);

describe('an 8 MB word', () => {
  it('is one token of its first 255 characters, with offsets over the whole word', () => {
    const tokens = analyze(`بداية ${word} نهاية`);
    expect(tokens.map((t) => [t.start, t.end])).toEqual([[0, 5], [6, 6 + word.length], [7 + word.length, 12 + word.length]]);
    expect(tokens[1]!.exact).toBe(word.slice(0, maxWordLength));
  });

  it('imports, is found by a search for it, and is highlighted in the snippet and the reader', async () => {
    const dir = writeFiles({ 'word.txt': `بداية ${word} نهاية` });
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [path.join(dir, 'word.txt')], tags: [] });
    expect(report.results[0]).toMatchObject({ status: 'imported' });
    const id = report.results[0]!.id!;

    // The query is cut the same way as the indexed word (queries are at most 100,000 characters).
    const query = word.slice(0, 90_000);
    const found = await archive.api.search({ query });
    expect(found.hits.map((h) => h.id)).toEqual([id]);
    const hit = found.hits[0]!;
    expect(hit.highlights.length).toBe(1);
    const [s, e] = hit.highlights[0]!;
    expect(hit.snippet.slice(s, e)).toMatch(/^(كتب)+/);

    expect((await archive.api.search({ query: 'بداية' })).hits.map((h) => h.id)).toEqual([id]);
    expect((await archive.api.search({ query: 'كتبكتب*' })).hits.map((h) => h.id)).toEqual([id]);

    const { text } = await archive.api.getItem({ id });
    const [spans] = await archive.api.highlight({ query, texts: [text] });
    expect(spans).toEqual([[6, 6 + word.length]]);
    await archive.close();
  });

  it('of a script written without spaces (100,000 Han characters) is segmented in linear time', () => {
    // ICU's word breaking is quadratic on one run: 32 s for this before; pieces of 1,000 now.
    const han = '中文'.repeat(50_000);
    const started = performance.now();
    const tokens = analyze(han);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(tokens.length).toBeGreaterThan(1000);
    expect(tokens.at(-1)!.end).toBe(han.length);
  });
});
