// axe-core on every main screen, in real Chromium, light and dark: first run, import report,
// results, reader, notes, the export and backup dialogs and the shortcuts overlay. No critical and
// no serious violation. axe is injected with page.evaluate (our CSP blocks script tags).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveArchive, type ServedArchive } from '../../electron/web/serve-archive.js';
import { writeFiles } from '../support/archive.js';
import { repoRoot, tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { builtUi, ensureBuiltUi, launchChromium, screenshotsDir } from './browser.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Found { id: string; impact: string | null; nodes: number; targets: string[] }

/** Runs axe on the page as it is; every violation with its node count. */
async function scan(page: Page): Promise<Found[]> {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[]; any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }> }> }> }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.map((n) => { const d = n.any[0]?.data; return n.target.join(' ') + (d?.fgColor ? ` ${d.fgColor}/${d.bgColor} ${d.contrastRatio}` : ''); }) }));
  });
}

let browser: Browser;
const servers: ServedArchive[] = [];
const report: Record<string, Found[]> = {};

beforeAll(async () => {
  ensureBuiltUi();
  fs.mkdirSync(screenshotsDir, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  fs.writeFileSync(path.join(repoRoot, 'test-results/axe-report.json'), JSON.stringify(report, null, 2));
});

/** The serious and critical ones, as "rule (impact): n nodes" lines, for a readable failure. */
function bad(found: Found[]): string[] {
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical').map((f) => `${f.id} (${f.impact}): ${f.nodes} — ${f.targets.join(' | ')}`);
}

describe.each(['light', 'dark'] as const)('axe, %s theme', (scheme) => {
  let page: Page;
  const check = async (screen: string): Promise<void> => {
    const found = await scan(page);
    report[`${scheme}/${screen}`] = found;
    await page.screenshot({ path: path.join(screenshotsDir, `a11y-${scheme}-${screen}.png`) });
    expect(bad(found), `${screen}, ${scheme}`).toEqual([]);
  };

  beforeAll(async () => {
    const server = await serveArchive({ dir: path.join(tempDir(), 'archive'), staticDir: builtUi, inWorker: false });
    servers.push(server);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', colorScheme: scheme });
    page = await context.newPage();
    await page.goto(server.url);
  });

  it('first run', async () => {
    await page.getByRole('heading', { name: 'Welcome to Khizana' }).waitFor();
    await check('first-run');
  });

  it('import report', async () => {
    const files = writeFiles({ 'notes.json': '{"not": "importable"}', 'report.html': '<html><head><title>A report</title></head><body><p style="color:#222">Dark ink.</p></body></html>' });
    await page.getByLabel('Choose files to import').first().setInputFiles([samplePath, path.join(files, 'notes.json'), path.join(files, 'report.html')]);
    const card = page.getByRole('region', { name: 'Import' });
    await card.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
    await check('import-report');
    await card.getByRole('button', { name: 'Close import report' }).click();
  });

  it('results', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('ادلب');
    await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().waitFor();
    await page.locator('.search-box:not(.busy)').waitFor();
    await page.getByRole('button', { name: 'Save this search' }).click();
    await page.getByRole('button', { name: 'Search saved' }).waitFor();
    await check('results');
  });

  it('reader', async () => {
    await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().click();
    await page.getByRole('article').waitFor();
    // A tag, so the sidebar's tag tree and the reader's chips are on screen too.
    await page.getByRole('combobox', { name: 'Add tag' }).fill('region/syria');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Tags of this item' }).getByText('region/syria').waitFor();
    await check('reader');
  });

  it('notes', async () => {
    await page.getByRole('button', { name: 'Add a note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('A note\n\nOn **this** item.');
    await page.getByText('Saved').first().waitFor();
    await check('notes');
  });

  it('export dialog', async () => {
    await page.locator('.sidebar-footer').getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog', { name: 'Export' }).waitFor();
    await check('export-dialog');
    await page.keyboard.press('Escape');
  });

  it('backup dialog', async () => {
    await page.locator('.sidebar-footer').getByRole('button', { name: 'Back up…' }).click();
    await page.getByRole('dialog', { name: 'Back up' }).waitFor();
    await check('backup-dialog');
    await page.keyboard.press('Escape');
  });

  it('trash', async () => {
    await page.getByRole('button', { name: 'Delete item' }).click();
    await page.getByRole('button', { name: 'Trash' }).click();
    await page.getByRole('region', { name: 'Trash' }).waitFor();
    await check('trash');
    await page.getByRole('button', { name: 'All items' }).click();
  });

  it('shortcuts overlay', async () => {
    await page.getByRole('button', { name: 'All items' }).focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await check('shortcuts');
    await page.keyboard.press('Escape');
  });
});

// The same scan in the Arabic interface (mirrored, Arabic labels and digits): first run, results, reader.
describe.each(['light', 'dark'] as const)('axe, Arabic interface, %s theme', (scheme) => {
  let page: Page;
  const check = async (screen: string): Promise<void> => {
    const found = await scan(page);
    report[`ar/${scheme}/${screen}`] = found;
    await page.screenshot({ path: path.join(screenshotsDir, `a11y-ar-${scheme}-${screen}.png`) });
    expect(bad(found), `${screen}, Arabic, ${scheme}`).toEqual([]);
  };

  beforeAll(async () => {
    const server = await serveArchive({ dir: path.join(tempDir(), 'archive'), staticDir: builtUi, inWorker: false });
    servers.push(server);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ar', colorScheme: scheme });
    page = await context.newPage();
    await page.goto(server.url);
  });

  it('first run', async () => {
    await page.locator('main.first-run').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await check('first-run');
  });

  it('results and reader', async () => {
    await page.locator('input[type=file]').first().setInputFiles([samplePath]);
    await page.locator('.results-list').waitFor({ timeout: 60_000 });
    await page.getByRole('searchbox').first().fill('ادلب');
    const first = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first();
    await first.waitFor();
    await page.locator('.search-box:not(.busy)').waitFor();
    await check('results');
    await first.click();
    await page.getByRole('article').waitFor();
    await check('reader');
  });
});
