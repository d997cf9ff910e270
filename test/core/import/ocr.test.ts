// Issue 13, OCR end to end (integration: the built CLI, parser worker threads, tesseract): the
// sample Arabic article rendered by Chromium, rasterised by pdftoppm and imported as a scanned
// page inside a PDF with a text page, and as a 150 dpi PNG; a phrase from it is then found. The
// CLI runs without a network (unshare -rn) where the machine allows it: nothing is downloaded.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import type { ArchiveEvent, ImportProgress } from '../../../electron/shared/dto.js';
import { cliPath, repoRoot, tempDir } from '../../support/paths.js';
import { buildPdf, rasterisePage, rasteriseToPng, renderTextPdf, writeFixture } from '../../support/scan-fixtures.js';
import { sampleText } from '../../support/shared.js';

const dir = tempDir('khizana-ocr-test-');
const archive = path.join(dir, 'archive');
let mixedPdf = '';
let scanPng = '';
let scanOnlyPdf = '';
let textPdf = '';

const offline = spawnSync('unshare', ['-rn', 'true']).status === 0;

/** The built CLI, without a network when the machine can do that. */
function khizanaOffline(args: string[]): { status: number; stdout: string; stderr: string } {
  if (!fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js'))) throw new Error('the CLI is not built: run `npm run build` first');
  const command = offline ? ['unshare', ['-rn', process.execPath, cliPath, ...args]] as const : [process.execPath, [cliPath, ...args]] as const;
  const run = spawnSync(command[0], [...command[1]], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '' } });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  // The article's first two paragraphs: one page, rendered once by Chromium.
  const text = sampleText().split('\n').filter((l) => l.trim()).slice(0, 2).join('\n');
  textPdf = await renderTextPdf(text, path.join(dir, 'article.pdf'), { rtl: true, fontSizePt: 14 });
  const page300 = rasterisePage(textPdf, 300);
  mixedPdf = writeFixture(dir, 'mixed scan.pdf', buildPdf([{ kind: 'text', line: 'Quarterly zephyrine report, typed page' }, { kind: 'scan', image: page300 }]));
  scanOnlyPdf = writeFixture(dir, 'three scans.pdf', buildPdf([{ kind: 'scan', image: page300 }, { kind: 'scan', image: page300 }, { kind: 'scan', image: page300 }]));
  scanPng = rasteriseToPng(textPdf, 150, path.join(dir, 'photo of article'));
}, 120_000);

describe('OCR through the CLI', () => {
  it('imports a PDF with a scanned Arabic page and a 150 dpi PNG, and finds a phrase in both', () => {
    const imported = khizanaOffline(['--archive', archive, 'import', mixedPdf, scanPng]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/2 imported/u);
    expect(imported.stdout).toContain('text from OCR on 1 of 2 page(s)');

    const phrase = khizanaOffline(['--archive', archive, 'search', '"غرفة عمليات الفتح المبين"']);
    expect(phrase.stdout).toMatch(/2 results/u);
    // The scanned page is page 2 of the PDF: its hit says so (page markers kept).
    expect(phrase.stdout).toMatch(/p\. 2/u);
    const typed = khizanaOffline(['--archive', archive, 'search', 'zephyrine']);
    expect(typed.stdout).toMatch(/1 result/u);
  }, 150_000);
});

describe('image formats', () => {
  it('reads JPEG, TIFF and WebP; a damaged image fails alone with corrupt', async () => {
    const prefix = path.join(dir, 'formats');
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-jpeg', '-singlefile', textPdf, prefix]);
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-tiff', '-singlefile', textPdf, prefix]);
    const jpeg = await loadImage(fs.readFileSync(`${prefix}.jpg`));
    const canvas = createCanvas(jpeg.width, jpeg.height);
    canvas.getContext('2d').drawImage(jpeg, 0, 0);
    fs.writeFileSync(`${prefix}.webp`, await canvas.encode('webp', 90));
    const damaged = writeFixture(dir, 'damaged.png', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(400, 7)]));
    const formats = path.join(dir, 'formats-archive');
    const imported = khizanaOffline(['--archive', formats, 'import', `${prefix}.jpg`, `${prefix}.tif`, `${prefix}.webp`, damaged]);
    // The same page three times: a copy OCR read letter for letter like another is a duplicate by text.
    for (const ext of ['jpg', 'tif', 'webp']) expect(imported.stdout).toMatch(new RegExp(`(imported|duplicate) .*formats\\.${ext}`, 'u'));
    expect(imported.stdout).toMatch(/damaged\.png +\[corrupt\] this image is damaged or not a PNG, JPEG, TIFF or WebP image/u);
    expect(imported.stdout).toMatch(/, 1 failed/u);
    const found = khizanaOffline(['--archive', formats, 'search', '"حصيلة خسائر"']);
    expect(found.stdout).toMatch(/[1-3] results?/u);
  }, 200_000);
});

describe('OCR in the parser pool', () => {
  let session: ArchiveSession;
  const events: ImportProgress[] = [];
  beforeAll(async () => {
    session = await openArchive({
      dir: path.join(dir, 'pooled'),
      parseWorkers: 1,
      onEvent: (event: ArchiveEvent) => {
        if (event.type === 'importProgress') events.push(event.progress);
      },
    });
  });
  afterAll(async () => session?.close());

  it('reports OCR page progress, and cancelling stops OCR at once and stores nothing', async () => {
    const jobId = 'ocr-cancel';
    let cancelledAt = 0;
    const watch = setInterval(() => {
      if (cancelledAt === 0 && events.some((p) => p.jobId === jobId && (p.pages?.ocrPages ?? 0) >= 1)) {
        cancelledAt = Date.now();
        void session.api.cancelImport({ jobId });
      }
    }, 20);
    const report = await session.api.importPaths({ paths: [scanOnlyPdf], jobId });
    clearInterval(watch);
    expect(cancelledAt).toBeGreaterThan(0);
    expect(Date.now() - cancelledAt).toBeLessThan(3000); // one OCR page takes ~10 s here
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBe(0);
    const pages = events.find((p) => p.jobId === jobId && p.pages)!.pages!;
    expect(pages).toMatchObject({ file: scanOnlyPdf, total: 3 });
    expect((await session.api.stats()).articles).toBe(0);
  }, 120_000);
});
