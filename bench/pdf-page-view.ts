// How long the reader's page view of a 14-page PDF takes to show, in real Chromium against
// `khizana serve` and the built UI (run `npm run build` first):
//
//   node --import tsx bench/pdf-page-view.ts [--runs 7] [--json]
//
// Per run, in a fresh browser page: open the item from a search (its PDF is fetched and opened
// with it), then time a click on "Page" until page 1 is drawn with its hits boxed ("first page
// view"), "go to page 7" ("another page"), and after a reload a search result's "p. N" with
// nothing open and pdf.js not loaded ("cold": pdf.js, its worker, the fetch, the parse, the page).
// Times are taken inside the page, from the click to the drawn page.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { openArchive } from '../electron/core/archive.js';
import { serveArchive } from '../electron/web/serve-archive.js';
import { repoRoot } from './corpus.js';
import { percentile, round } from './measure.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const pdf = path.resolve(repoRoot, '../shared/fixtures/pdf/pdfjs-tracemonkey.pdf');
const ui = path.join(repoRoot, 'dist/renderer');
if (!fs.existsSync(path.join(ui, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first');

// Page-side code as text: tsx (esbuild keepNames) would wrap a function in a `__name` helper the
// page does not have.
const timeRender = `([selector, n, how]) => new Promise((resolve, reject) => {
  const done = () => document.querySelector('.pdf-page[data-ready="true"] canvas[data-page="' + n + '"]') !== null;
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    resolve(performance.now() - start);
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  setTimeout(() => reject(new Error('page ' + n + ' not drawn in 20 s')), 20000);
  const target = document.querySelector(selector);
  if (how === 'submit') target.requestSubmit(); else target.click();
})`;

/** Milliseconds from clicking (or submitting) `selector` until page `n` is drawn and its hits placed. */
function msUntilRendered(page: Page, selector: string, n: number, how: 'click' | 'submit' = 'click'): Promise<number> {
  return page.evaluate(`(${timeRender})(${JSON.stringify([selector, n, how])})`) as Promise<number>;
}

async function searchFor(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(query);
  await page.waitForTimeout(250);
  await page.locator('.search-box:not(.busy)').waitFor();
  await page.locator('.result').first().waitFor();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-bench-pdf-'));
try {
  const seeding = await openArchive({ dir: path.join(dir, 'archive'), parseWorkers: 0 });
  await seeding.api.importPaths({ paths: [pdf] });
  await seeding.close();
  const server = await serveArchive({ dir: path.join(dir, 'archive'), staticDir: ui });
  const browser = await chromium.launch({
    executablePath: process.env.KHIZANA_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const first: number[] = [];
  const another: number[] = [];
  const cold: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      await searchFor(page, '"trace trees"');
      await page.locator('.result').first().click();
      await page.locator('.article-body .page-marker').first().waitFor();
      await page.waitForTimeout(1500); // reading the text a moment: the PDF opens meanwhile
      first.push(await msUntilRendered(page, '.view-switch button:last-child', 1));
      await page.getByRole('spinbutton', { name: 'Go to page' }).fill('7');
      another.push(await msUntilRendered(page, 'form.go-to-page', 7, 'submit'));
      await page.reload();
      await searchFor(page, '"measured speedups"');
      const n = Number((await page.locator('.result-page').first().textContent())!.slice(3));
      cold.push(await msUntilRendered(page, '.result-page', n));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const stats = (xs: number[]) => ({ median: round(percentile(xs, 50), 0), max: round(Math.max(...xs), 0) });
  const result = { pdf: path.basename(pdf), pages: 14, runs, loadAverage: os.loadavg().map((l) => round(l, 2)), firstPageViewMs: stats(first), anotherPageMs: stats(another), coldFromResultMs: stats(cold) };
  console.log(`page view of ${result.pdf} (14 pages), ${runs} runs, load average ${result.loadAverage.join(' ')}`);
  console.log(`  first page view, item open:     median ${result.firstPageViewMs.median} ms, max ${result.firstPageViewMs.max} ms`);
  console.log(`  another page:                   median ${result.anotherPageMs.median} ms, max ${result.anotherPageMs.max} ms`);
  console.log(`  cold, from a result's "p. N":   median ${result.coldFromResultMs.median} ms, max ${result.coldFromResultMs.max} ms`);
  if (values.json) console.log(JSON.stringify(result));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
