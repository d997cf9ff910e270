// The Arabic interface in Chromium with an Arabic browser locale: mirrored, in Arabic, with Arabic
// plurals and digits; content keeps its own direction; the switch to English is remembered.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';
import { writeFiles } from '../support/archive.js';

let ui: SeededUi;
let page: Page;

// Words found in exactly 1, 2, 3, 11 and 100 notes: every Arabic plural form but zero (a miss).
const counts: Record<string, number> = { kiwi: 1, mango: 2, papaya: 3, guava: 11, lychee: 100 };

beforeAll(async () => {
  ui = await openSeededUi(
    async (api) => {
      for (const [word, n] of Object.entries(counts)) {
        for (let i = 0; i < n; i += 1) await api.addNote({ text: `# Note ${word} ${i}\n\nAbout ${word}.` });
      }
      await api.importPaths({
        paths: [writeFiles({ 'english.html': '<html lang="en"><head><title>Harvest report</title></head><body><article><h1>Harvest report</h1><p>The durian harvest was late this year, according to the growers in the valley. Prices rose by a third.</p><p>A second paragraph about the durian market and its buyers.</p></article></body></html>' })],
      });
    },
    { locale: 'ar' },
  );
  ({ page } = ui);
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

async function search(query: string): Promise<string> {
  await page.locator('input[type=search]').fill(query);
  // The count of this query, not the previous one: wait until the search settles.
  await page.waitForFunction(() => !document.querySelector('.result-count .spinner'));
  await page.waitForTimeout(400);
  await page.waitForFunction(() => !document.querySelector('.result-count .spinner'));
  return (await page.locator('.result-count').innerText()).trim();
}

describe('Arabic interface', () => {
  it('follows the browser locale: the root is rtl and lang ar, the main strings are Arabic', async () => {
    await page.waitForSelector('.sidebar');
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    await expect(page.getByRole('button', { name: 'كل العناصر' }).count()).resolves.toBe(1);
    await expect(page.getByRole('searchbox', { name: 'بحث' }).count()).resolves.toBe(1);
    await expect(page.locator('.sidebar-heading').first().innerText()).resolves.toBe('الوسوم');
    // Mirrored: the sidebar sits on the right of the window.
    const sidebar = await page.locator('.sidebar').boundingBox();
    expect(sidebar!.x).toBeGreaterThan(600);
  });

  it('counts results with the right Arabic plural and Arabic-Indic digits for 0, 1, 2, 3, 11 and 100', async () => {
    expect(await search('nosuchwordanywhere')).toBe('لا نتائج');
    expect(await search('kiwi')).toBe('نتيجة واحدة');
    expect(await search('mango')).toBe('نتيجتان');
    expect(await search('papaya')).toBe('٣ نتائج');
    expect(await search('guava')).toBe('١١ نتيجة');
    expect(await search('lychee')).toBe('١٠٠ نتيجة');
  });

  it('keeps an English article left-to-right inside the Arabic interface', async () => {
    expect(await search('durian')).toBe('نتيجة واحدة');
    await page.locator('.result').first().click();
    const paragraph = page.locator('.reader-article p', { hasText: 'durian harvest' }).first();
    await paragraph.waitFor();
    // Polled: the article's paragraphs are rebuilt once its hits are marked (a detached one has no style).
    await expect.poll(() => paragraph.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await page.locator('.reader-toolbar').getByRole('button', { name: 'احذف العنصر' }).count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotsDir, 'i18n-ar-reader.png') });
  });

  it('shows the details editor and the export dialog in Arabic', async () => {
    await page.getByRole('button', { name: 'تعديل البيانات' }).click();
    const form = page.getByRole('form', { name: 'تعديل البيانات' });
    await form.waitFor();
    expect(await form.getByRole('textbox', { name: 'العنوان' }).inputValue()).toBe('Harvest report');
    expect(await form.getByRole('button', { name: 'إلغاء' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'نسخ الاستشهاد' }).count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotsDir, 'i18n-ar-metadata.png') });
    await form.getByRole('button', { name: 'إلغاء' }).click();

    await page.locator('.sidebar').getByRole('button', { name: 'تصدير…' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'i18n-ar-export.png') });
    expect(await dialog.innerText()).not.toMatch(/\b(Export|Cancel|Format|Choose)\b/);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  });

  it('switches to English, and remembers it after a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['ltr', 'en']);
    expect(await search('lychee')).toBe('100 results');
    await page.reload();
    await page.waitForSelector('.sidebar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByRole('button', { name: 'All items' }).count()).toBe(1);
    expect(await search('durian')).toBe('1 result');
    await page.locator('.result').first().click();
    await page.locator('.reader-article p').first().waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'i18n-en-reader.png') });
  });
});
