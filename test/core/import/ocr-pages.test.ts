// Issue 13, without running OCR (that is test/core/import/ocr.test.ts, integration): which PDF
// pages are scans, blank or drawings; the page time limit; OCR text cleaning; the image formats.
import { describe, expect, it } from 'vitest';
import { parsePdf, noTextLayerWarning } from '../../../electron/core/import/formats/pdf.js';
import { formatForPath } from '../../../electron/core/import/formats/registry.js';
import { cleanOcrText, type OcrEngine } from '../../../electron/core/import/ocr/ocr-text.js';
import { noTextFoundWarning } from '../../../electron/core/import/ocr/pdf-scans.js';
import { defaultPageTimeLimits, pageTimeLimitMs, type PageProgress } from '../../../electron/core/import/page-hooks.js';
import { defaultParseLimits } from '../../../electron/core/import/parsed-document.js';
import { importFormatOf } from '../../../electron/shared/import-formats.js';
import { mimeTypeFor } from '../../../electron/shared/mime-types.js';
import { buildPdf, type FixturePage, type GrayImage } from '../../support/scan-fixtures.js';

/** A 300×400 px grey "scan" (stripes): an image, with nothing an OCR engine would read. */
const stripes: GrayImage = { width: 300, height: 400, dpi: 100, pixels: Uint8Array.from({ length: 300 * 400 }, (_, i) => (Math.floor(i / 300) % 20 < 10 ? 40 : 230)) };
const scan: FixturePage = { kind: 'scan', image: stripes };
const ctx = (pages?: Parameters<typeof parsePdf>[1]['pages']) => ({ path: '/in/file.pdf', limits: defaultParseLimits, ...(pages ? { pages } : {}) });

/** An OCR engine that reads every image as `text` and counts the calls. */
function fakeOcr(text: string): OcrEngine & { calls: number } {
  const engine = {
    calls: 0,
    async recognize() {
      engine.calls++;
      return text;
    },
    async close() {},
  };
  return engine;
}

describe('PDF pages without a text layer', () => {
  it('a blank or vector-only PDF is "no text found", not a scan', async () => {
    for (const pages of [[{ kind: 'blank' }], [{ kind: 'vector' }], [{ kind: 'blank' }, { kind: 'vector' }]] as FixturePage[][]) {
      const doc = await parsePdf(buildPdf(pages), ctx());
      expect(doc.text).toBe('');
      expect(doc.warnings).toEqual([noTextFoundWarning]);
    }
  });

  it('a PDF whose pages draw images is a scan: "no text layer" without OCR', async () => {
    const doc = await parsePdf(buildPdf([scan, { kind: 'blank' }]), ctx());
    expect(doc.warnings).toEqual([noTextLayerWarning]);
  });

  it('with OCR, image pages get OCR text in page order, text and blank pages do not go to OCR', async () => {
    const ocr = fakeOcr('نص من المسح الضوئي\nscanned words');
    const seen: PageProgress[] = [];
    const doc = await parsePdf(buildPdf([{ kind: 'text', line: 'First page text' }, scan, { kind: 'vector' }, { kind: 'blank' }]), ctx({ ocr, onPage: (p) => seen.push(p) }));
    expect(ocr.calls).toBe(1);
    expect(doc.pages).toBe(4);
    expect(doc.pageStarts).toHaveLength(4);
    const [, second, third] = doc.pageStarts!;
    expect(doc.text.slice(0, second)).toMatch(/^First page text\s*$/u);
    expect(doc.text.slice(second, third)).toMatch(/^نص من المسح الضوئي\nscanned words\s*$/u);
    expect(doc.warnings).toEqual(['text from OCR on 1 of 4 page(s) (scanned images): it may contain misread words']);
    expect(doc.title).toBeNull(); // the first page has text: its first line, as before
    // Page progress: the count first, then each page; the OCR page is announced before it is read.
    expect(seen[0]).toEqual({ done: 0, total: 4, ocrPages: 0 });
    expect(seen).toContainEqual({ done: 1, total: 4, ocrPages: 1 });
    expect(seen.at(-1)).toEqual({ done: 4, total: 4, ocrPages: 1 });
  });

  it('a PDF that starts with a scan is titled by its file name, not by what OCR read first', async () => {
    const doc = await parsePdf(buildPdf([scan]), ctx({ ocr: fakeOcr('IDRH\nreal heading') }));
    expect(doc.title).toBe('file.pdf');
    expect(doc.text).toBe('IDRH\nreal heading');
  });

  it('a scan page OCR finds nothing on is still named, beside pages with text', async () => {
    const doc = await parsePdf(buildPdf([{ kind: 'text', line: 'Some text' }, scan]), ctx({ ocr: fakeOcr('  \n ') }));
    expect(doc.warnings).toEqual(['1 of 2 pages are scanned images without text that OCR could read; only the text of the others is searchable']);
  });
});

describe('the time limit of a long PDF', () => {
  it('grows with the pages and the OCR pages', () => {
    const limits = { baseMs: 1000, perPageMs: 10, perOcrPageMs: 500 };
    expect(pageTimeLimitMs(limits, null)).toBe(1000);
    expect(pageTimeLimitMs(limits, { done: 0, total: 100, ocrPages: 0 })).toBe(2000);
    expect(pageTimeLimitMs(limits, { done: 5, total: 100, ocrPages: 2 })).toBe(3000);
    // 14,000 pages (the file) get over 13 minutes, not 2.
    expect(pageTimeLimitMs(defaultPageTimeLimits, { done: 0, total: 14_000, ocrPages: 0 })).toBeGreaterThan(13 * 60_000);
  });

  it('past the limit, the pages read so far are kept with a warning', async () => {
    let calls = 0;
    const pages: FixturePage[] = Array.from({ length: 12 }, (_, i) => ({ kind: 'text', line: `Page number ${i + 1}` }));
    const doc = await parsePdf(buildPdf(pages), ctx({ outOfTime: () => ++calls > 5 }));
    expect(doc.pages).toBe(12);
    expect(doc.pageStarts).toHaveLength(5);
    expect(doc.text).toContain('Page number 5');
    expect(doc.text).not.toContain('Page number 6');
    expect(doc.warnings).toEqual([expect.stringMatching(/^only the first 5 of 12 pages were read: the time limit for this file ran out/u)]);
  });
});

describe('cancelling a PDF being read in this thread', () => {
  it('stops between pages with cancelled', async () => {
    const cancel = new AbortController();
    const ocr = fakeOcr('text');
    const pages: FixturePage[] = [scan, scan, scan, scan];
    const reading = parsePdf(buildPdf(pages), ctx({ ocr, signal: cancel.signal, onPage: (p) => p.ocrPages === 2 && cancel.abort() }));
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
    expect(ocr.calls).toBe(2); // the page being read is finished, the next is not started
  });
});

describe('OCR text and image formats', () => {
  it('OCR text loses bidi marks and extra blank lines', () => {
    expect(cleanOcrText('\u200Eسطر\u200F  أول\n\n\n\nsecond\tline \f')).toBe('سطر أول\n\nsecond line');
  });
  it('PNG, JPEG, TIFF and WebP files are imported as images', () => {
    for (const name of ['a.png', 'b.JPG', 'c.jpeg', 'd.tif', 'e.TIFF', 'f.webp']) {
      expect(importFormatOf(name), name).toBe('image');
      expect(formatForPath(`/in/${name}`)?.format, name).toBe('image');
    }
    expect(mimeTypeFor('scan.tiff')).toBe('image/tiff');
  });
});
