// The address holds the search: in real Chromium against `khizana serve`, a search with a filter,
// a sort and an open item survives a reload, Back and Forward walk through it (one entry per
// query, not per keystroke), a bookmarked address opens the same screen in a fresh page, the
// desktop app comes back to where it was after a restart, and an address whose token is missing or
// from an earlier run explains what to do instead of showing an empty archive.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../electron/shared/contract.js';
import { writeFiles } from '../support/archive.js';
import { installPreloadStandIn, openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;
let browser: Browser;
let origin: string;

const shot = async (p: Page, name: string): Promise<void> => {
  await p.evaluate(() => document.fonts.ready);
  await p.screenshot({ path: path.join(screenshotsDir, `address-${name}.png`) });
};

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.importPaths({
      paths: [writeFiles({
        'idlib-1.txt': 'الفصائل في إدلب\n\nالفصائل تتقدم في ريف إدلب الجنوبي بعد معارك طويلة.',
        'idlib-2.txt': 'أسواق إدلب\n\nعادت الأسواق في مدينة إدلب إلى العمل بعد أشهر من الإغلاق.',
        'idlib-en.txt': 'Idlib markets reopen\n\nThe markets of Idlib, ادلب, reopened after months of closure, traders said.',
        'aleppo.txt': 'أسواق حلب\n\nعادت الأسواق في حلب إلى العمل.',
      })],
      tags: [],
    });
  });
  ({ page } = ui);
  browser = page.context().browser()!;
  origin = new URL(ui.server.url).origin;
});

afterAll(async () => {
  await ui?.close();
});

const searchBox = (p: Page) => p.getByRole('searchbox', { name: 'Search' });
const results = (p: Page) => p.getByRole('list', { name: 'Results' }).getByRole('listitem');
const readerTitle = (p: Page) => p.locator('.reader-article h1');
const select = (p: Page, label: string) => p.locator('.filter-bar label.filter', { hasText: label }).locator('select');
const hash = (p: Page): Promise<string> => p.evaluate(() => decodeURIComponent(location.hash));
const historyLength = (p: Page): Promise<number> => p.evaluate(() => history.length);

/** What the window shows: the words, filters and sort as the controls hold them, and the open item. */
async function screen(p: Page): Promise<{ text: string; lang: string; sort: string; title: string | null }> {
  await p.locator('.search-box:not(.busy)').waitFor();
  const open = await readerTitle(p).count();
  return {
    text: await searchBox(p).inputValue(),
    lang: await select(p, 'Language').inputValue(),
    sort: await select(p, 'Sort').inputValue(),
    title: open ? await readerTitle(p).innerText() : null,
  };
}

const opened = { text: 'ادلب', lang: 'ar', sort: 'newest', title: 'أسواق إدلب' };
let openedHash = '';

describe('the address holds the search', () => {
  it('writes words, filter, sort and open item into the address, one history entry per step and none per keystroke', async () => {
    await searchBox(page).waitFor();
    const start = await historyLength(page);
    await searchBox(page).pressSequentially('ادلب', { delay: 60 });
    await expect.poll(() => hash(page)).toBe('#q=ادلب');
    expect(await historyLength(page)).toBe(start + 1);
    await expect.poll(() => results(page).count()).toBe(3);

    await select(page, 'Language').selectOption('ar');
    await expect.poll(() => results(page).count()).toBe(2);
    await select(page, 'Sort').selectOption('newest');
    await expect.poll(() => hash(page)).toBe('#q=ادلب&lang=ar&sort=newest');
    await results(page).filter({ hasText: 'أسواق إدلب' }).click();
    await expect.poll(() => readerTitle(page).innerText()).toBe('أسواق إدلب');
    await expect.poll(() => hash(page)).toMatch(/^#q=ادلب&lang=ar&sort=newest&item=\d+$/);
    expect(await historyLength(page)).toBe(start + 4);
    openedHash = await page.evaluate(() => location.hash);
    // The token travels in storage only: never in the address, history or a bookmark of it.
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(ui.server.token);
    await shot(page, '01-opened');
  });

  it('comes back the same after a reload', async () => {
    await page.reload();
    await expect.poll(() => readerTitle(page).count()).toBe(1);
    expect(await screen(page)).toEqual(opened);
    await expect.poll(() => results(page).count()).toBe(2);
    expect(await page.evaluate(() => location.hash)).toBe(openedHash);
    await shot(page, '02-reloaded');
  });

  it('walks back through the item, the sort, the filter and the words, then forward again', async () => {
    await page.goBack();
    await expect.poll(() => screen(page)).toEqual({ ...opened, title: null });
    await page.goBack();
    await expect.poll(() => screen(page)).toEqual({ ...opened, sort: 'relevance', title: null });
    await page.goBack();
    await expect.poll(() => screen(page)).toEqual({ text: 'ادلب', lang: '', sort: 'relevance', title: null });
    await expect.poll(() => results(page).count()).toBe(3);
    await page.goBack();
    await expect.poll(() => screen(page)).toEqual({ text: '', lang: '', sort: 'relevance', title: null });
    await expect.poll(() => hash(page)).toBe('');
    await shot(page, '03-back-to-start');

    await page.goForward();
    await expect.poll(() => screen(page)).toEqual({ text: 'ادلب', lang: '', sort: 'relevance', title: null });
    await page.goForward();
    await page.goForward();
    await page.goForward();
    await expect.poll(() => screen(page)).toEqual(opened);
    expect(await page.evaluate(() => location.hash)).toBe(openedHash);
  });

  it('starts a new entry when typing resumes after Back, so the older query stays reachable', async () => {
    await page.goBack(); // the item closes
    await searchBox(page).fill('حلب');
    await expect.poll(() => hash(page)).toBe('#q=حلب&lang=ar&sort=newest');
    await expect.poll(() => results(page).count()).toBe(1);
    await page.goBack();
    await expect.poll(() => screen(page)).toEqual({ ...opened, title: null });
    await page.goForward();
    await expect.poll(() => screen(page)).toEqual({ ...opened, text: 'حلب', title: null });
  });

  it('opens a bookmarked address in a fresh page with the same search and item', async () => {
    // A browser that opened this serve's printed address once (it keeps the token), then the bookmark in a new tab.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      const printed = await context.newPage();
      await printed.goto(ui.server.url);
      await searchBox(printed).waitFor();
      const fresh = await context.newPage();
      await fresh.goto(`${origin}/${openedHash}`);
      await expect.poll(() => readerTitle(fresh).count()).toBe(1);
      expect(await screen(fresh)).toEqual(opened);
      await expect.poll(() => results(fresh).count()).toBe(2);
      await shot(fresh, '04-bookmark');
    } finally {
      await context.close();
    }
  });

  it('carries Arabic words, quotes and the query language through the address', async () => {
    const words = '"أسواق إدلب" -حلب';
    await page.goto(`${origin}/#q=${encodeURIComponent(words)}`);
    await expect.poll(() => searchBox(page).inputValue()).toBe(words);
    // Polled as a whole: while the search runs the previous results stay (dimmed), one of them too.
    await expect.poll(() => results(page).allInnerTexts()).toEqual([expect.stringContaining('أسواق إدلب')]);
  });
});

describe('a missing or stale token', () => {
  it('explains a stale token (an earlier serve) instead of an empty archive, and a new address keeps the search', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const p = await context.newPage();
    try {
      await p.goto(`${origin}/?token=from-an-earlier-run${openedHash}`);
      await p.getByRole('heading', { name: 'This address is from an earlier khizana serve' }).waitFor();
      expect(await p.locator('.app').count()).toBe(0);
      expect(await p.locator('main').innerText()).toMatch(/copy the address it printed/);
      expect(p.url()).not.toContain('from-an-earlier-run');
      await shot(p, '05-stale-token');

      // Pasting the new address opens it with this page's search and item.
      await p.getByLabel(/paste the new address/).fill('not an address');
      await p.getByRole('button', { name: 'Open' }).click();
      await p.getByRole('alert').filter({ hasText: 'not an address from khizana serve' }).waitFor();
      await p.getByLabel(/paste the new address/).fill(ui.server.url);
      await p.getByRole('button', { name: 'Open' }).click();
      await expect.poll(() => readerTitle(p).count(), { timeout: 15_000 }).toBe(1);
      expect(await screen(p)).toEqual(opened);
    } finally {
      await context.close();
    }
  });

  it('explains a missing token, for the page itself and for a bookmarked address', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const p = await context.newPage();
    try {
      for (const address of [`${origin}/`, `${origin}/index.html`, `${origin}/${openedHash}`]) {
        await p.goto(address);
        await p.getByRole('heading', { name: 'This address has no access token' }).waitFor();
        expect(await p.locator('.app').count()).toBe(0);
        expect(await p.locator('main').innerText()).toMatch(/npx khizana serve/);
      }
      await shot(p, '06-missing-token');
    } finally {
      await context.close();
    }
  });
});


describe('the desktop app', () => {
  it('comes back to the last search, filter, sort and item after a restart', async () => {
    // One profile (context) for both runs, as Electron keeps its localStorage in userData.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await context.addInitScript(installPreloadStandIn, { token: ui.server.token, methods: [...methodNames], pick: [], folder: '' });
    try {
      const first = await context.newPage();
      await first.goto(`${origin}/index.html`);
      await searchBox(first).fill('ادلب');
      await expect.poll(() => results(first).count()).toBe(3);
      await select(first, 'Language').selectOption('ar');
      await select(first, 'Sort').selectOption('newest');
      await expect.poll(() => results(first).count()).toBe(2);
      await results(first).filter({ hasText: 'أسواق إدلب' }).click();
      await expect.poll(() => readerTitle(first).innerText()).toBe('أسواق إدلب');
      await first.close();

      // The app starts at its entry address again: no hash to restore from.
      const second = await context.newPage();
      await second.goto(`${origin}/index.html`);
      await expect.poll(() => readerTitle(second).count()).toBe(1);
      expect(await screen(second)).toEqual(opened);
      await shot(second, '07-desktop-restart');
      await second.close();
    } finally {
      await context.close();
    }
  });
});
