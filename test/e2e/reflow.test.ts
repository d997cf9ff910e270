// The reader shows hard-wrapped text (wire copy, a PDF's lines) as paragraphs, English and Arabic,
// with the search hits still marked where they are; the result snippet has no line breaks.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';
import { arabic, wire } from '../support/wrapped-texts.js';

let ui: SeededUi;
let page: Page;

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.importPaths({ paths: [writeFiles({ 'cocoa.txt': `Bahia cocoa review\n\n${wire}\n`, 'cameron.txt': `استراتيجية كاميرون\n\n${arabic}\n` })], tags: [] });
  });
  ({ page } = ui);
});

afterAll(async () => {
  await ui?.close();
});

const reader = () => page.getByRole('article');

async function open(query: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(query);
  const result = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first();
  await expect.poll(() => result.innerText(), { timeout: 10_000 }).toContain(query === 'temporao' ? 'temporao' : 'كاميرون');
  await result.click();
  await reader().locator('.article-body p').first().waitFor();
}

it('shows wire copy as its paragraphs, hits marked, and a snippet without line breaks', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill('temporao');
  const result = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first();
  await expect.poll(() => result.innerText(), { timeout: 10_000 }).toContain('temporao');
  expect(await result.locator('.result-snippet').innerText()).not.toMatch(/\n/u);
  await open('temporao');
  const paragraphs = reader().locator('.article-body p');
  expect(await paragraphs.allInnerTexts()).toEqual([
    'Bahia cocoa review',
    'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said.',
    'The dry period means the temporao will be late this year.',
    'Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season of 5.93 mln against 5.81 at the same stage last year, said the English-\u200Blanguage report.',
    'Reuter',
  ]);
  await expect.poll(() => reader().locator('mark').allInnerTexts()).toEqual(['temporao', 'temporao']);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, 'reflow-wire-copy.png') });
});

it('shows hard-wrapped Arabic as right-to-left paragraphs', async () => {
  await open('كاميرون');
  const paragraphs = reader().locator('.article-body p');
  expect(await paragraphs.count()).toBe(3); // the title line, then the two paragraphs
  expect(await paragraphs.nth(1).evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
  expect(await paragraphs.nth(1).innerText()).toMatch(/^حدد رئيس .* ينشرون التطرف\.$/u);
  expect(await paragraphs.nth(2).innerText()).toMatch(/^ورسم كاميرون .* المتطرفة\.$/u);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, 'reflow-arabic.png') });
});
