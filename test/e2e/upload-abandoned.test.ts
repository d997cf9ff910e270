// A page closed in the middle of an upload (khizana serve): the page tells serve as it goes, and
// serve throws the unfinished batch away at once, instead of keeping it (and its import job) open
// until its idle time (15 minutes without a byte) runs out.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSeededUi, type SeededUi } from './browser.js';

let ui: SeededUi;

beforeAll(async () => {
  ui = await openSeededUi(async () => undefined);
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

/** The upload batches serve holds: folders under files/.uploads/<serve's folder>/. */
function batches(): string[] {
  const root = path.join(ui.server.dir, 'files', '.uploads');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((serveFolder) => fs.readdirSync(path.join(root, serveFolder)));
}

it('closing the page mid-upload drops the batch at once', async () => {
  const { page } = ui;
  // The files never reach serve: the upload is still under way when the page goes.
  await page.route('**/api/upload/file*', () => undefined);
  const files = Array.from({ length: 3 }, (_, k) => ({ name: `note-${k}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Note ${k}, never sent`) }));
  await page.getByLabel('Choose files to import').first().setInputFiles(files);
  await expect.poll(batches, { timeout: 10_000 }).toHaveLength(1);
  await page.close();
  await expect.poll(batches, { timeout: 5_000 }).toEqual([]);
});
