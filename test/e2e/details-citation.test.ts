// The reader's "Edit details" and "Copy citation" in real Chromium against `khizana serve`: a bad
// date is refused as you type with the archive's message, the edit is saved and searchable at once,
// results say which date they show, and the citation lands on the clipboard (read back here).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.importPaths({
      paths: [writeFiles({ 'wire.txt': 'خبر عاجل من الوكالة\n\nالفصائل تتقدم في ريف إدلب الجنوبي وسط قصف مكثف.', 'heron.txt': 'Herons of the marsh\n\nA grey heron stood in the reeds.' })],
    });
  });
  ({ page } = ui);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ui.server.url).origin });
});

afterAll(async () => {
  await ui?.close();
});

async function search(query: string, count: string): Promise<void> {
  await page.getByRole('searchbox').first().fill(query);
  await expect.poll(() => page.locator('.result-count').innerText()).toBe(count);
}

it('edits an Arabic item’s details, finds it by its new title and copies its citation', async () => {
  await search('الوكالة', '1 result');
  // An item without a publication date says when it was added instead, muted.
  await expect.poll(() => page.locator('.result .result-meta .added').first().innerText()).toMatch(/^added (\d{1,2} \w{3} \d{4}|\w{3} \d{1,2}, \d{4})$/);
  await page.locator('.result').first().click();
  await page.getByRole('heading', { level: 1, name: 'خبر عاجل من الوكالة' }).waitFor();

  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Edit details' });
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill('الفصائل تسيطر على إدلب');
  await form.getByRole('textbox', { name: 'Author 1', exact: true }).fill('محمد الأحمد');
  await form.getByRole('button', { name: 'Add author' }).click();
  await form.getByRole('textbox', { name: 'Author 2', exact: true }).fill('Jane Doe');
  await form.getByRole('textbox', { name: 'Publication', exact: true }).fill('الجزيرة نت');
  await form.getByRole('textbox', { name: 'URL', exact: true }).fill('https://www.aljazeera.net/news/2015/7/21/idlib');
  // A bad date: the archive's own message as you type, and no Save.
  await form.getByRole('textbox', { name: 'Published', exact: true }).fill('2015-13-40');
  await expect.poll(() => form.locator('.field-problem').innerText()).toBe('"2015-13-40" is not a date: the month must be 01 to 12');
  expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  await form.screenshot({ path: path.join(screenshotsDir, 'edit-details-bad-date.png') });
  await form.getByRole('textbox', { name: 'Published', exact: true }).fill('2015-07');
  await expect.poll(() => form.locator('.field-problem').count()).toBe(0);
  expect(await form.getByRole('textbox', { name: 'Title', exact: true }).getAttribute('dir')).toBe('auto');
  await page.screenshot({ path: path.join(screenshotsDir, 'edit-details-arabic.png') });
  await form.getByRole('button', { name: 'Save' }).click();

  await page.getByRole('heading', { level: 1, name: 'الفصائل تسيطر على إدلب' }).waitFor();
  await expect.poll(() => form.count()).toBe(0);
  const meta = await page.locator('.reader-meta').innerText();
  expect(meta.replace(/[\u2068\u2069]/g, '')).toContain('محمد الأحمد; Jane Doe');
  expect(meta).toContain('Jul 2015'); // a month-only date is never shown as 1 July

  // Searchable at once by the new title; the row says which date it shows.
  await search('تسيطر', '1 result');
  await expect.poll(() => page.locator('.result .result-meta .published').innerText()).toBe('published Jul 2015');

  await page.getByLabel('Citation style').selectOption('chicago');
  await page.getByRole('button', { name: 'Copy citation' }).click();
  await expect.poll(() => page.locator('.copy-status').innerText()).toBe('Copied');
  const chicago = 'محمد الأحمد, and Jane Doe. 2015. “الفصائل تسيطر على إدلب.” الجزيرة نت, July 2015. https://www.aljazeera.net/news/2015/7/21/idlib.';
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(chicago);
  expect(await page.locator('.citation-preview').innerText()).toBe(chicago);
  // Shown left to right with each Arabic value isolated (the clipboard text is left as the style wrote it).
  expect(await page.locator('.citation-preview bdi[dir=rtl]').allInnerTexts()).toEqual(['محمد الأحمد', 'الفصائل تسيطر على إدلب', 'الجزيرة نت']);
  await page.screenshot({ path: path.join(screenshotsDir, 'copy-citation-arabic.png') });
  await page.locator('.citation-preview').screenshot({ path: path.join(screenshotsDir, 'citation-preview-arabic.png') });

  await page.getByLabel('Citation style').selectOption('apa');
  await page.getByLabel('Citation format').selectOption('bibtex');
  await page.getByRole('button', { name: 'Copy citation' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('title = {الفصائل تسيطر على إدلب}');
  expect(await page.locator('.copy-status').innerText()).toBe('Copied');
});
