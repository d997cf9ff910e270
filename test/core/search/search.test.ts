import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { samplePath, sampleText } from '../../support/shared.js';

let archive: ArchiveSession;
let sampleId: number;
let englishId: number;
let oldId: number;

beforeAll(async () => {
  archive = await freshArchive();
  const report = await archive.api.importPaths({ paths: [samplePath], tags: ['syria/idlib'] });
  sampleId = report.results[0]!.id!;
  const dir = writeFiles({
    'english.md': '---\ntitle: Assad forces and the Idlib offensive\ntags: [syria, reading-list]\ndate: 2019-05-01\n---\nGovernment forces were running an offensive; the relations between the factions improved.\n',
    'old.txt': 'An old report from Aleppo about the market.\nThe market reopened.',
    'سنجار.txt': 'بلدة سنجار في ريف إدلب الجنوبي',
  });
  const second = await archive.api.importPaths({ paths: [dir], tags: [] });
  englishId = second.results.find((r) => r.path.endsWith('english.md'))!.id!;
  oldId = second.results.find((r) => r.path.endsWith('old.txt'))!.id!;
});
afterAll(() => archive.close());

const ids = async (query: string) => (await archive.api.search({ query, limit: 50 })).hits.map((h) => h.id);
const highlighted = async (query: string) => {
  const hit = (await archive.api.search({ query })).hits.find((h) => h.id === sampleId)!;
  return hit.highlights.map(([s, e]) => hit.snippet.slice(s, e));
};

describe('Arabic search on the sample (DESIGN §3 examples, through the real index)', () => {
  it.each([
    ['من', 'مِن'],
    ['ادلب', 'إدلب'],
    ['فصائل', 'الفصائل'],
    ['الفصائل', 'فصائل'],
    ['للنظام', 'النظام'],
    ['نظام', 'النظام'],
    ['بدعم', null],
    ['٢٤', '24'],
    ['ميليشيات', 'الميليشيات'],
  ])('%s finds the sample', async (query, mark) => {
    expect(await ids(query)).toContain(sampleId);
    if (mark) {
      const text = sampleText();
      const [spans] = await archive.api.highlight({ query, texts: [text] });
      expect(spans!.map(([s, e]) => text.slice(s, e))).toContain(mark);
    }
  });
  it('ردا finds ردّاّ', async () => {
    expect(await ids('ردا')).toContain(sampleId);
  });
  it('a query never matches inside another word (جار is not سنجار)', async () => {
    expect(await ids('جار')).toEqual([]);
    expect((await ids('سنجار')).length).toBe(2);
  });
  it('the phrase "ولا تهنوا" is found and highlighted as one run', async () => {
    expect(await ids('"ولا تهنوا"')).toEqual([sampleId]);
    const marks = await highlighted('"ولا تهنوا"');
    expect(marks[0]).toBe('ولا تهنوا');
  });
  it('a phrase needs its words adjacent', async () => {
    expect(await ids('"تهنوا ولا"')).toEqual([]);
  });
  it('snippets keep the original diacritics', async () => {
    const hit = (await archive.api.search({ query: 'من' })).hits[0]!;
    expect(hit.snippet).toContain('مِن');
  });
});

describe('query language', () => {
  it('ANDs words', async () => {
    expect(await ids('ادلب سنجار')).toEqual(expect.arrayContaining([sampleId]));
    expect(await ids('ادلب market')).toEqual([]);
  });
  it('OR', async () => {
    expect(new Set(await ids('market OR الفصائل'))).toEqual(new Set([sampleId, oldId]));
  });
  it('-word and NOT word exclude', async () => {
    expect(await ids('ادلب -سنجار')).not.toContain(sampleId);
    expect(await ids('ادلب NOT سنجار')).not.toContain(sampleId);
    expect(await ids('-market')).not.toContain(oldId);
    expect(await ids('-market')).toContain(sampleId);
  });
  it('prefix*', async () => {
    expect(await ids('فصا*')).toContain(sampleId);
    expect(await ids('offens*')).toEqual([englishId]);
  });
  it('=word is the exact form only', async () => {
    expect(await ids('الفصائل')).toContain(sampleId);
    expect(await ids('=running')).toEqual([englishId]);
    expect(await ids('=run')).toEqual([]);
    expect(await ids('run')).toEqual([englishId]);
  });
  it('English words are stemmed', async () => {
    expect(await ids('relation')).toEqual([englishId]);
  });
  it('tag: includes sub-tags; -tag: excludes', async () => {
    expect(await ids('tag:syria')).toEqual(expect.arrayContaining([sampleId, englishId]));
    expect(await ids('tag:syria/idlib')).toEqual([sampleId]);
    expect(await ids('tag:syr')).toEqual([]);
    expect(await ids('tag:syria -tag:syria/idlib')).toEqual([englishId]);
  });
  it('title: searches titles only', async () => {
    expect(await ids('title:offensive')).toEqual([englishId]);
    expect(await ids('title:running')).toEqual([]);
  });
  it('type:, lang:, before:, after:', async () => {
    const note = await archive.api.addNote({ text: 'ملاحظة عن ادلب', on: sampleId });
    expect(await ids('type:note ادلب')).toEqual([note.id]);
    expect(await ids('lang:en market')).toEqual([oldId]);
    expect(await ids('lang:ar market')).toEqual([]);
    expect(await ids('before:2020 forces')).toEqual([englishId]);
    expect(await ids('after:2020 forces')).toEqual([]);
    expect(await ids('after:2019-05 forces')).toEqual([englishId]);
    await archive.api.deleteNote({ id: note.id });
  });
  it('in:notes searches note text only', async () => {
    const note = await archive.api.addNote({ text: 'تحقق من عدد القرى والمواقع', on: sampleId });
    expect(await ids('in:notes المواقع')).toEqual(expect.arrayContaining([note.id, sampleId]));
    expect(await ids('in:notes ادلب')).toEqual([]);
    await archive.api.deleteNote({ id: note.id });
    expect(await ids('المواقع')).toEqual([]);
  });
  it('note snippets read as text, without Markdown marks', async () => {
    const note = await archive.api.addNote({ text: '## ملاحظة عن **المطار**\n- تحقق من _المصدر_' });
    const hit = (await archive.api.search({ query: 'المطار' })).hits.find((h) => h.id === note.id)!;
    expect(hit.snippet).not.toMatch(/[#*_]/);
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['المطار']);
    await archive.api.deleteNote({ id: note.id });
  });
  it('a quote glued to a word is not a phrase', async () => {
    expect(await ids('market"')).toEqual([oldId]);
    expect(await ids('5" market')).toEqual([]);
    expect(await ids('aleppo" market')).toEqual([oldId]);
  });
    it('unknown x: is plain text', async () => {
    expect(await ids('foo:market')).toEqual([]);
    expect(await ids('aleppo:')).toEqual([oldId]);
  });
  it('word~ is typo tolerant and "did you mean" suggests a fix', async () => {
    expect(await ids('markte~')).toEqual([oldId]);
    const result = await archive.api.search({ query: 'ادلبب' });
    expect(result.total).toBe(0);
    expect(result.didYouMean).toBe('ادلب');
  });
  it('ranks title matches above body matches', async () => {
    const dir = writeFiles({ 'a.txt': 'Notes\nthe word zebra appears here in the body', 'b.txt': 'Zebra\nsomething else entirely' });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const titled = report.results.find((r) => r.path.endsWith('b.txt'))!.id;
    expect((await ids('zebra'))[0]).toBe(titled);
  });
  it('sorts by date and pages with offset', async () => {
    const all = await archive.api.search({ query: '', sort: 'newest', limit: 100 });
    expect(all.total).toBeGreaterThan(3);
    const page = await archive.api.search({ query: '', sort: 'newest', limit: 2, offset: 1 });
    expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(1, 3).map((h) => h.id));
    expect(all.hits[0]!.id).toBe(englishId); // published 2019: the only item with a publication date comes first
  });
  it('returns facets for the current query', async () => {
    const result = await archive.api.search({ query: 'ادلب', facets: true });
    expect(result.facets!.tag).toEqual(expect.arrayContaining([{ value: 'syria/idlib', count: 1 }]));
    expect(result.facets!.type).toEqual([{ value: 'article', count: result.total }]);
    expect(result.facets!.lang[0]!.value).toBe('ar');
  });
});

describe('no query string is a syntax error', () => {
  // Each hostile query finds what a plain query finds: '' (nothing searchable in it: every item,
  // as an empty search), 'ادلب' (its one real word), or null (words no item has: nothing).
  const hostile: Array<[string, string | null]> = [
    ['"', ''], ['""', ''], ['"""', ''], ['*', ''], ['-', ''], [':', ''], ['(', ''], [')', ''], ['AND', ''], ['OR', ''], ['NOT', ''],
    ['😀', ''], ['^', ''], ['\u0000', ''], ['\u200f', ''], ['~', ''], ['=', ''], ['=*', ''], ['-*', ''], ['""*', ''],
    ['"ادلب', 'ادلب'], ['ادلب"', 'ادلب'], ['🇸🇾 ادلب', 'ادلب'], ['ادلب '.repeat(2_000), 'ادلب'],
    ['NEAR', null], ['NEAR(a b)', null], ['a AND', null], ['OR b', null], ["'; DROP TABLE items; --", null], ['{title_exact}: x', null],
    ['title:', null], ['tag:', null], ['x'.repeat(10_000), null], ['a*b*', null], ['col:"x', null], ['before:9999-99-99', null], ['after:abc', null],
  ];
  const sorted = async (query: string) => (await ids(query)).sort((a, b) => a - b);
  it.each(hostile.map(([q, like]) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : q, q, like]))('%s', async (_label, query, like) => {
    const found = await sorted(query);
    if (like === null) expect(found).toEqual([]);
    else {
      const expected = await sorted(like);
      expect(expected.length).toBeGreaterThan(like === '' ? 3 : 1);
      expect(found).toEqual(expected);
    }
  });
  it('leaves the archive intact', async () => {
    expect(await ids('"ولا تهنوا"')).toEqual([sampleId]);
    expect((await archive.api.stats({})).articles).toBeGreaterThan(3);
  });
  it('rejects bad arguments with a stable code', async () => {
    await expect(archive.api.search({ query: 'x', limit: 0 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(archive.api.getItem({ id: 999_999 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(archive.api.search({ query: 42 } as never)).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('highlight (for the reader)', () => {
  it('marks matches in any text with the same analyzer', async () => {
    const [spans] = await archive.api.highlight({ query: 'ادلب "ولا تهنوا"', texts: ['ريف إدلب، معركة "ولا تهنوا"'] });
    const text = 'ريف إدلب، معركة "ولا تهنوا"';
    expect(spans!.map(([s, e]) => text.slice(s, e))).toEqual(['إدلب', 'ولا تهنوا']);
  });
});

it('the sample path is the one imported', async () => {
  const item = await archive.api.getItem({ id: sampleId });
  expect(item.source!.path).toBe(path.resolve(samplePath));
  expect(item.dir).toBe('rtl');
});
