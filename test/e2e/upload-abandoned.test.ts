// A page closed in the middle of an upload (khizana serve): the page tells serve as it goes, and
// serve throws the unfinished batch away at once, instead of keeping it (and its import job) open
// until its idle time (15 minutes without a byte) runs out. A reload needs no test of its own: the
// requests it cuts off fail in the page, whose error path throws the batch away too.
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

/** The upload batches serve holds (folders under files/.uploads/<serve's folder>/), each with the files it has begun to receive. */
function batches(): string[][] {
  const root = path.join(ui.server.dir, 'files', '.uploads');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((serveFolder) => fs.readdirSync(path.join(root, serveFolder)).map((batch) => fs.readdirSync(path.join(root, serveFolder, batch))));
}

it('a page closed mid-upload has its batch dropped at once', async () => {
  const { page } = ui;
  // A slow link (20 KiB/s up), so the 3 MB file is still on its way when the page goes. No request
  // is intercepted: Playwright would hold the one the page sends as it closes.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 20 * 1024 });
  await page.getByLabel('Choose files to import').first().setInputFiles([{ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(3_000_000, 'a b ') }]);
  // The file has begun to arrive: the page has its batch and listens for its own end.
  await expect.poll(batches, { timeout: 10_000 }).toEqual([['big.txt']]);
  await page.close();
  await expect.poll(batches, { timeout: 5_000 }).toEqual([]);
});
