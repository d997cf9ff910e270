// Citations: items as CSL-JSON (names split or literal, partial dates, types by source, ISBN/DOI),
// then citation-js's BibTeX and RIS parsed back by citation-js give the same title, authors, date
// and URL (Arabic included); APA and Chicago text keep Arabic as Arabic, offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { cslDate, cslName, identifiers, toCslItem, type CslItem } from '../../../electron/core/cite/csl-item.js';
import { Cite } from '../../../electron/core/cite/citation-js.js';
import type { ItemDetail } from '../../../electron/shared/dto.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

describe('CSL-JSON of an item', () => {
  it('splits Latin personal names and keeps Arabic, single-word and organisation names literal', () => {
    expect(cslName('John Smith')).toEqual({ family: 'Smith', given: 'John' });
    expect(cslName('Smith, John A.')).toEqual({ family: 'Smith', given: 'John A.' });
    expect(cslName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(cslName('José  Saramago')).toEqual({ family: 'Saramago', given: 'José' });
    expect(cslName('محمد الأحمد')).toEqual({ literal: 'محمد الأحمد' });
    expect(cslName('الأحمد، محمد')).toEqual({ literal: 'الأحمد، محمد' });
    expect(cslName('Reuters')).toEqual({ literal: 'Reuters' });
    expect(cslName('Associated Press')).toEqual({ literal: 'Associated Press' });
    expect(cslName('BBC News Staff')).toEqual({ literal: 'BBC News Staff' });
  });

  it('takes partial dates as they are and finds ISBNs and DOIs', () => {
    expect(cslDate('2015')).toEqual({ 'date-parts': [[2015]] });
    expect(cslDate('2015-07')).toEqual({ 'date-parts': [[2015, 7]] });
    expect(cslDate('2015-07-21T10:00:00.000Z')).toEqual({ 'date-parts': [[2015, 7, 21]] });
    expect(cslDate(null)).toBeNull();
    expect(identifiers('urn:isbn:978-3-16-148410-0')).toEqual({ ISBN: '978-3-16-148410-0' });
    expect(identifiers('doi:10.1000/xyz123')).toEqual({ DOI: '10.1000/xyz123' });
    expect(identifiers('urn:uuid:1234')).toEqual({});
  });

  it('chooses the type by the source format and what it states', () => {
    const base: ItemDetail = {
      id: 7, uid: 'u', kind: 'article', title: 'T', text: '', html: null, lang: 'en', dir: 'ltr', authors: [], publication: null, url: null,
      sourceMeta: {}, edited: [], tags: [], notes: [], parentId: null, importedAt: '2026-12-07T10:00:00.000Z', updatedAt: '', publishedAt: null,
      pages: null, pageStarts: null, warnings: [], deletedAt: null,
      source: { path: 'a', format: 'html', sha256: 'x', encoding: null, bytes: 1 },
    };
    const type = (patch: Partial<ItemDetail>, format = 'html') => toCslItem({ ...base, ...patch, source: { ...base.source!, format } }).type;
    expect(type({})).toBe('webpage');
    expect(type({ publication: 'The Guardian', publishedAt: '2015-07-21' })).toBe('article-newspaper');
    expect(type({ publication: 'Reuters' }, 'txt')).toBe('article-newspaper');
    expect(type({}, 'txt')).toBe('article');
    expect(type({ sourceMeta: { identifier: 'urn:isbn:9780141439518' } }, 'epub')).toBe('book');
    expect(type({ sourceMeta: { identifier: '10.1000/xyz' } }, 'pdf')).toBe('article-journal');
    expect(type({}, 'eml')).toBe('personal_communication');
    expect(type({}, 'mhtml')).toBe('webpage');
    expect(type({ publication: 'Reuters' }, 'rtf')).toBe('article-newspaper');
    const web = toCslItem({ ...base, url: 'https://example.org/a', publication: 'Example', authors: ['Jane Doe'] });
    expect(web).toMatchObject({ accessed: { 'date-parts': [[2026, 12, 7]] }, 'container-title': 'Example', URL: 'https://example.org/a', 'citation-key': 'doe' });
    const book = toCslItem({ ...base, publication: 'Penguin', sourceMeta: { identifier: 'urn:isbn:9780141439518' } });
    expect(book).toMatchObject({ type: 'book', publisher: 'Penguin', ISBN: '9780141439518' });
    expect(book['container-title']).toBeUndefined();
  });
});

describe('cite', () => {
  let session: ArchiveSession;
  let arabic: number;
  let english: number;
  let note: number;

  beforeAll(async () => {
    session = await freshArchive();
    const dir = writeFiles({ 'ar.txt': 'خبر عن إدلب\n\nنص الخبر.', 'en.txt': 'Markets rally\n\nStocks rose today.' });
    const report = await session.api.importPaths({ paths: [dir] });
    [arabic, english] = ['ar.txt', 'en.txt'].map((name) => report.results.find((r) => r.path.endsWith(name))!.id!) as [number, number];
    await session.api.editItem({ id: arabic, title: 'الفصائل تسيطر على إدلب', authors: ['محمد الأحمد', 'Jane Doe'], publication: 'الجزيرة نت', publishedAt: '2015-07', url: 'https://www.aljazeera.net/news/2015/7/ادلب' });
    await session.api.editItem({ id: english, title: 'A study of markets', authors: ['John Smith'], publication: 'The Guardian', publishedAt: '2016-03-04', url: 'https://example.org/markets' });
    note = (await session.api.addNote({ text: 'a note', on: english })).id;
  });

  afterAll(async () => {
    await session.close();
  });

  const expected = {
    arabic: { title: 'الفصائل تسيطر على إدلب', authors: ['محمد الأحمد', 'Doe, Jane'], date: [2015, 7], url: 'https://www.aljazeera.net/news/2015/7/ادلب' },
    english: { title: 'A study of markets', authors: ['Smith, John'], date: [2016, 3, 4], url: 'https://example.org/markets' },
  };

  /** Title, authors ("Family, Given" or the literal name), date parts and URL of parsed CSL records. */
  function essentials(records: Array<Record<string, unknown>>) {
    return records.map((r) => ({
      title: r.title,
      authors: ((r.author ?? []) as Array<{ family?: string; given?: string; literal?: string }>).map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ')),
      date: (r.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0],
      // BibTeX percent-encodes a URL's non-ASCII letters: the same address.
      url: typeof r.URL === 'string' ? decodeURI(r.URL) : r.URL,
    }));
  }

  it('prints a CSL-JSON array', async () => {
    const { text, count } = await session.api.cite({ ids: [arabic, english], format: 'csl-json' });
    expect(count).toBe(2);
    const records = JSON.parse(text) as CslItem[];
    expect(records.map((r) => r.type)).toEqual(['article-newspaper', 'article-newspaper']);
    expect(essentials(records as unknown as Array<Record<string, unknown>>)).toEqual([expected.arabic, expected.english]);
  });

  it('writes BibTeX that citation-js reads back the same, Arabic included', async () => {
    const { text } = await session.api.cite({ ids: [arabic, english], format: 'bibtex' });
    expect(text).toContain('title = {الفصائل تسيطر على إدلب}');
    expect(text).toMatch(/@article\{khizana\d+,/);
    expect(text).toMatch(/@article\{smith2016study,/);
    const back = new Cite(text).data;
    expect(essentials(back)).toEqual([expected.arabic, expected.english]);
    expect(back.map((r) => r['container-title'])).toEqual(['الجزيرة نت', 'The Guardian']);
  });

  it('writes RIS that citation-js reads back the same, Arabic included', async () => {
    const { text } = await session.api.cite({ ids: [arabic, english], format: 'ris' });
    expect(text).toContain('TI  - الفصائل تسيطر على إدلب');
    expect(text).toContain('AU  - محمد الأحمد');
    const back = new Cite(text).data;
    expect(essentials(back)).toEqual([expected.arabic, expected.english]);
    expect(back.map((r) => r['container-title'])).toEqual(['الجزيرة نت', 'The Guardian']);
  });

  it('formats APA and Chicago author-date offline, Arabic kept as Arabic', async () => {
    const apa = (await session.api.cite({ ids: [english, arabic], format: 'text', style: 'apa' })).text;
    expect(apa).toContain('Smith, J. (2016, March 4). A study of markets. The Guardian. https://example.org/markets');
    expect(apa).toContain('محمد الأحمد, & Doe, J. (2015, July). الفصائل تسيطر على إدلب. الجزيرة نت. https://www.aljazeera.net/news/2015/7/ادلب');
    const chicago = (await session.api.cite({ ids: [english], format: 'text', style: 'chicago' })).text;
    expect(chicago).toContain('Smith, John. 2016. “A Study of Markets.” The Guardian, March 4, 2016. https://example.org/markets.');
    const arabicLocale = (await session.api.cite({ ids: [arabic], format: 'text', style: 'apa', locale: 'ar' })).text;
    expect(arabicLocale).toContain('(2015, يوليو)');
  });

  it('cites each item once and refuses notes', async () => {
    expect((await session.api.cite({ ids: [english, english], format: 'csl-json' })).count).toBe(1);
    const error = await session.api.cite({ ids: [note] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/is a note, not a source/) });
  });
});
