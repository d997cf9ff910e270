import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArchiveError } from '../../../../electron/shared/errors.js';
import {
  noTextLayerWarning,
  parsePdf,
  parsePdfDetailed,
  pdfDateToIso,
  usableTitle,
} from '../../../../electron/core/import/formats/pdf.js';
import type { ParseContext, ParsedDocument } from '../../../../electron/core/import/parsed-document.js';
import { collapse, ctx as parseContext, errorOf, parseFile as parseFileWith, type LimitOverrides } from '../../../support/parser-harness.js';
import { repoRoot } from '../../../support/paths.js';
import { fixturesDir, sampleText } from '../../../support/shared.js';

const shared = (p: string): string => path.resolve(fixturesDir, p);
// Our own fixture: ../shared/samples/idlib-ar.txt set in DejaVu Sans (right-to-left paragraphs,
// language ar-SY for complex text) in a flat ODT and exported by LibreOffice 7.4 with
// `soffice --headless --convert-to pdf`; pdf.js reads its lam-alef ligatures reversed.
const idlibPdf = path.resolve(repoRoot, 'test/fixtures/pdf/idlib-ar-libreoffice.pdf');
const sample = sampleText();

// "Secret report" on one page, encrypted by `qpdf --encrypt secret-user secret-owner 256`.
const userPasswordPdf =
  'JVBERi0xLjcKJb/3ov4KMSAwIG9iago8PCAvRXh0ZW5zaW9ucyA8PCAvQURCRSA8PCAvQmFzZVZlcnNpb24gLzEuNyAvRXh0ZW5zaW9uTGV2ZWwgOCA+PiA+PiAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIgL01lZGlhQm94IFsgMCAwIDMwMCAxMDAgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSID4+ID4+IC9UeXBlIC9QYWdlID4+CmVuZG9iago0IDAgb2JqCjw8IC9MZW5ndGggODAgL0ZpbHRlciAvRmxhdGVEZWNvZGUgPj4Kc3RyZWFtCrn0ysNI+s+oFzZAjDIhF9Qo4ToyWQmou5Gx+/mwqRnDPwtNDtjfh6dZQeEsYR+G/1lOZvRoXAn7QadZrWC/xwqlj81BtwFkN+psoI3c+3tDZW5kc3RyZWFtCmVuZG9iago1IDAgb2JqCjw8IC9CYXNlRm9udCAvSGVsdmV0aWNhIC9TdWJ0eXBlIC9UeXBlMSAvVHlwZSAvRm9udCA+PgplbmRvYmoKNiAwIG9iago8PCAvQ0YgPDwgL1N0ZENGIDw8IC9BdXRoRXZlbnQgL0RvY09wZW4gL0NGTSAvQUVTVjMgL0xlbmd0aCAzMiA+PiA+PiAvRmlsdGVyIC9TdGFuZGFyZCAvTGVuZ3RoIDI1NiAvTyA8N2I0OWZkZTIxNDBhMDVmZjAxNGQzMmQzMTYyZDU2NTFkN2Y2YmQzNGNkNDM1YjQzYjJhZmM1NGEyYzQ4ZDZhMjNhYmM4MWFlNjA1YmNmM2JhYWUwYmFhMDc1MTNkNWYyPiAvT0UgPGQxMDk0ZDhhYTQ3YmUyN2Y0NGUzYTAzMTFlMGI1OGQ4ODQ4YzMyNDRhYjI1YzlkMzRkM2NmNWU0NWY5N2Q3MDI+IC9QIC00IC9QZXJtcyA8NmI3ZGU2ZGNmOGQwNWE4OGQxMjdmNDI1MzA5NjkzNTU+IC9SIDYgL1N0bUYgL1N0ZENGIC9TdHJGIC9TdGRDRiAvVSA8ZDhhZjVmOTVmNGVmOWY2OWMzODEyOWNhNDZmMjFiMTljZWY3ZjBkNWY1YTMwZDU3YTcyYTVmYzhhYjI4NmIwODc2ZGI3NWVkYTZkODM4YmFlY2I3Y2ZmZDY0Y2MyOTQzPiAvVUUgPDRkMWNiMjUxNGVhYzg4YzE1OWI1ZDgzNWMyYzNlZWU5MDA0ZmE5YWYzZDgyZTU2OTg1YTU2MTc0ZDMyNTFmZWM+IC9WIDUgPj4KZW5kb2JqCnhyZWYKMCA3CjAwMDAwMDAwMDAgNjU1MzUgZiAKMDAwMDAwMDAxNSAwMDAwMCBuIAowMDAwMDAwMTMwIDAwMDAwIG4gCjAwMDAwMDAxODkgMDAwMDAgbiAKMDAwMDAwMDMxNyAwMDAwMCBuIAowMDAwMDAwNDY3IDAwMDAwIG4gCjAwMDAwMDA1MzcgMDAwMDAgbiAKdHJhaWxlciA8PCAvUm9vdCAxIDAgUiAvU2l6ZSA3IC9JRCBbPDBiNmYxMzhjZThjYzQ0YTE1ZTdjNWRmZjI0NGE3ZDBhPjwwYjZmMTM4Y2U4Y2M0NGExNWU3YzVkZmYyNDRhN2QwYT5dIC9FbmNyeXB0IDYgMCBSID4+CnN0YXJ0eHJlZgoxMDg0CiUlRU9GCg==';

// The same page with only an owner password (`qpdf --encrypt "" only-owner 256 --print=none`):
// anyone may open it, so it imports like any other PDF.
const ownerPasswordPdf =
  'JVBERi0xLjcKJb/3ov4KMSAwIG9iago8PCAvRXh0ZW5zaW9ucyA8PCAvQURCRSA8PCAvQmFzZVZlcnNpb24gLzEuNyAvRXh0ZW5zaW9uTGV2ZWwgOCA+PiA+PiAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIgL01lZGlhQm94IFsgMCAwIDMwMCAxMDAgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSID4+ID4+IC9UeXBlIC9QYWdlID4+CmVuZG9iago0IDAgb2JqCjw8IC9MZW5ndGggODAgL0ZpbHRlciAvRmxhdGVEZWNvZGUgPj4Kc3RyZWFtChVo7LTaG6JEH+VGSKg+a0SHqfuOLotEi8z0G3297NB9dvR9rYosTCOzo9avCoIAcugFneelS6xEV5c3w2kEDxhOCp6zT1sLl7OnRRPipAjhZW5kc3RyZWFtCmVuZG9iago1IDAgb2JqCjw8IC9CYXNlRm9udCAvSGVsdmV0aWNhIC9TdWJ0eXBlIC9UeXBlMSAvVHlwZSAvRm9udCA+PgplbmRvYmoKNiAwIG9iago8PCAvQ0YgPDwgL1N0ZENGIDw8IC9BdXRoRXZlbnQgL0RvY09wZW4gL0NGTSAvQUVTVjMgL0xlbmd0aCAzMiA+PiA+PiAvRmlsdGVyIC9TdGFuZGFyZCAvTGVuZ3RoIDI1NiAvTyA8ZjMxMzU5MzA0MTc5MTllNTI4ZGMwMzc1ZGEwODE0OGYwODhkNGE5NzU1Y2M5OWZkMDc2YWE3MzdhZjZlYWY0NmZkMDRlOWQwZjdhY2E2MmE1OWJkZTUwOGUyMzQ4OGUxPiAvT0UgPDMxYWY2ZTM4MjI3ZTFiMmJjYmYxNDEzMTRmYmVkMTEwNjdkOTFmNDAyZTRmNjU4Yjc0NzI1MjAwMWQxNjE3NmE+IC9QIC0zMzc2IC9QZXJtcyA8ODJjMDhlODA4YmI3ZTc4NGU2YzY3Y2UwOTNjZWUxNzg+IC9SIDYgL1N0bUYgL1N0ZENGIC9TdHJGIC9TdGRDRiAvVSA8MzY0YmYxMDNkZTkzZDU1NmJlZTQ2NjUzYzQ3ZTYyZTk4ZjQ0MzhkOTNmNGFjMDE4MDhhYzAwNWE5OGFhODFmODcxNTU4YTRkMWZiODAyOGYyNWQ0M2E3NGU5MWJiZmJlPiAvVUUgPGM5OGY1OTliNmFlNDZmZDcxYzc5ZGYzOWMzYmMwOTc1OGJmZWQ2NWI3ZGM4MjBlOGY4MzE5MmY2ZGIwNjIyMTM+IC9WIDUgPj4KZW5kb2JqCnhyZWYKMCA3CjAwMDAwMDAwMDAgNjU1MzUgZiAKMDAwMDAwMDAxNSAwMDAwMCBuIAowMDAwMDAwMTMwIDAwMDAwIG4gCjAwMDAwMDAxODkgMDAwMDAgbiAKMDAwMDAwMDMxNyAwMDAwMCBuIAowMDAwMDAwNDY3IDAwMDAwIG4gCjAwMDAwMDA1MzcgMDAwMDAgbiAKdHJhaWxlciA8PCAvUm9vdCAxIDAgUiAvU2l6ZSA3IC9JRCBbPDZlZWI1N2VmYzc0MzAyZWU1ZmYzZDU4MzkzYjA1NTc0Pjw2ZWViNTdlZmM3NDMwMmVlNWZmM2Q1ODM5M2IwNTU3ND5dIC9FbmNyeXB0IDYgMCBSID4+CnN0YXJ0eHJlZgoxMDg3CiUlRU9GCg==';

/** A context for bytes that come from no file. */
const ctx = (limits: LimitOverrides = {}): ParseContext => parseContext('test.pdf', limits);

const parseFile = (file: string, limits: LimitOverrides = {}): Promise<ParsedDocument> => parseFileWith(parsePdf, file, limits);

describe('parsePdf on real documents', () => {
  // CMaps and standard fonts come from the installed package, read from disk: never fetched.
  beforeEach(() => {
    vi.spyOn(globalThis, 'fetch');
  });
  afterEach(() => {
    expect(globalThis.fetch).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('reads the MS Word Arabic PDF in logical order with its lam-alef ligatures repaired', async () => {
    const doc = await parseFile(shared('pdf/kreuzberg-right_to_left_01.pdf'));
    const text = collapse(doc.text);
    expect(text).toContain('يمكن للمبرمجين استخدام');
    expect(text).toContain('الإنتاجية');
    expect(text).toContain('المشكلات');
    expect(text).toContain('من خلال البرمجة');
    expect(text).not.toMatch(/اإلنتاجية|المشكالت|خالل/u);
    // A Latin run between Arabic runs keeps its place and its spaces.
    expect(text).toContain('استخدام R و Python لتنفيذ');
    // No title in the metadata: the heading, set larger than the body, is taken.
    expect(doc.title).toBe('تحسين الإنتاجية وحل المشكلات من خلال البرمجة بلغة R وPython');
    expect(doc.authors).toEqual(['Ahmad Jaber T Algadeeb']);
    expect(doc.publishedAt).toBe('2024-11-01T15:36:20+03:00');
    // The catalog says en-US (Word's default); the text is plainly Arabic.
    expect(doc.lang).toBe('ar');
    expect(doc.pages).toBe(1);
    expect(doc.pageStarts).toEqual([0]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads Arabic presentation forms and visually ordered words (pdf.js ArabicCIDTrueType)', async () => {
    const doc = await parseFile(shared('pdf/pdfjs-ArabicCIDTrueType.pdf'));
    // Four lines, one per font; each drawn word by word from left to right.
    expect(doc.text.split('\n')).toEqual(Array(4).fill('انواع الخطوط العربية'));
    expect(doc.lang).toBe('ar');
    expect(doc.publishedAt).toBe('2011-07-05T11:33:19+01:00');
  });

  it('reads our LibreOffice Arabic PDF: every word of the source article, in order', async () => {
    const result = await parsePdfDetailed(new Uint8Array(fs.readFileSync(idlibPdf)), ctx());
    const doc = result.document;
    const text = collapse(doc.text);
    expect(result.lamAlefSwap).toEqual({ isolated: true, final: true });
    expect(text).toContain('خلال');
    expect(text).toContain('الأحد');
    expect(text).toContain('"ولا تهنوا"');
    expect(text).toContain('اليوم الأحد، عن حصيلة خسائر قوات نظام الأسد وميليشياتها خلال 24 ساعة في محاور');
    expect(text).not.toMatch(/خالل|األحد|(?:^|\s)وال(?:\s|$)/u);
    const words = (s: string): string[] => s.normalize('NFKC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
    expect(words(doc.text)).toEqual(words(sample));
    // LibreOffice writes /Lang en-US from its default western language.
    expect(doc.lang).toBe('ar');
    expect(doc.title).toBeNull(); // one type size throughout: no heading to take
    expect(doc.pages).toBe(1);
  });

  it('reads the 14-page English paper, page by page', async () => {
    const bytes = new Uint8Array(fs.readFileSync(shared('pdf/pdfjs-tracemonkey.pdf')));
    const doc = await parsePdf(bytes, ctx());
    const text = collapse(doc.text);
    expect(text).toContain('trace trees');
    expect(text).toContain('measured speedups of 10x and more');
    expect(text).toContain('interprocedural analysis'); // "interpro-" + "cedural" across lines
    // No Title in its metadata: the largest type on page 1, over two lines.
    expect(doc.title).toBe('Trace-based Just-in-Time Type Specialization for Dynamic Languages');
    expect(doc.lang).toBe('en');
    expect(doc.publishedAt).toBe('2009-04-01T16:39:25-07:00');
    expect(doc.authors).toEqual([]);
    expect(doc.pages).toBe(14);
    const starts = doc.pageStarts!;
    expect(starts).toHaveLength(14);
    expect(starts[0]).toBe(0);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]).toBeGreaterThan(starts[i - 1]!);
      expect(doc.text.slice(starts[i]! - 2, starts[i])).toBe('\n\n');
    }
    expect(doc.text.slice(starts[1]!)).toMatch(/^Hence, recording and compiling a trace speculates/u);
    // The caller's bytes are not detached (pdf.js gets a copy).
    expect(bytes.byteLength).toBe(fs.statSync(shared('pdf/pdfjs-tracemonkey.pdf')).size);
    // Same bytes, same text.
    expect((await parsePdf(bytes, ctx())).text).toBe(doc.text);
  });

  it('imports a scanned PDF without a text layer, with a clear warning', async () => {
    const doc = await parseFile(shared('pdf/kreuzberg-non_searchable.pdf'));
    expect(doc.text).toBe('');
    expect(doc.warnings).toEqual([noTextLayerWarning]);
    expect(doc.pages).toBe(1);
    expect(doc.pageStarts).toEqual([0]);
    expect(doc.title).toBeNull(); // its metadata says "Untitled"
    expect(doc.authors).toEqual(['Dell']);
  });
});

describe('parsePdf on bad input', () => {
  beforeEach(() => {
    vi.spyOn(console, 'log');
    vi.spyOn(console, 'warn');
    vi.spyOn(console, 'error');
  });
  afterEach(() => {
    // pdf.js must stay quiet: the CLI prints JSON on stdout.
    expect(console.log).not.toHaveBeenCalled();
    expect(console.warn).not.toHaveBeenCalled();
    expect(console.error).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('rejects a password-protected PDF as encrypted', async () => {
    const error = await errorOf(parsePdf(new Uint8Array(Buffer.from(userPasswordPdf, 'base64')), ctx()));
    expect(error.code).toBe('encrypted');
    expect(error.message).toMatch(/password-protected/u);
  });

  it('reads a PDF that only restricts printing and editing (owner password)', async () => {
    const doc = await parsePdf(new Uint8Array(Buffer.from(ownerPasswordPdf, 'base64')), ctx());
    expect(doc.text).toBe('Secret report');
  });

  it('recovers the text of a PDF with broken objects and xref (pdf.js helloworld-bad)', async () => {
    const doc = await parseFile(shared('hostile/pdfjs-helloworld-bad.pdf'));
    expect(doc.text).toContain('Hello, world!');
  });

  it('rejects garbage named .pdf as corrupt', async () => {
    const text = new TextEncoder().encode('<html><body>not a PDF at all</body></html>\n'.repeat(40));
    const error = await errorOf(parsePdf(text, ctx()));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/damaged or not a PDF/u);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect((await errorOf(parsePdf(random, ctx()))).code).toBe('corrupt');
  });

  it('rejects the first half of a real PDF as corrupt, without hanging', async () => {
    const bytes = fs.readFileSync(shared('pdf/pdfjs-tracemonkey.pdf'));
    const half = new Uint8Array(bytes.subarray(0, bytes.length >> 1));
    const started = Date.now();
    const outcome = await parsePdf(half, ctx()).then(
      (doc) => ({ doc, code: null }),
      (error: unknown) => ({ doc: null, code: error instanceof ArchiveError ? error.code : 'other' }),
    );
    // pdf.js 5.6 gives up on the missing cross-reference table; a partial text would do too.
    expect(outcome.code === 'corrupt' || (outcome.doc?.pages ?? 0) > 0).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('rejects an empty file as empty', async () => {
    expect((await errorOf(parsePdf(new Uint8Array(0), ctx()))).code).toBe('empty');
    expect((await errorOf(parsePdf(new TextEncoder().encode(' \n'), ctx()))).code).toBe('empty');
  });

  it('respects the file and text size limits', async () => {
    const bytes = new Uint8Array(fs.readFileSync(shared('pdf/pdfjs-tracemonkey.pdf')));
    expect((await errorOf(parsePdf(bytes, ctx({ maxFileBytes: 1000 })))).code).toBe('too-large');
    const error = await errorOf(parsePdf(bytes, ctx({ maxTextChars: 10_000 })));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/10000-character limit/u);
  });
});

describe('metadata helpers', () => {
  it('turns PDF dates into ISO 8601, keeping the offset', () => {
    expect(pdfDateToIso("D:20241101153620+03'00'")).toBe('2024-11-01T15:36:20+03:00');
    expect(pdfDateToIso("D:20090401163925-07'00'")).toBe('2009-04-01T16:39:25-07:00');
    expect(pdfDateToIso("D:20261126151550Z'")).toBe('2026-11-26T15:15:50Z');
    expect(pdfDateToIso('D:20131008132140')).toBe('2013-10-08T13:21:40');
    expect(pdfDateToIso('D:2013')).toBe('2013-01-01');
    expect(pdfDateToIso('D:20131399')).toBeNull();
    expect(pdfDateToIso('yesterday')).toBeNull();
    expect(pdfDateToIso(undefined)).toBeNull();
  });

  it('keeps real titles and drops writer-made ones', () => {
    expect(usableTitle('Trace-based Just-in-Time Type Specialization')).toBe('Trace-based Just-in-Time Type Specialization');
    expect(usableTitle('تقرير إدلب')).toBe('تقرير إدلب');
    for (const junk of ['Untitled', 'Microsoft Word - report final.docx', 'report.doc', 'C:\\Users\\x\\a', '', '   ', '---', 'Document1']) {
      expect(usableTitle(junk)).toBeNull();
    }
    expect(usableTitle(42)).toBeNull();
  });
});

describe('other readings of lam-alef words are indexed, hidden', () => {
  it('a PDF whose lam-alef ligatures were reversed carries the other readings of its ambiguous words', async () => {
    const doc = await parseFile(idlibPdf);
    expect(doc.hiddenSearchWords).not.toBeNull();
    expect(doc.hiddenSearchWords!.split(' ').length).toBeGreaterThan(0);
    expect(doc.text).not.toContain(doc.hiddenSearchWords!.split(' ')[0]!); // never shown
  });
  it('a PDF without Arabic has none', async () => {
    expect((await parseFile(path.join(fixturesDir, 'pdf/pdfjs-tracemonkey.pdf'))).hiddenSearchWords).toBeNull();
  });
});
