// The laptop layout in real Chromium: at 1024×700 and 1400×900, light and dark, an open note and the
// article body show together; the sidebar and results collapse to strips and panes resize, and both
// are remembered across a reload; imported inline colours stay readable in dark mode.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive.js';
import { serveArchive, type ServedArchive } from '../../electron/web/serve-archive.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';
import { builtUi, ensureBuiltUi, launchChromium, screenshotsDir } from './browser.js';

let server: ServedArchive;
let browser: Browser;

const body = Array.from({ length: 30 }, (_, i) => `<p>Paragraph ${i + 1} of the report on the northern countryside, with enough words to wrap onto a second line in the reader.</p>`).join('\n');
const inked = `<!doctype html><html><head><title>Inked report</title></head><body><article>
<h1>Inked report</h1>
<p id="dark-ink" style="color:#222222">This paragraph was written in dark grey ink on a white page.</p>
<p style="color:#1a1a1a;background-color:#ffffff">And this one sits on an explicit white background.</p>
<p><font color="#333">An old font tag with a dark colour.</font></p>
<table bgcolor="#ffffff"><tr><td bgcolor="#fafafa"><font color="#111111">A cell of a newsletter table, dark on white.</font></td></tr></table>
${body}
</article></body></html>`;

const newsletter = [
  'From: Newsletter <news@example.org>',
  'To: reader@example.org',
  'Subject: Weekly newsletter',
  'Date: Mon, 7 Dec 2026 08:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body bgcolor="#ffffff" text="#202020"><table width="100%" bgcolor="#f4f4f4"><tr><td bgcolor="#ffffff">',
  '<p><font color="#222222" face="Georgia">This week in the archive: dark text the sender meant for a white page.</font></p>',
  '<p style="color:#333;background:#fff">A styled paragraph as well.</p>',
  '</td></tr></table></body></html>',
].join('\r\n');

/** Contrast of every text run in the article body that sits under an element with colour attributes. */
async function bodyContrasts(page: Page): Promise<Array<{ text: string; ratio: number }>> {
  return page.evaluate(() => {
    const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]): number => {
      const ch = (v: number): number => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: Array<{ text: string; ratio: number }> = [];
    for (const el of document.querySelectorAll('.article-body :is([color], [bgcolor], [text]) *, .article-body :is([color], [bgcolor], [text]), .article-body p')) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
      out.push({ text: el.textContent!.trim().slice(0, 40), ratio: Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 10) / 10 });
    }
    return out;
  });
}

beforeAll(async () => {
  ensureBuiltUi();
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const dir = path.join(tempDir(), 'archive');
  const seeding = await openArchive({ dir, parseWorkers: 0 });
  try {
    await seeding.api.importPaths({ paths: [writeFiles({ 'inked.html': inked, 'newsletter.eml': newsletter })] });
    const { hits } = await seeding.api.search({ query: 'inked' });
    await seeding.api.addNote({ text: 'Reading notes\n\nThe countryside report matters for chapter two.', on: hits[0]!.id });
  } finally {
    await seeding.close();
  }
  browser = await launchChromium();
  server = await serveArchive({ dir, staticDir: builtUi, inWorker: false });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number, height: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB', colorScheme });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, `layout-${name}.png`) });
}

async function openArticleWithNote(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Results' }).getByRole('listitem').filter({ hasText: 'Inked report' }).first().click();
  await page.getByRole('textbox', { name: 'Note' }).waitFor();
}

/** Whether `locator`'s first element is at least partly inside the reader's scroll area, and the note's text box fully on screen. */
async function bodyAndNoteVisible(page: Page): Promise<{ body: boolean; note: boolean }> {
  return page.evaluate(() => {
    const scroll = [...document.querySelectorAll<HTMLElement>('.reader-scroll')].find((el) => !el.hidden)!.getBoundingClientRect();
    const paragraph = document.querySelector('.article-body p')!.getBoundingClientRect();
    const note = document.querySelector('.note-text')!.getBoundingClientRect();
    return {
      body: paragraph.top >= scroll.top && paragraph.top + 20 <= scroll.bottom,
      note: note.height >= 60 && note.top >= 0 && note.bottom <= window.innerHeight,
    };
  });
}

describe('layout on a laptop', () => {
  for (const [width, height] of [[1024, 700], [1400, 900]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`shows an open note and the article body together at ${width}×${height}, ${scheme}`, async () => {
        const page = await open(width, height, scheme);
        await openArticleWithNote(page);
        expect(await bodyAndNoteVisible(page)).toEqual({ body: true, note: true });
        await shot(page, `${width}x${height}-${scheme}-note`);
        // [ and ] hide the sidebar and the results: the reader takes the width, the note stays open.
        await page.getByRole('button', { name: 'All items' }).focus();
        await page.keyboard.press('[');
        await page.keyboard.press(']');
        await page.getByRole('button', { name: 'Show the results' }).waitFor();
        expect(await bodyAndNoteVisible(page)).toEqual({ body: true, note: true });
        await shot(page, `${width}x${height}-${scheme}-collapsed`);
        await page.context().close();
      });
    }
  }

  it('collapses the sidebar and results to strips, resizes panes and the notes, and remembers all of it', async () => {
    const page = await open(1024, 700, 'light');
    await openArticleWithNote(page);
    const readerWidth = () => page.locator('.reader-column').evaluate((el) => el.getBoundingClientRect().width);
    const before = await readerWidth();

    await page.getByRole('button', { name: 'Hide the sidebar' }).click();
    await page.getByRole('button', { name: 'Hide the results' }).click();
    await expect.poll(readerWidth).toBeGreaterThan(before + 400);
    expect(await page.getByRole('navigation', { name: 'Library' }).count()).toBe(0);
    await shot(page, '1024x700-light-collapsed');

    // The notes panel: ↑ on its separator makes it taller.
    const notes = page.getByRole('region', { name: 'Notes on this item' });
    const notesHeight = () => notes.evaluate((el) => el.getBoundingClientRect().height);
    const tall = await notesHeight();
    await page.getByRole('separator', { name: 'Resize the notes' }).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(notesHeight).toBe(tall + 48);

    await page.goto(server.url);
    await page.getByRole('button', { name: 'Show the results' }).waitFor();
    expect(await page.getByRole('button', { name: 'Show the sidebar' }).isVisible()).toBe(true);

    // Back again: the notes keep their height; then the results pane made wider with the keyboard on its separator.
    await page.getByRole('button', { name: 'Show the sidebar' }).click();
    await page.getByRole('button', { name: 'Show the results' }).click();
    await page.getByRole('navigation', { name: 'Library' }).waitFor();
    await openArticleWithNote(page);
    expect(await notesHeight()).toBe(tall + 48);
    const resultsWidth = () => page.locator('.results-pane').evaluate((el) => Math.round(el.getBoundingClientRect().width));
    const narrow = await resultsWidth();
    await page.getByRole('separator', { name: 'Resize the results' }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(resultsWidth).toBeGreaterThan(narrow + 20);
    const wide = await resultsWidth();
    await page.waitForTimeout(300);
    await page.goto(server.url);
    await page.locator('.results-pane').waitFor();
    await expect.poll(resultsWidth).toBe(wide);
    await page.context().close();
  });

  for (const scheme of ['dark', 'light'] as const) {
    it(`keeps imported HTML and e-mail colours readable, ${scheme}`, async () => {
      const page = await open(1400, 900, scheme);
      for (const title of ['Inked report', 'Weekly newsletter']) {
        await page.getByRole('list', { name: 'Results' }).getByRole('listitem').filter({ hasText: title }).first().click();
        await page.getByRole('article').getByRole('heading', { name: title }).waitFor();
        // The e-mail keeps its colour attributes through the sanitiser: that is what the CSS must tame.
        if (title === 'Weekly newsletter') expect(await page.locator('.article-body :is([color], [bgcolor])').count()).toBeGreaterThan(0);
        const runs = await bodyContrasts(page);
        expect(runs.length, title).toBeGreaterThanOrEqual(2);
        for (const run of runs) expect(run.ratio, `${title}: “${run.text}”`).toBeGreaterThanOrEqual(4.5);
        await shot(page, `1400x900-${scheme}-${title === 'Inked report' ? 'html' : 'email'}-colours`);
      }
      await page.context().close();
    });
  }

  it('mirrors the panes in a right-to-left interface (dir=rtl at the root)', async () => {
    const page = await open(1024, 700, 'light');
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    await openArticleWithNote(page);
    const box = (selector: string) => page.locator(selector).evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right }; });
    const [sidebar, results, reader] = [await box('.sidebar'), await box('.results-pane'), await box('.reader-column')];
    expect(sidebar.right).toBeGreaterThan(1000);
    expect(results.left).toBeGreaterThan(reader.right - 5);
    expect(sidebar.left).toBeGreaterThan(results.right - 5);
    expect(await bodyAndNoteVisible(page)).toEqual({ body: true, note: true });
    await shot(page, '1024x700-light-rtl');
    // The library resizes in the mirrored direction: dragging the results' separator leftwards widens the results.
    const separator = page.getByRole('separator', { name: 'Resize the results' });
    const before = (await box('.results-pane')).right - (await box('.results-pane')).left;
    const handle = (await separator.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
    await page.mouse.down();
    await page.mouse.move(handle.x - 80, handle.y + 200, { steps: 5 });
    await page.mouse.up();
    const after = await box('.results-pane');
    expect(after.right - after.left).toBeGreaterThan(before + 40);
    await page.context().close();
  });

  it('has keyboard shortcuts, listed in a help overlay, that never fire while typing', async () => {
    const page = await open(1400, 900, 'light');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

    await page.getByRole('button', { name: 'Articles' }).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.getByRole('row').count()).toBeGreaterThanOrEqual(10);
    expect(await help.innerText()).toContain('Tag the open item');
    await shot(page, '1400x900-light-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Articles');

    await page.keyboard.press('/');
    expect(await focused()).toBe('Search');
    await page.keyboard.type('tn?');
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('tn?');
    expect(await help.isVisible()).toBe(false);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'All items' }).focus();

    // J opens the next result, K the previous one.
    const titles = await page.locator('#results-list .result-title').allInnerTexts();
    const openTitle = () => page.locator('#results-list .result.open .result-title').innerText();
    await page.keyboard.press('j');
    await expect.poll(openTitle).toBe(titles[0]);
    await page.keyboard.press('j');
    await expect.poll(openTitle).toBe(titles[1]);
    await page.keyboard.press('k');
    await expect.poll(openTitle).toBe(titles[0]);
    for (let i = 0; titles[i] !== 'Inked report'; i++) await page.keyboard.press('j');
    await expect.poll(openTitle).toBe('Inked report');
    await page.getByRole('textbox', { name: 'Note' }).waitFor();

    await page.getByRole('button', { name: 'All items' }).focus();
    await page.keyboard.press('t');
    expect(await focused()).toBe('Add tag');
    await page.keyboard.type('n');
    expect(await page.getByRole('combobox', { name: 'Add tag' }).inputValue()).toBe('n');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'All items' }).focus();
    await page.keyboard.press('n');
    await expect.poll(focused).toBe('Note');
    expect(await page.getByRole('tab', { name: 'New note' }).getAttribute('aria-selected')).toBe('true');

    await page.getByRole('button', { name: 'All items' }).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByRole('button', { name: 'Trash' }).innerText()).toContain('1');
    await page.context().close();
  });
});
