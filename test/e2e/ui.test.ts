// The UI end to end: real Chromium, the real web bridge, a real archive in a temp folder.
// Imports the sample and fixtures through the page, searches Arabic, reads right-to-left,
// tags, writes an Arabic note, reloads, filters — and checks nothing left 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveArchive, type ServedArchive } from '../../electron/web/serve-archive.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';
import { fixturesDir, samplePath } from '../support/shared.js';
import { builtUi, ensureBuiltUi, launchChromium, screenshotsDir } from './browser.js';

let server: ServedArchive;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const consoleProblems: string[] = [];
const dialogs: string[] = [];

const uploads = [
  samplePath,
  path.join(fixturesDir, 'html/readability/bbc-1/source.html'),
  path.join(fixturesDir, 'html/readability/lemonde-1/source.html'),
  path.join(fixturesDir, 'office/kreuzberg-word_sample.docx'),
  path.join(fixturesDir, 'eml/zbateson-m2002-german-html.eml'),
  path.join(fixturesDir, 'pdf/kreuzberg-right_to_left_01.pdf'),
  path.join(fixturesDir, 'hostile/h5sc-vectors.html'),
  path.join(fixturesDir, 'hostile/pdfjs-helloworld-bad.pdf'),
  path.join(fixturesDir, 'html/readability/bbc-1/expected-metadata.json'),
];

async function shot(name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

const search = () => page.getByRole('searchbox', { name: 'Search' });
const results = () => page.getByRole('list', { name: 'Results' }).getByRole('listitem');
const reader = () => page.getByRole('article');

/** Types a query and waits until the result count reflects it. */
async function searchFor(query: string): Promise<void> {
  await search().fill(query);
  await page.waitForTimeout(200); // the debounce
  await page.locator('.search-box:not(.busy)').waitFor();
}

beforeAll(async () => {
  ensureBuiltUi();
  fs.mkdirSync(screenshotsDir, { recursive: true });
  browser = await launchChromium();
  server = await serveArchive({ dir: path.join(tempDir(), 'archive'), staticDir: builtUi });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', colorScheme: 'light' });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) consoleProblems.push(m.text());
  });
  page.on('pageerror', (e) => consoleProblems.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message()); // an alert() from imported HTML would mean a script ran
    void d.dismiss();
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('Khizana in Chromium', () => {
  it('greets an empty archive with a first-run screen and hides the token', async () => {
    await page.goto(server.url);
    // The first page a cold Chromium loads, with the archive's threads starting: over vitest's 1 s poll under CI's load.
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Khizana' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => localStorage.getItem('khizana.token'))).toBe(server.token);
    await shot('01-first-run');
  });

  it('imports the sample and fixtures through the page, with a report of what failed and why', async () => {
    await page.getByLabel('Choose files to import').first().setInputFiles(uploads);
    const card = page.getByRole('region', { name: 'Import' });
    await card.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
    const files = card.getByRole('list', { name: 'Imported files' }).getByRole('listitem');
    expect(await files.count()).toBe(uploads.length);
    await card.locator('.file-result.imported').filter({ hasText: 'idlib-ar.txt' }).waitFor();
    // Reasons are shown for what did not import (the metadata .json is not a supported format).
    const failed = card.locator('.file-result.failed');
    expect(await failed.count()).toBeGreaterThanOrEqual(1);
    expect(await failed.filter({ hasText: 'expected-metadata.json' }).locator('.reason').innerText()).toMatch(/unsupported/);
    await shot('02-import-report');
    await card.getByRole('button', { name: 'Close import report' }).click();
  });

  it('searches Arabic as you type, with and without diacritics', async () => {
    await searchFor('مِن');
    const withMarks = await results().count();
    expect(withMarks).toBeGreaterThanOrEqual(1);
    await searchFor('من');
    expect(await results().count()).toBe(withMarks);
    await searchFor('ادلب');
    expect(await results().count()).toBeGreaterThanOrEqual(1);
    const first = results().first();
    expect(await first.locator('mark').first().innerText()).toBe('إدلب');
    await expect.poll(() => page.locator('.result-count').innerText()).toMatch(/^1 result$/);
    await shot('03-results-arabic');
  });

  it('opens a result with the keyboard and reads it right-to-left with the hits marked', async () => {
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await reader().locator('.article-body p').first().waitFor();
    const paragraph = reader().locator('.article-body p').first();
    expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    expect(await paragraph.evaluate((p) => getComputedStyle(p).fontFamily)).toMatch(/^"?Noto Naskh Arabic/);
    await expect.poll(() => reader().locator('mark').count()).toBeGreaterThan(1);
    expect(await reader().locator('mark').first().innerText()).toBe('إدلب');
    await page.getByRole('button', { name: 'Next hit' }).click();
    expect(await reader().locator('mark.current').count()).toBe(1);
    await shot('04-reader-arabic');
  });

  it('tags the open item with a hierarchical tag and colours it', async () => {
    const input = page.getByRole('combobox', { name: 'Add tag' });
    await input.fill('syria/idlib');
    await input.press('Enter');
    await page.getByRole('list', { name: 'Tags of this item' }).getByText('idlib').waitFor();
    await page.getByRole('list', { name: 'Tags', exact: true }).getByRole('button', { name: /^idlib/ }).waitFor();
    await page.getByRole('button', { name: 'Colour of tag syria/idlib' }).click();
    await page.getByRole('group', { name: 'Colour for syria/idlib' }).getByRole('button', { name: 'Green' }).click();
    const dot = page.getByRole('list', { name: 'Tags', exact: true }).getByRole('button', { name: /^idlib/ }).locator('.tag-dot');
    await expect.poll(() => dot.evaluate((d) => getComputedStyle(d).backgroundColor)).toBe('rgb(63, 157, 90)');
  });

  it('writes a note in Arabic and English lines, saved automatically, with a preview', async () => {
    await page.getByRole('button', { name: 'Add a note' }).click();
    const note = page.getByRole('textbox', { name: 'Note' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('## ملاحظة\nتحقق من عدد القرى الست التي سيطرت عليها الفصائل.\nCheck the casualty figures against another source.');
    await page.locator('.save-status.saved').waitFor();
    const preview = page.getByRole('region', { name: 'Preview' });
    expect(await preview.locator('h2').evaluate((h) => getComputedStyle(h).direction)).toBe('rtl');
    const lines = preview.locator('.md-line');
    expect(await lines.nth(0).innerText()).toContain('تحقق');
    expect(await lines.nth(0).evaluate((l) => getComputedStyle(l).direction)).toBe('rtl');
    expect(await lines.nth(1).evaluate((l) => getComputedStyle(l).direction)).toBe('ltr');
    await shot('05-notes');
  });

  it('keeps the tag and the note after a reload (token from localStorage)', async () => {
    await page.reload();
    await searchFor('ادلب');
    await results().first().click();
    await page.getByRole('list', { name: 'Tags of this item' }).getByText('idlib').waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Note' }).inputValue()).toContain('تحقق من عدد القرى الست');
  });

  it('finds notes in search results', async () => {
    await searchFor('القرى الست');
    const kinds = await results().locator('.kind').allInnerTexts();
    expect(kinds.map((k) => k.trim())).toContain('Note');
  });

  it('filters by tag from the sidebar', async () => {
    await searchFor('');
    const everything = Number((await page.locator('.result-count').innerText()).split(' ')[0]);
    expect(everything).toBeGreaterThan(1);
    await page.getByRole('list', { name: 'Tags', exact: true }).getByRole('button', { name: /^idlib/ }).click();
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
    expect(await results().first().innerText()).toContain('إدلب');
    await page.getByRole('button', { name: 'All items' }).click();
    await expect.poll(() => page.locator('.result-count').innerText()).toBe(`${everything} results`);
  });

  it('reads imported HTML sanitised, left-to-right, with hits marked', async () => {
    await searchFor('"race relations had improved"');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
    expect(await results().first().innerText()).toContain('Obama admits US gun laws');
    await results().first().click();
    const body = reader().locator('.article-body.html');
    await body.locator('mark').first().waitFor();
    expect(await body.locator('p').first().evaluate((p) => getComputedStyle(p).direction)).toBe('ltr');
    expect(await body.locator('script, iframe, object, embed, form, style, [onerror], [onload]').count()).toBe(0);
    await shot('10-reader-html');
  });

  it('imports a folder by path from the Import dialog, and pages a long virtualised list', async () => {
    const count = 600;
    const dir = writeFiles(
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`bulk/report-${String(i).padStart(3, '0')}.txt`, `Bulletin ${i}\nRoutine bulletin number ${i} about the harvest in the valley.`])),
    );
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByLabel('Import from a path on this machine').fill(dir);
    await dialog.getByLabel('Tag the imported items (optional)').fill('bulk');
    await dialog.getByRole('button', { name: 'Import path' }).click();
    const card = page.getByRole('region', { name: 'Import' });
    const progress = card.getByRole('progressbar');
    if (await progress.isVisible()) await shot('08-import-progress');
    await card.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 120_000 });
    expect(await card.locator('.report-totals .ok strong').innerText()).toBe(String(count));
    await card.getByRole('button', { name: 'Close import report' }).click();

    await searchFor('bulletin tag:bulk');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe(`${count} results`);
    expect(await results().count()).toBeLessThan(40); // only the visible rows exist
    await page.locator('.results-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    // The last page is fetched as it scrolls into view.
    await page.locator(`[aria-posinset="${count}"] .result`).waitFor();
    expect(await results().count()).toBeLessThan(40);
  });

  it('says under the result count when a broad prefix was searched as its most frequent words', async () => {
    // The 600 bulletins are numbered: 1*, 10*–19*, 100*–199* … are over a hundred words.
    await searchFor('1* tag:bulk');
    await expect.poll(() => page.locator('.result-notice').innerText()).toMatch(/^1\* was searched as its 50 most frequent words \(of \d{3}\): type more letters to narrow it$/u);
    await shot('08b-prefix-notice');
    await searchFor('bulletin');
    expect(await page.locator('.result-notice').count()).toBe(0);
  });

  it('writes a standalone note that shows under Notes', async () => {
    await page.getByRole('button', { name: 'New note' }).first().click();
    const note = page.getByRole('textbox', { name: 'Note' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('أسئلة للمقابلة\n- من يسيطر على سنجار؟\n- Who supplies the BMP vehicles?');
    await page.locator('.save-status.saved').waitFor();
    await searchFor('');
    await page.getByRole('button', { name: /^Notes/ }).first().click();
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('2 results');
    await shot('09-standalone-note');
  });

  it('imports files dropped on the window', async () => {
    const data = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['تقرير ميداني عن شجرة الزيزفون في القرية'], 'ميداني.txt', { type: 'text/plain' }));
      return dt;
    });
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: data });
    await page.getByText('Drop to import').waitFor();
    await shot('12-drop-overlay');
    await page.dispatchEvent('body', 'drop', { dataTransfer: data });
    const card = page.getByRole('region', { name: 'Import' });
    await card.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await card.locator('.file-result.imported').innerText()).toContain('ميداني.txt');
    await card.getByRole('button', { name: 'Close import report' }).click();
    await page.getByRole('button', { name: 'All items' }).click();
    await searchFor('الزيزفون');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
  });

  it('saves a search and brings it back from the sidebar', async () => {
    await searchFor('الزيزفون');
    await page.getByRole('button', { name: 'Save this search' }).click();
    await searchFor('');
    await page.getByRole('list', { name: 'Saved searches' }).getByRole('button', { name: 'الزيزفون' }).click();
    expect(await search().inputValue()).toBe('الزيزفون');
  });

  it('explains an empty result and offers a correction', async () => {
    await searchFor('ادلبب');
    await page.getByRole('heading', { name: /No results for/ }).waitFor();
    await shot('06-no-results');
    await search().press('Escape');
    expect(await search().inputValue()).toBe('');
  });

  /** Originals stored in the archive's files/ folder. */
  const originals = (): number =>
    fs.readdirSync(path.join(server.dir, 'files')).filter((d) => d !== '.incoming').reduce((n, d) => n + fs.readdirSync(path.join(server.dir, 'files', d)).length, 0);
  const toast = () => page.locator('.undo-toast');
  const trashButton = () => page.getByRole('list', { name: 'Views' }).getByRole('button', { name: /^Trash/ });

  it('deletes an item with its note, says so, and Undo (by keyboard) brings both back', async () => {
    await page.getByRole('button', { name: 'All items' }).click();
    await searchFor('ادلب');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
    await results().first().click();
    await reader().locator('.article-body p').first().waitFor();
    await page.getByRole('button', { name: 'Delete item' }).click();
    expect(await toast().getAttribute('role')).toBe('status');
    await expect.poll(() => toast().innerText()).toMatch(/moved to the trash with 1 attached note\./);
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('0 results');
    await shot('13-undo-toast');
    await toast().getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toast().isHidden()).toBe(true);
    await searchFor('ادلب');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
    await searchFor('القرى الست'); // the attached note is found again
    await expect.poll(() => results().locator('.kind').allInnerTexts()).toContain('Note');
  });

  it('the Undo toast goes away by itself after a few seconds', async () => {
    await searchFor('"race relations had improved"');
    await results().first().click();
    await page.getByRole('button', { name: 'Delete item' }).click();
    await expect.poll(() => toast().isVisible()).toBe(true);
    await expect.poll(() => toast().isHidden(), { timeout: 12_000 }).toBe(true);
    await trashButton().click();
    await page.getByRole('list', { name: 'Deleted items' }).getByText('Obama admits').waitFor();
    await page.getByRole('list', { name: 'Deleted items' }).getByRole('button', { name: /^Restore/ }).click();
    await page.getByText('The trash is empty.').waitFor();
  });

  it('deletes, finds the item in the Trash view, and restores it from there', async () => {
    await page.getByRole('button', { name: 'All items' }).click();
    await searchFor('ادلب');
    await results().first().click();
    await reader().locator('.article-body p').first().waitFor();
    await page.getByRole('button', { name: 'Delete item' }).click();
    await toast().getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => trashButton().innerText()).toMatch(/Trash\s*1/);
    await trashButton().click();
    const entry = page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem');
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.innerText()).toMatch(/إدلب[\s\S]*with 1 note/);
    await shot('14-trash-view');
    await entry.getByRole('button', { name: /^Restore/ }).click();
    await page.getByText('The trash is empty.').waitFor();
    await page.getByRole('button', { name: 'All items' }).click();
    await searchFor('ادلب');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
  });

  it('empties the trash: the item is gone for good, with its original file', async () => {
    const before = originals();
    await searchFor('"race relations had improved"');
    await results().first().click();
    await page.getByRole('button', { name: 'Delete item' }).click();
    await toast().getByRole('button', { name: 'Dismiss' }).click();
    await trashButton().click();
    await page.getByRole('button', { name: 'Empty trash' }).click();
    await shot('15-empty-trash-confirm');
    await page.getByRole('button', { name: 'Delete all for good' }).click();
    await page.getByText('The trash is empty.').waitFor();
    expect(originals()).toBe(before - 1);
    await page.getByRole('button', { name: 'All items' }).click();
    await searchFor('"race relations had improved"');
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('0 results');
  });

  it('a standalone note goes to the trash too, and Undo brings it back', async () => {
    await searchFor('');
    await page.getByRole('button', { name: /^Notes/ }).first().click();
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('2 results');
    await results().filter({ hasText: 'أسئلة للمقابلة' }).click();
    await page.getByRole('button', { name: 'Delete note' }).click();
    await expect.poll(() => toast().innerText()).toMatch(/أسئلة للمقابلة\s*moved to the trash\.$/m);
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 result');
    await toast().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('2 results');
    await page.getByRole('button', { name: 'All items' }).click();
  });

  it('follows the OS into dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'All items' }).click();
    await searchFor('الفصائل type:article');
    await results().first().click();
    await reader().locator('mark').first().waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(22, 24, 28)');
    await shot('07-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('never talked to anything but 127.0.0.1', () => {
    const origin = `http://127.0.0.1:${server.port}/`;
    const elsewhere = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
  });

  it('ran no script from imported files (no alert/confirm/prompt)', () => {
    expect(dialogs).toEqual([]);
  });

  it('had nothing blocked by the CSP', () => {
    expect(consoleProblems.filter((m) => /Content Security Policy|Refused to/.test(m))).toEqual([]);
  });

  it('logged no errors (no failed requests, no exceptions)', () => {
    expect(consoleProblems).toEqual([]);
  });
});
