// Issue 13 in the browser UI (built UI, real Chromium): a scanned Arabic PDF page and a photo of
// a page (PNG), imported through the API like the app does, are found by a phrase they contain;
// the reader shows their text and the "text from OCR" warning, and the PDF's hit its page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../support/paths.js';
import { buildPdf, rasterisePage, rasteriseToPng, renderTextPdf, writeFixture } from '../support/scan-fixtures.js';
import { sampleText } from '../support/shared.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;

beforeAll(async () => {
  const dir = tempDir('khizana-ocr-ui-');
  const text = sampleText().split('\n').filter((l) => l.trim()).slice(0, 2).join('\n');
  const textPdf = await renderTextPdf(text, path.join(dir, 'article.pdf'), { rtl: true, fontSizePt: 14 });
  const scanPdf = writeFixture(dir, 'scanned letter.pdf', buildPdf([{ kind: 'text', line: 'Cover page' }, { kind: 'scan', image: rasterisePage(textPdf, 300) }]));
  const photo = rasteriseToPng(textPdf, 200, path.join(dir, 'photo of a page'));
  ui = await openSeededUi(async (api) => {
    const report = await api.importPaths({ paths: [scanPdf, photo] });
    expect(report.imported).toBe(2);
  });
  ({ page } = ui);
}, 240_000);
afterAll(async () => ui?.close());

it('finds a phrase read by OCR in a scanned PDF page and in an image, and says the text is from OCR', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill('"قتل وجرح أكثر"');
  await page.waitForTimeout(200); // the debounce
  await page.locator('.search-box:not(.busy)').waitFor();
  await expect.poll(() => page.locator('.result').count()).toBe(2);
  const pdfResult = page.locator('.result-slot', { hasText: 'Cover page' });
  await expect.poll(() => pdfResult.locator('.result-page').textContent()).toMatch(/2/u);

  await page.locator('.result', { hasText: 'photo of a page.png' }).click();
  const warnings = page.getByRole('list', { name: 'Import warnings' });
  await expect.poll(() => warnings.textContent()).toContain('text from OCR');
  await expect.poll(() => page.locator('article').first().textContent()).toContain('قتل وجرح أكثر');
  await page.screenshot({ path: path.join(screenshotsDir, 'ocr-01-image-in-reader.png') });
});
