// The reader shows what a source states about itself: a message's From/To/Cc/Message-ID, a
// book's publisher and identifier, a partial date as stated; and a page's relative links and
// images as inert addresses (a title to read), never loaded or followed.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;
const requests: string[] = [];

const article = '<p>The river fell by two metres overnight and the roads to the villages opened again, residents said.</p>'.repeat(6);

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    const dir = writeFiles({
      'memo.eml':
        'From: Lina Haddad <lina@example.org>\r\nTo: desk@example.org, Omar Khalil <omar@example.org>\r\nCc: Sara Nasser <sara@example.org>\r\n' +
        'Subject: Quarantine memo\r\nDate: Tue, 2 Jan 2024 09:15:00 +0200\r\nMessage-ID: <memo-1@example.org>\r\n\r\nThe quarantine memo text.\r\n',
      'flood.html':
        '<!DOCTYPE html><html lang="en"><head><title>Flood waters recede</title><link rel="canonical" href="https://news.example.com/2015/07/flood.html">' +
        '<meta property="article:published_time" content="2015-07"></head>' +
        `<body><article><h1>Flood waters recede</h1>${article}<p>See <a href="../maps/river.html">the river map</a>.</p><p><img src="img/river.jpg" alt="The river"></p></article></body></html>`,
    });
    await api.importPaths({ paths: [dir], tags: [] });
  });
  ({ page } = ui);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ui.server.url).origin });
  page.on('request', (r) => requests.push(r.url()));
});

afterAll(async () => {
  await ui?.close();
});

const metaRow = (label: string) => page.locator('.reader-meta > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

/** Searches for `query` and opens the one result titled `title`. */
async function open(query: string, title: string): Promise<void> {
  await page.getByRole('searchbox').first().fill(query);
  const results = page.getByRole('list', { name: 'Results' }).getByRole('listitem');
  await expect.poll(() => results.allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining(title)]);
  await results.first().click();
  await page.getByRole('article').getByRole('heading', { name: title }).first().waitFor({ timeout: 10_000 });
}

it("shows a message's From, To, Cc and Message-ID in the reader", async () => {
  await open('quarantine', 'Quarantine memo');
  await expect.poll(() => metaRow('From').textContent()).toBe('Lina Haddad <lina@example.org>');
  expect(await metaRow('To').textContent()).toBe('desk@example.org, Omar Khalil <omar@example.org>');
  expect(await metaRow('Cc').textContent()).toBe('Sara Nasser <sara@example.org>');
  expect(await metaRow('Message-ID').textContent()).toBe('<memo-1@example.org>');
  expect((await metaRow('By').textContent())?.replace(/[\u2068\u2069]/g, '')).toBe('Lina Haddad');
  await page.screenshot({ path: path.join(screenshotsDir, 'source-metadata-eml.png') });
});

it("shows a page's address, its partial date as stated, and its relative link and image as inert addresses", async () => {
  await open('river map', 'Flood waters recede');
  await expect.poll(() => metaRow('URL').textContent()).toBe('https://news.example.com/2015/07/flood.html');
  expect(await metaRow('Published').textContent()).toMatch(/^Jul 2015$/);
  const link = page.locator('.article-body a', { hasText: 'the river map' });
  expect(await link.getAttribute('href')).toBeNull();
  expect(await link.getAttribute('title')).toBe('https://news.example.com/2015/maps/river.html');
  const image = page.locator('.article-body [data-removed-image]', { hasText: '[The river]' });
  expect(await image.getAttribute('title')).toBe('https://news.example.com/2015/07/img/river.jpg');
  const before = page.url();
  await link.click();
  expect(page.url()).toBe(before); // an inert link: a click goes nowhere, it copies the address
  await page.getByRole('status').filter({ hasText: 'Link address copied' }).waitFor({ timeout: 5000 });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('https://news.example.com/2015/maps/river.html');
  await image.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('https://news.example.com/2015/07/img/river.jpg');
  await page.screenshot({ path: path.join(screenshotsDir, 'source-metadata-html.png') });
  // Nothing was fetched from the page's site: not the image, not the link.
  expect(requests.filter((u) => u.includes('example.com'))).toEqual([]);
});
