// The same build as the Electron window sees it: window.archive and window.archiveHost present
// (here a stand-in that forwards to the real archive over the web bridge, shaped like
// electron/preload/window-api.d.ts), no token. Checks the UI takes the desktop paths.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../electron/shared/contract.js';
import { serveArchive, type ServedArchive } from '../../electron/web/serve-archive.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { builtUi, ensureBuiltUi, installPreloadStandIn, launchChromium, screenshotsDir } from './browser.js';

let server: ServedArchive;
let browser: Browser;
let page: Page;
const backupFolder = tempDir('khizana-desktop-backups-');

beforeAll(async () => {
  ensureBuiltUi();
  browser = await launchChromium();
  server = await serveArchive({ dir: path.join(tempDir(), 'archive'), staticDir: builtUi });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(installPreloadStandIn, { token: server.token, methods: methodNames, pick: [samplePath], folder: backupFolder });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the UI inside the desktop shell', () => {
  it('needs no token and imports through the system picker', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/`); // no ?token=: window.archive is used
    await page.getByRole('heading', { name: 'Welcome to Khizana' }).waitFor();
    expect(await page.getByLabel('Choose files to import').count()).toBe(0); // no browser upload here
    await page.getByRole('button', { name: 'Choose files…' }).click();
    const card = page.getByRole('region', { name: 'Import' });
    await card.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await card.locator('.file-result.imported').innerText()).toContain('idlib-ar.txt');
  });

  it('offers "Open original" and hands the item id to the shell', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('ادلب');
    await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().click();
    await page.getByRole('article').locator('mark').first().waitFor();
    await page.getByRole('button', { name: 'Open original' }).click();
    // The only item in this archive is the sample, the first one stored: id 1.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __opened: number[] }).__opened)).toEqual([1]);
    await page.screenshot({ path: path.join(screenshotsDir, '11-desktop-reader.png') });
  });

  it('follows menu commands (New Note, Find)', async () => {
    await page.evaluate(() => (window as unknown as { __menu: (e: unknown) => void }).__menu({ type: 'new-note' }));
    await page.getByRole('textbox', { name: 'Note' }).waitFor();
    await page.evaluate(() => (window as unknown as { __menu: (e: unknown) => void }).__menu({ type: 'find' }));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
  });

  it('File → Back Up Now… opens the backup dialog, whose Choose… takes the system folder picker', async () => {
    await page.evaluate(() => (window as unknown as { __menu: (e: unknown) => void }).__menu({ type: 'backup' }));
    const dialog = page.getByRole('dialog', { name: 'Back up' });
    await dialog.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => dialog.getByLabel('Backup folder').inputValue()).toBe(backupFolder);
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Backed up 1 article/);
    expect(fs.readdirSync(backupFolder)).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('shows errors from the preload (plain {code, message} objects) readably', async () => {
    await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().click();
    const input = page.getByRole('combobox', { name: 'Add tag' });
    await input.fill('/');
    await input.press('Enter');
    expect(await page.getByRole('alert').innerText()).toContain('a tag needs at least one name');
  });
});
