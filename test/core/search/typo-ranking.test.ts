// `word~` ranking (README, query language): items with the typed word itself (exact or stemmed)
// come before items found only through a typo variant, whatever BM25 says; short words are not
// stretched into other words (no edits below 4 letters, no variant shorter than 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession;
const idOf = new Map<string, number>();

// The typed word once in a long text (a low BM25 score); the other words many times in short ones.
const filler = 'وقال مصدر محلي إن الأوضاع الإنسانية تتدهور يوما بعد يوم مع استمرار القصف ونزوح آلاف العائلات نحو الحدود';
const englishFiller = 'A long report on the week, with many other words around it, about prices, farmers, traders and the weather in the region.';

beforeAll(async () => {
  archive = await freshArchive();
  const dir = writeFiles({
    'idlib.txt': `تقرير عن محافظة إدلب. ${filler}. ${filler}.`,
    'wa-idlib.txt': `حلب وإدلب. ${filler}.`,
    'aghlab.txt': 'أغلب الناس أغلب الأيام أغلب',
    'adla.txt': 'أدلى الوزير بتصريح أدلى أدلى',
    'adilla.txt': 'أدلة جديدة أدلة أدلة',
    'adab.txt': 'أدب عربي أدب أدب',
    'idleeb.txt': 'إدليب إدليب إدليب',
    'market.txt': `The market opened. ${englishFiller.repeat(6)}`,
    'markets.txt': `Markets fell. ${englishFiller.repeat(6)}`,
    'marker.txt': 'marker marker marker pen',
    'markte.txt': 'markte markte markte',
    'fund.txt': `The fund grew. ${englishFiller} ${englishFiller}`,
    'fond.txt': 'fond fond fond memories',
    'find.txt': 'find find find it',
    'fun.txt': 'fun fun fun day',
    'zanzibar.txt': 'اتفاق بين تنزانيا وزنجبار على الميناء',
    'wa-adilla.txt': 'والأدلة على ذلك كثيرة',
    'wa-aghlab.txt': 'وأغلب الناس وأغلب الأيام وأغلب',
    'mail.txt': 'Send the mail today',
    'happy.txt': 'A happy crowd, and happiness in the streets',
  });
  const report = await archive.api.importPaths({ paths: [dir], tags: [] });
  for (const r of report.results) idOf.set(r.path.split('/').at(-1)!, r.id!);
});
afterAll(() => archive.close());

/** The files `query` finds, in order, and the words marked in the first one's snippet. */
const foundAndMarked = async (query: string) => {
  const byId = new Map([...idOf].map(([name, id]) => [id, name]));
  const { hits } = await archive.api.search({ query, limit: 50 });
  return { found: hits.map((h) => byId.get(h.id)!), marks: hits[0]?.highlights.map(([s, e]) => hits[0]!.snippet.slice(s, e)) ?? [] };
};

const names = async (query: string) => (await foundAndMarked(query)).found;

describe('typo tolerance ranks the typed word first', () => {
  it('ادلب~: إدلب (and وإدلب) before أغلب, أدلى, أدلة and the misspelling إدليب; never أدب', async () => {
    const found = await names('ادلب~');
    expect(new Set(found.slice(0, 2))).toEqual(new Set(['idlib.txt', 'wa-idlib.txt']));
    expect(new Set(found.slice(2))).toEqual(new Set(['aghlab.txt', 'wa-aghlab.txt', 'adla.txt', 'adilla.txt', 'idleeb.txt']));
  });

  it('letters are normalised before the distance: إدلب~ is ادلب~', async () => {
    expect(await names('إدلب~')).toEqual(await names('ادلب~'));
  });

  it('market~: market and markets before marker and the misspelling markte', async () => {
    const found = await names('market~');
    expect(new Set(found.slice(0, 2))).toEqual(new Set(['market.txt', 'markets.txt']));
    expect(new Set(found.slice(2))).toEqual(new Set(['marker.txt', 'markte.txt']));
  });

  it('fund~: fund before fond and find; the 3-letter fun is no variant', async () => {
    const found = await names('fund~');
    expect(found[0]).toBe('fund.txt');
    expect(new Set(found.slice(1))).toEqual(new Set(['fond.txt', 'find.txt']));
  });

  it('a bare variant matches in all its forms, as any word does: زنجبر~ finds and marks «وزنجبار» (through زنجبار)', async () => {
    expect(await foundAndMarked('زنجبر~')).toEqual({ found: ['zanzibar.txt'], marks: ['وزنجبار'] });
  });

  it('a bare variant as written ranks above its other forms, as any word does: أغلب before «وأغلب»', async () => {
    const found = await names('ادلب~');
    expect(found.indexOf('aghlab.txt')).toBeLessThan(found.indexOf('wa-aghlab.txt'));
  });

  it('a word the index holds only as a stem is a bare variant: happu~ finds happy and happiness through happi', async () => {
    expect(await foundAndMarked('happu~')).toEqual({ found: ['happy.txt'], marks: ['happy', 'happiness'] });
  });

  it('a word~ of several words is its last word, in the search and in the marks: e-mail~ finds and marks mail', async () => {
    expect(await foundAndMarked('e-mail~')).toEqual({ found: ['mail.txt'], marks: ['mail'] });
  });

  it('a variant with affixes matches only as written: ادلب~ finds أدلة, not «والأدلة» (their stem ادل is another word)', async () => {
    expect(await names('ادلب~')).not.toContain('wa-adilla.txt');
  });

  it('a 3-letter word gets no edits: fun~ finds fun only', async () => {
    expect(await names('fun~')).toEqual(['fun.txt']);
  });

  it('the tier holds with filters and other sorts leave it alone', async () => {
    const found = await names('ادلب~ lang:ar');
    expect(new Set(found.slice(0, 2))).toEqual(new Set(['idlib.txt', 'wa-idlib.txt']));
    expect((await archive.api.search({ query: 'ادلب~', sort: 'newest' })).total).toBe(7);
  });
});
