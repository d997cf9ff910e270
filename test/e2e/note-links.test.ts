// Links between notes and sources in real Chromium against `khizana serve`: `[[` and a lazy Arabic
// prefix (ادل for إدلب) offers the item, Enter inserts a link to its uid, the preview shows it and
// opens the item in the app, which shows "Linked from 1 note" with the sentence; the backlink opens
// the note; while the item is in the trash the link shows as broken, and works again once restored.
// Nothing leaves 127.0.0.1.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.importPaths({
      paths: [writeFiles({
        'idlib.txt': 'معارك في إدلب\n\nسيطرت الفصائل على ست قرى جنوب شرق إدلب بعد معارك عنيفة.',
        'hama.txt': 'Reports from Hama\n\nThe northern countryside of Hama.',
      })],
    });
  });
  ({ page } = ui);
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
});

afterAll(async () => {
  await ui?.close();
});

async function shot(name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

async function openNoteBySearch(): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill('قراءة');
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
  await page.locator('.result').first().click();
  await page.getByRole('region', { name: 'Preview' }).waitFor();
}

it('links a note to an item with [[ and an Arabic prefix, opens it from the preview, and shows the backlink', async () => {
  await page.getByRole('button', { name: 'New note' }).first().click();
  const note = page.getByRole('textbox', { name: 'Note' });
  await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
  await note.pressSequentially('قراءة اليوم\nالفصائل تتقدم، كما في [[ادل');

  const options = page.getByRole('listbox', { name: 'Link to' }).getByRole('option');
  await expect.poll(() => options.allInnerTexts()).toEqual(['معارك في إدلب']);
  expect(await options.first().getAttribute('aria-selected')).toBe('true');
  // The line is Arabic: the popup opens from the caret towards the left, inside the editor.
  const popup = page.locator('.link-suggestions');
  expect(await popup.getAttribute('dir')).toBe('rtl');
  const [popupBox, noteBox] = [(await popup.boundingBox())!, (await note.boundingBox())!];
  expect(popupBox.x).toBeGreaterThanOrEqual(noteBox.x);
  expect(popupBox.x + popupBox.width).toBeLessThanOrEqual(noteBox.x + noteBox.width);
  await shot('links-01-autocomplete-arabic');

  await page.keyboard.press('Enter');
  await expect.poll(() => popup.count()).toBe(0);
  await note.pressSequentially(' اليوم. وأمور أخرى.');
  const text = await note.inputValue();
  expect(text).toMatch(/^قراءة اليوم\nالفصائل تتقدم، كما في \[معارك في إدلب\]\(khizana:[0-9a-f-]{36}\) اليوم\. وأمور أخرى\.$/);
  // The caret is after the link: what was typed next followed it.
  const preview = page.getByRole('region', { name: 'Preview' });
  const link = preview.locator('a.note-link');
  await expect.poll(() => link.innerText()).toBe('معارك في إدلب');
  await expect.poll(() => page.locator('.save-status').innerText()).toMatch(/^Saved/);
  await shot('links-02-preview');

  await link.click();
  await page.getByRole('heading', { level: 1, name: 'معارك في إدلب' }).waitFor();
  const backlinks = page.getByRole('region', { name: 'Backlinks' });
  await expect.poll(() => backlinks.getByRole('heading').innerText()).toBe('Linked from 1 note');
  expect(await backlinks.locator('.backlink-title').innerText()).toBe('قراءة اليوم');
  expect(await backlinks.locator('.backlink-sentence').innerText()).toBe('الفصائل تتقدم، كما في معارك في إدلب اليوم.');
  await shot('links-03-backlinks');

  await backlinks.getByRole('button').first().click();
  await expect.poll(() => page.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(text);
});

it('links from a note on an item, in English, from the notes panel under the reader', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill('سيطرت');
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
  await page.locator('.result').first().click();
  await page.getByRole('button', { name: 'Add a note' }).click();
  const note = page.getByRole('region', { name: 'Notes on this item' }).getByRole('textbox', { name: 'Note' });
  await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
  await note.pressSequentially('Compare with [[rep');
  const popup = page.locator('.link-suggestions');
  await expect.poll(() => popup.getByRole('option').allInnerTexts()).toEqual(['Reports from Hama']);
  expect(await popup.getAttribute('dir')).toBe('ltr');
  // Visible whole: not cut off by the docked panel.
  const [popupBox, viewport] = [(await popup.boundingBox())!, page.viewportSize()!];
  expect(popupBox.y).toBeGreaterThanOrEqual(0);
  expect(popupBox.y + popupBox.height).toBeLessThanOrEqual(viewport.height);
  expect(await popup.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.link-suggestions') === el;
  })).toBe(true);
  await shot('links-05-autocomplete-panel');
  await page.keyboard.press('Tab');
  await note.pressSequentially(' for the north.');
  expect(await note.inputValue()).toMatch(/^Compare with \[Reports from Hama\]\(khizana:[0-9a-f-]{36}\) for the north\.$/);
  await expect.poll(() => page.locator('.save-status').innerText()).toMatch(/^Saved/);
  await page.getByRole('region', { name: 'Notes on this item' }).getByRole('region', { name: 'Preview' }).locator('a.note-link').click();
  await page.getByRole('heading', { level: 1, name: 'Reports from Hama' }).waitFor();
  const backlinks = page.getByRole('region', { name: 'Backlinks' });
  await expect.poll(() => backlinks.locator('.backlink-sentence').innerText()).toBe('Compare with Reports from Hama for the north.');
});

it('shows the link as broken while the item is in the trash, and working again once restored', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill('سيطرت');
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
  await page.locator('.result').first().click();
  await page.getByRole('button', { name: 'Delete item' }).click();

  await openNoteBySearch();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect.poll(() => preview.locator('a.note-link.broken').count()).toBe(1);
  expect(await preview.locator('.broken-label').innerText()).toBe('deleted item');
  expect(await preview.locator('a.note-link').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
  const before = await page.getByRole('textbox', { name: 'Note' }).inputValue();
  expect(before).toContain('[معارك في إدلب](khizana:'); // the note's text is left as it was
  await preview.locator('a.note-link').click({ force: true }); // aria-disabled, and a click opens nothing
  expect(await page.getByRole('heading', { level: 1, name: 'معارك في إدلب' }).count()).toBe(0);
  await shot('links-04-broken');

  await page.getByRole('list', { name: 'Views' }).getByRole('button', { name: /^Trash/ }).click();
  await page.getByRole('button', { name: 'Restore معارك في إدلب' }).click();
  await page.getByRole('list', { name: 'Views' }).getByRole('button', { name: /^All items/ }).click();
  await openNoteBySearch();
  await expect.poll(() => preview.locator('a.note-link').count()).toBe(1);
  await expect.poll(() => preview.locator('a.note-link.broken').count()).toBe(0);
  await preview.locator('a.note-link').click();
  await page.getByRole('heading', { level: 1, name: 'معارك في إدلب' }).waitFor();
  await expect.poll(() => page.getByRole('region', { name: 'Backlinks' }).getByRole('heading').innerText()).toBe('Linked from 1 note');

  const origin = new URL(ui.server.url).origin;
  expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:'))).toEqual([]);
  expect(problems).toEqual([]);
});
