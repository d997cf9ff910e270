// Exporting from the UI (the browser build against `khizana serve`): the results header exports
// the current search (all its hits), the sidebar everything; a non-empty folder is refused in the
// dialog; the export imports back into another archive.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive.js';
import { tempDir } from '../support/paths.js';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.importPaths({ paths: [writeFiles({ 'a.txt': 'zanzibar spices and cloves', 'b.txt': 'zanzibar harbour at dawn', 'c.txt': 'mombasa old town' })], tags: [] });
    await api.addNote({ text: 'note on the spices', on: 1 });
  });
  ({ page } = ui);
});

afterAll(async () => {
  await ui?.close();
});

it('exports the current search from the results header and everything from the sidebar', async () => {
  await page.getByRole('searchbox').first().fill('zanzibar');
  await expect.poll(() => page.locator('.result-count').textContent()).toMatch(/^2 results/);
  await page.locator('.result-summary').getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  expect(await dialog.getByRole('radio', { name: /The 2 results of this search/ }).isChecked()).toBe(true);

  const busy = writeFiles({ 'mine.txt': 'keep' });
  await dialog.getByLabel(/A new or empty folder/).fill(busy);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/the folder is not empty/);

  const zip = path.join(tempDir(), 'zanzibar.zip');
  await dialog.getByLabel(/A new or empty folder/).fill(zip);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Exported 2 articles, 1 note and 2 original files/);
  await page.screenshot({ path: path.join(screenshotsDir, 'export-dialog.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.locator('.sidebar-footer').getByRole('button', { name: 'Export…' }).click();
  await dialog.waitFor();
  expect(await dialog.getByRole('radio', { name: 'Everything in the archive' }).isChecked()).toBe(true);
  const folder = path.join(tempDir(), 'everything');
  await dialog.getByLabel(/A new or empty folder/).fill(folder);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Exported 3 articles, 1 note and 3 original files/);

  const copy = await openArchive({ dir: path.join(tempDir(), 'copy'), parseWorkers: 0 });
  try {
    expect((await copy.api.importPaths({ paths: [zip] })).imported).toBe(3);
    expect((await copy.api.search({ query: 'zanzibar' })).total).toBe(2);
  } finally {
    await copy.close();
  }
});
