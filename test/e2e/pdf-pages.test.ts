// PDF pages and originals in the browser UI (built UI, `khizana serve`, real Chromium): page
// markers in the text, go to page, the page view rendered by pdf.js with the search's hits over
// it, a search result's "p. 7" opening that page, and "Open original" downloading the archived
// bytes, all under the strict CSP.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { fixturesDir } from '../support/shared.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

const tracemonkey = path.join(fixturesDir, 'pdf/pdfjs-tracemonkey.pdf'); // 14 pages, English
const arabic = path.join(fixturesDir, 'pdf/kreuzberg-right_to_left_01.pdf'); // MS Word, Arabic
const scan = path.join(fixturesDir, 'pdf/kreuzberg-non_searchable.pdf'); // an image, no text layer
const savedPage = '<!doctype html><html><head><title>Saved page</title></head><body><p>zanzibar harbour, a saved page</p><script>alert("ran")</script></body></html>';

let ui: SeededUi;
let page: Page;
const problems: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    const report = await api.importPaths({ paths: [tracemonkey, arabic, scan, writeFiles({ 'saved page.html': savedPage })] });
    expect(report.imported).toBe(4);
  });
  ({ page } = ui);
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('worker', (worker) => worker.on('console', (m) => m.type() === 'error' && problems.push(`worker: ${m.text()}`)));
  // Violations the console does not show (a blocked worker, font or fetch) are events of the page.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  await page.reload(); // the token is in localStorage now
});

afterAll(async () => {
  await ui?.close();
});

async function shot(name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

async function searchFor(query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(query);
  await page.waitForTimeout(200); // the debounce
  await page.locator('.search-box:not(.busy)').waitFor();
}

/** How many of the canvas's sampled pixels are not white (the page has been drawn). */
function inkedPixels(): Promise<number> {
  return page.locator('.pdf-page canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4 * 7) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) inked++;
    return inked;
  });
}

/** The rendered page's number once it is ready. */
async function readyPage(): Promise<string> {
  await page.locator('.pdf-page[data-ready="true"]').waitFor({ timeout: 20_000 });
  return (await page.locator('.pdf-page canvas').getAttribute('data-page')) ?? '';
}

/**
 * Milliseconds from clicking `selector` (inside the page, so no driver round trip is counted) until
 * page `pageNumber` is drawn and its hits are placed.
 */
function msUntilRendered(selector: string, pageNumber: number, how: 'click' | 'submit' = 'click'): Promise<number> {
  return page.evaluate(
    ([selector, pageNumber, how]) =>
      new Promise<number>((resolve, reject) => {
        const done = (): boolean => document.querySelector(`.pdf-page[data-ready="true"] canvas[data-page="${pageNumber}"]`) !== null;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        setTimeout(() => reject(new Error(`page ${pageNumber} was not rendered within 20 s`)), 20_000);
        const target = document.querySelector<HTMLElement>(selector)!;
        if (how === 'submit') (target as HTMLFormElement).requestSubmit();
        else target.click();
      }),
    [selector, pageNumber, how] as const,
  );
}

/** Each hit box lies over the canvas. */
async function hitBoxesOverCanvas(): Promise<number> {
  const canvas = (await page.locator('.pdf-page canvas').boundingBox())!;
  const boxes = await page.locator('.pdf-hit').evaluateAll((hits) => hits.map((h) => h.getBoundingClientRect().toJSON() as DOMRect));
  for (const box of boxes) {
    expect(box.width).toBeGreaterThan(2);
    expect(box.height).toBeGreaterThan(4);
    expect(box.x).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(box.y).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }
  return boxes.length;
}

it('marks the pages of a PDF in its text and goes to a page', async () => {
  await searchFor('"trace trees"');
  await page.locator('.result', { hasText: 'Trace-based Just-in-Time' }).click();
  const body = page.locator('.article-body');
  await expect.poll(() => body.locator('.page-marker').count()).toBe(14);
  expect(await body.locator('.page-marker').first().textContent()).toBe('p. 1');

  await page.getByRole('spinbutton', { name: 'Go to page' }).fill('7');
  await page.getByRole('spinbutton', { name: 'Go to page' }).press('Enter');
  const marker = body.locator('.page-marker[data-page="7"]');
  await expect.poll(async () => {
    const [box, pane] = [await marker.boundingBox(), await page.locator('.reader-scroll:not([hidden])').boundingBox()];
    return box !== null && pane !== null && box.y >= pane.y - 1 && box.y < pane.y + 120;
  }).toBe(true);
  await shot('pdf-01-text-page-markers');
});

it('shows a page as printed, rendered by pdf.js, with the hits of that page marked over it, in under 300 ms', async () => {
  // The item has been open a moment: its PDF was fetched and opened with it.
  const firstMs = await msUntilRendered('.view-switch button:last-child', 7);
  expect(await readyPage()).toBe('7');
  expect(await inkedPixels()).toBeGreaterThan(500);

  // Page 1 has "trace trees" in its abstract.
  await page.getByRole('spinbutton', { name: 'Go to page' }).fill('1');
  const nextMs = await msUntilRendered('form.go-to-page', 1, 'submit');
  expect(await inkedPixels()).toBeGreaterThan(500);
  expect(await hitBoxesOverCanvas()).toBeGreaterThanOrEqual(1);
  console.log(`page view of the 14-page PDF: first page view ${Math.round(firstMs)} ms, another page ${Math.round(nextMs)} ms`);
  // The 300 ms figure is bench/pdf-page-view.ts's, run alone; here tests share 2 cores with other
  // test files, so this only catches a page view that waits for the PDF to load (over a second).
  expect(firstMs).toBeLessThan(1200);
  expect(nextMs).toBeLessThan(1200);
  await shot('pdf-02-page-view-hits');

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect.poll(() => page.locator('.pdf-page canvas').getAttribute('data-page')).toBe('2');
  await page.getByRole('button', { name: 'Text', exact: true }).click();
  await expect.poll(() => page.locator('.article-body .page-marker').count()).toBe(14);
});

it("opens a search result's page from its \"p. N\"", async () => {
  await page.reload(); // cold: no PDF open, pdf.js not loaded yet
  await searchFor('"measured speedups"');
  const result = page.locator('.result-slot', { hasText: 'Trace-based' });
  const label = (await result.locator('.result-page').textContent())!;
  expect(label).toMatch(/^p\. \d+$/);
  // Cold: pdf.js and its worker load, the PDF is fetched and opened, the page drawn.
  await page.locator('.result', { hasText: 'Trace-based' }).evaluate((row) => row.setAttribute('data-timed', ''));
  const coldMs = await msUntilRendered('.result-slot:has([data-timed]) .result-page', Number(label.slice(3)));
  console.log(`page view from a search result, PDF not open yet: ${Math.round(coldMs)} ms`);
  expect(await readyPage()).toBe(label.slice(3));
  expect(await page.getByRole('button', { name: 'Page', exact: true }).getAttribute('aria-pressed')).toBe('true');
  expect(await hitBoxesOverCanvas()).toBeGreaterThanOrEqual(1);
  expect(await inkedPixels()).toBeGreaterThan(500);
});

it('renders an Arabic PDF page with its hits', async () => {
  await searchFor('المبرمجين');
  const result = page.locator('.result-slot').first();
  await result.locator('.result-page').click();
  expect(await readyPage()).toBe('1');
  expect(await inkedPixels()).toBeGreaterThan(500);
  expect(await hitBoxesOverCanvas()).toBeGreaterThanOrEqual(1);
  await shot('pdf-03-arabic-page-view');
});

it('shows the page of a scan, which has no text to read', async () => {
  await searchFor('');
  await page.locator('.result', { hasText: 'non_searchable' }).click();
  await page.getByRole('button', { name: 'Page', exact: true }).click();
  expect(await readyPage()).toBe('1');
  expect(await inkedPixels()).toBeGreaterThan(500);
  await shot('pdf-04-scan-page-view');
});

it('"Open original" downloads the archived bytes of a PDF and of a saved web page, never showing the page', async () => {
  await searchFor('"trace trees"');
  await page.locator('.result', { hasText: 'Trace-based Just-in-Time' }).click();
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Open original' }).click()]);
  expect(pdfDownload.suggestedFilename()).toBe('pdfjs-tracemonkey.pdf');
  expect(fs.readFileSync((await pdfDownload.path())!).equals(fs.readFileSync(tracemonkey))).toBe(true);

  await searchFor('zanzibar');
  await page.locator('.result', { hasText: 'zanzibar' }).click();
  const pagesBefore = page.context().pages().length;
  const url = page.url();
  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Open original' }).click()]);
  expect(htmlDownload.suggestedFilename()).toBe('saved page.html');
  expect(fs.readFileSync((await htmlDownload.path())!, 'utf8')).toBe(savedPage);
  expect(page.url()).toBe(url);
  expect(page.context().pages().length).toBe(pagesBefore);
  expect(dialogs).toEqual([]); // the saved page's script never ran
});

it('broke no Content-Security-Policy rule and logged no error', async () => {
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(problems).toEqual([]);
});
