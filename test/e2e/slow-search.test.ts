// A search that takes a while never shows the previous query's rows and count as its own: after
// ~150 ms the list is dimmed and aria-busy and the count reads "Searching…" (use-paged-search.ts).
// The search request is held in the page (Playwright route) and then sent to the real server.
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;

beforeAll(async () => {
  ui = await openSeededUi(async (seed) => {
    await seed.importPaths({
      paths: [writeFiles({
        'a.txt': 'Olive harvest\n\nThe olive harvest began early.',
        'b.txt': 'Olive oil\n\nOlive oil prices rose.',
        'c.txt': 'Olive trees\n\nOld olive trees in the hills.',
        'd.txt': 'Wheat\n\nThe wheat harvest was poor.',
      })],
      tags: [],
    });
  });
  ({ page } = ui);
});

afterAll(async () => {
  await ui?.close();
});

const count = () => page.locator('.result-count').innerText();
const list = () => page.locator('#results-list');

it('a slow search dims the old results, marks the list busy and does not show the old count', async () => {
  const box = page.getByRole('searchbox').first();
  await box.fill('olive');
  await expect.poll(count).toBe('3 results');
  await expect.poll(() => list().getAttribute('aria-busy')).toBe('false');

  // Hold every search for "wheat" until released; then it goes to the real server as sent.
  const held: Route[] = [];
  await page.route('**/api/search', async (route) => {
    if (JSON.parse(route.request().postData() ?? '{}').query?.includes('wheat')) held.push(route);
    else await route.continue();
  });
  await box.fill('wheat');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect.poll(count).toBe('Searching…');
  expect(await list().getAttribute('aria-busy')).toBe('true');
  expect(await page.locator('.results-scroll').getAttribute('class')).toContain('stale');
  expect(Number(await page.locator('.results-scroll').evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(1);
  // The status region says so too (it is what a screen reader announces, politely).
  expect(await page.getByRole('status').filter({ hasText: 'Searching' }).getAttribute('aria-live')).toBe('polite');
  await page.screenshot({ path: path.join(screenshotsDir, 'slow-search-stale.png') });

  for (const route of held.splice(0)) await route.continue();
  await page.unroute('**/api/search');
  await expect.poll(count).toBe('1 result');
  expect(await list().getAttribute('aria-busy')).toBe('false');
  expect(await page.locator('.results-scroll').getAttribute('class')).not.toContain('stale');
  await expect.poll(() => page.locator('.result-title').first().innerText()).toBe('Wheat');
});
