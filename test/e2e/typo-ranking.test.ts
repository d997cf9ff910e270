// Typo tolerance as a user meets it (issue 12): `ادلب~` typed in the search box lists the items with
// إدلب itself (exact or stemmed) first, then those found only through a typo variant (أغلب, أدلى,
// أدلة, the misspelling إدليب), and never أدب (a short word is not stretched into another one); a
// bare variant is found and marked in its other forms (زنجبر~: «وزنجبار»).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFiles } from '../support/archive.js';
import path from 'node:path';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;

// The typed word once in a long text (a low BM25 score); the other words many times in short ones.
const filler = 'وقال مصدر محلي إن الأوضاع الإنسانية تتدهور يوما بعد يوم مع استمرار القصف ونزوح آلاف العائلات نحو الحدود';
const files: Record<string, string> = {
  'idlib.txt': `تقرير المحافظة\n\nتقرير عن محافظة إدلب. ${filler}. ${filler}.`,
  'wa-idlib.txt': `مدينتان\n\nحلب وإدلب. ${filler}.`,
  'aghlab.txt': 'أغلب الناس\n\nأغلب الناس أغلب الأيام أغلب',
  'adla.txt': 'تصريح الوزير\n\nأدلى الوزير بتصريح أدلى أدلى',
  'adilla.txt': 'أدلة جديدة\n\nأدلة جديدة أدلة أدلة',
  'adab.txt': 'أدب عربي\n\nأدب عربي أدب أدب',
  'idleeb.txt': 'خطأ إملائي\n\nإدليب إدليب إدليب',
  'zanzibar.txt': 'اتفاق الميناء\n\nوقعت تنزانيا وزنجبار اتفاقا على إدارة الميناء.',
};

beforeAll(async () => {
  ui = await openSeededUi(async (api) => api.importPaths({ paths: [writeFiles(files)] }));
  ({ page } = ui);
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

it('ادلب~ in the search box: إدلب first, then the typo variants, never أدب', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill('ادلب~');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('q') === 'ادلب~');
  await page.locator('.search-box:not(.busy)').waitFor();
  await page.locator('#results-list .result').first().waitFor();
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('6 results');
  const titles = await page.locator('#results-list .result .result-title').allInnerTexts();
  expect(new Set(titles.slice(0, 2))).toEqual(new Set(['تقرير المحافظة', 'مدينتان']));
  expect(new Set(titles.slice(2))).toEqual(new Set(['أغلب الناس', 'تصريح الوزير', 'أدلة جديدة', 'خطأ إملائي']));
  expect(titles).not.toContain('أدب عربي');
});

it('زنجبر~ finds «وزنجبار» through the variant زنجبار and marks it in the result and the reader', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill('زنجبر~');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('q') === 'زنجبر~');
  await page.locator('.search-box:not(.busy)').waitFor();
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
  const result = page.locator('#results-list .result').first();
  expect(await result.locator('mark').allInnerTexts()).toEqual(['وزنجبار']);
  await result.click();
  await expect.poll(() => page.locator('.article-body mark').allInnerTexts(), { timeout: 10_000 }).toEqual(['وزنجبار']);
  await page.screenshot({ path: path.join(screenshotsDir, 'typo-variant-forms.png') });
});
