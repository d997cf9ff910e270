// Scanned-page fixtures made at test time (issue 13, OCR): a text rendered to a PDF by Chromium,
// rasterised by poppler's pdftoppm (an independent rasteriser, not our own renderer), and wrapped
// as an image-only PDF by a few lines of PDF writing here. Nothing big is committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { pdfFile } from './pdf-file.js';

const chromiumPath = process.env.KHIZANA_CHROMIUM ?? '/usr/bin/chromium';

/** A grey-scale raster: one byte per pixel, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  dpi: number;
  pixels: Uint8Array;
}

const escapeHtml = (s: string): string => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** Renders `text` (paragraphs split on newlines) to an A4 PDF with Chromium; returns its path. */
export async function renderTextPdf(text: string, outPath: string, options: { rtl: boolean; fontSizePt?: number }): Promise<string> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const paragraphs = text.split('\n').filter((l) => l.trim() !== '').map((l) => `<p>${escapeHtml(l)}</p>`).join('');
    const font = options.rtl ? "'Noto Naskh Arabic', 'Noto Sans Arabic'" : "'DejaVu Serif', serif";
    await page.setContent(`<html dir="${options.rtl ? 'rtl' : 'ltr'}"><body style="font-family:${font};font-size:${options.fontSizePt ?? 12}pt;line-height:1.6;margin:0">${paragraphs}</body></html>`);
    await page.pdf({ path: outPath, format: 'A4', margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
  } finally {
    await browser.close();
  }
  return outPath;
}

/** Rasterises one page of a PDF with pdftoppm (poppler-utils) at `dpi`, grey-scale. */
export function rasterisePage(pdfPath: string, dpi: number, page = 1): GrayImage {
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), pdfPath], {
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  return { ...parsePgm(pgm), dpi };
}

/** Rasterises the first page of a PDF to a grey-scale PNG with pdftoppm; returns its path. */
export function rasteriseToPng(pdfPath: string, dpi: number, outPrefix: string): string {
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', pdfPath, outPrefix], { timeout: 60_000 });
  return `${outPrefix}.png`;
}

/** Reads a binary PGM (P5, 8-bit) as pdftoppm writes it. */
export function parsePgm(bytes: Uint8Array): Omit<GrayImage, 'dpi'> {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/u.exec(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return { width, height, pixels: bytes.subarray(start, start + width * height) };
}

/** A page of an image-only PDF: a scan, nothing at all, or vector drawing only. */
export type FixturePage = { kind: 'scan'; image: GrayImage } | { kind: 'blank' } | { kind: 'vector' } | { kind: 'text'; line: string; repeat?: number };

/** Builds a PDF from pages: scans become one Flate-compressed grey image XObject filling the page. */
export function buildPdf(pages: FixturePage[]): Uint8Array {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  const catalogId = add('');
  const pagesId = add('');
  const fontId = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const pageIds: number[] = [];
  for (const page of pages) {
    let width = 595;
    let height = 842;
    let resources = '<< >>';
    let content = '';
    if (page.kind === 'scan') {
      width = (page.image.width * 72) / page.image.dpi;
      height = (page.image.height * 72) / page.image.dpi;
      const imageId = add(stream(
        `/Type /XObject /Subtype /Image /Width ${page.image.width} /Height ${page.image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
        zlib.deflateSync(page.image.pixels),
      ));
      resources = `<< /XObject << /Im0 ${imageId} 0 R >> >>`;
      content = `q ${width.toFixed(2)} 0 0 ${height.toFixed(2)} 0 0 cm /Im0 Do Q`;
    } else if (page.kind === 'vector') {
      content = '0 0 1 rg 100 100 300 200 re f 0 0 0 RG 4 w 50 700 m 500 600 l S';
    } else if (page.kind === 'text') {
      resources = `<< /Font << /F1 ${fontId} 0 R >> >>`;
      // `repeat` lines of it, down the page: a page that takes longer to read.
      const line = page.line.replace(/[()\\]/gu, '');
      content = `BT /F1 14 Tf 72 760 Td 16 TL (${line}) Tj${' T* (' + line + ') Tj'.repeat(Math.max(0, (page.repeat ?? 1) - 1))} ET`;
    }
    const contentId = add(stream('', Buffer.from(content, 'latin1')));
    pageIds.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${width.toFixed(2)} ${height.toFixed(2)}] /Resources ${resources} /Contents ${contentId} 0 R >>`));
  }
  objects[catalogId - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`, 'latin1');
  objects[pagesId - 1] = Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`, 'latin1');

return pdfFile(objects, `/Root ${catalogId} 0 R`);
}

/** Writes bytes to `dir/name` and returns the path. */
export function writeFixture(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
