// Backing up from the UI (the browser build against `khizana serve`, as the desktop window sees
// it): the sidebar says no backup exists, the dialog takes a folder and turns daily backups on,
// "Back up now" writes a backup that restores, and the sidebar then shows its time; then the
// dialog restores that backup into a new folder after asking, and refuses a folder in use.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive.js';
import { restoreBackup } from '../../electron/core/backup/restore.js';
import type { ServedArchive } from '../../electron/web/serve-archive.js';
import { tempDir } from '../support/paths.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let server: ServedArchive;
let page: Page;

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.addNote({ text: 'a note worth a backup, zanzibar' });
  });
  ({ server, page } = ui);
});

afterAll(async () => {
  await ui?.close();
});

it('backs up from the dialog and shows the last backup in the sidebar', async () => {
  const footer = page.locator('.sidebar-footer');
  await expect.poll(() => footer.textContent()).toContain('Not backed up yet');
  await footer.getByRole('button', { name: 'Back up…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Back up' });
  await dialog.waitFor();
  expect(await dialog.getByRole('button', { name: 'Back up now' }).isDisabled()).toBe(true); // no folder yet

  // A folder that does not exist is refused with the reason, in the dialog.
  await dialog.getByLabel('Backup folder').fill(path.join(tempDir(), 'missing'));
  await dialog.getByRole('button', { name: 'Use this folder' }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/is not an existing folder/);

  const folder = tempDir('khizana-ui-backups-');
  await dialog.getByLabel('Backup folder').fill(folder);
  await dialog.getByRole('button', { name: 'Use this folder' }).click();
  // The checkbox shows the saved setting: it turns on when the archive has saved it, not at the click.
  const auto = dialog.getByRole('checkbox', { name: /Back up automatically every day/ });
  await expect.poll(() => auto.isEnabled()).toBe(true);
  await auto.click();
  await expect.poll(() => auto.isChecked()).toBe(true);
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Backed up 0 articles, 1 note and 0 original files \(/);
  expect(await dialog.getByRole('alert').count()).toBe(0);
  await page.screenshot({ path: path.join(screenshotsDir, 'backup-dialog.png') });

  const files = fs.readdirSync(folder);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^khizana-backup-\d{4}-\d{2}-\d{2}-\d{6}\.tar$/);
  const settings = JSON.parse(fs.readFileSync(path.join(server.dir, 'settings.json'), 'utf8')) as { backup: { folder: string; auto: boolean } };
  expect(settings.backup).toMatchObject({ folder, auto: true });
  const restoredDir = path.join(tempDir(), 'restored');
  restoreBackup({ file: path.join(folder, files[0]!), targetDir: restoredDir });
  const restored = await openArchive({ dir: restoredDir, parseWorkers: 0 });
  expect((await restored.api.search({ query: 'zanzibar' })).total).toBe(1);
  await restored.close();

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => footer.textContent()).toMatch(/Backed up just now/);
  await page.screenshot({ path: path.join(screenshotsDir, 'backup-sidebar.png') });
});

it('restores the backup from the dialog into a new folder after a confirmation', async () => {
  await page.locator('.sidebar-footer').getByRole('button', { name: 'Back up…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Back up' });
  await dialog.waitFor();
  const file = await dialog.getByLabel('Backup file').inputValue();
  expect(file).toMatch(/khizana-backup-.*\.tar$/); // the last backup, filled in

  // A folder that is not empty is refused, in one line, and stays as it was.
  const busy = tempDir('khizana-ui-busy-');
  fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine');
  await dialog.getByLabel('New folder for the restored archive').fill(busy);
  await dialog.getByRole('button', { name: 'Restore…' }).click();
  await dialog.getByRole('group', { name: 'Confirm restore' }).getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/is not empty: restore into a new or empty folder/);
  expect(fs.readdirSync(busy)).toEqual(['keep.txt']);

  const target = path.join(tempDir(), 'restored from the app');
  await dialog.getByLabel('New folder for the restored archive').fill(target);
  await dialog.getByRole('button', { name: 'Restore…' }).click();
  const confirm = dialog.getByRole('group', { name: 'Confirm restore' });
  expect(await confirm.textContent()).toBe(`Restore ${file} into ${target}? The open archive is not changed.RestoreCancel`);
  expect(fs.existsSync(target)).toBe(false); // nothing happens before the confirmation
  await confirm.getByRole('button', { name: 'Restore' }).click();
  const status = dialog.locator('.restore-status');
  await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(
    new RegExp(`: 0 articles, 1 note and 0 original files into ${target}\\. To open it, quit Khizana and start it with --archive "${target}" \\(or KHIZANA_ARCHIVE="${target}"\\)`),
  );
  expect(await dialog.getByRole('alert').count()).toBe(0);
  expect(fs.existsSync(path.join(target, 'khizana.sqlite'))).toBe(true);
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotsDir, 'backup-restore.png') });
  const restored = await openArchive({ dir: target, parseWorkers: 0 });
  expect((await restored.api.search({ query: 'zanzibar' })).total).toBe(1);
  await restored.close();
});
