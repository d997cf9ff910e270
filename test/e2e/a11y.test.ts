// axe-core on every main screen, in real Chromium, in the English and the Arabic interface, light
// and dark: first run, import report, results, reader, the tag menu (rename, delete), the details
// editor, the citation, notes, the export and backup dialogs, the shortcuts overlay and the trash.
// No critical and no serious violation. axe is injected with page.evaluate (our CSP blocks script
// tags). Controls are found by their names in the interface's catalog.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs, type MessageId } from '../../electron/shared/i18n/locale.js';
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

const runs = [
  { locale: 'en', scheme: 'light' },
  { locale: 'en', scheme: 'dark' },
  { locale: 'ar', scheme: 'light' },
  { locale: 'ar', scheme: 'dark' },
] as const;

describe.each(runs)('axe, $locale interface, $scheme theme', ({ locale, scheme }) => {
  let page: Page;
  /** A message of this interface, without its placeholders: a control's name to find it by. */
  const m = (id: MessageId) => catalogs[locale][id].replace(/\{[^}]*\}/g, '').trim();
  const check = async (screen: string): Promise<void> => {
    const found = await scan(page);
    report[`${locale}/${scheme}/${screen}`] = found;
    await page.screenshot({ path: path.join(screenshotsDir, `a11y-${locale}-${scheme}-${screen}.png`) });
    expect(bad(found), `${screen}, ${locale}, ${scheme}`).toEqual([]);
  };

  beforeAll(async () => {
    const server = await serveArchive({ dir: path.join(tempDir(), 'archive'), staticDir: builtUi, inWorker: false });
    servers.push(server);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: locale === 'ar' ? 'ar' : 'en-GB', colorScheme: scheme });
    page = await context.newPage();
    await page.goto(server.url);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('first run', async () => {
    await page.locator('main.first-run').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await check('first-run');
  });

  it('import report', async () => {
    const files = writeFiles({ 'notes.json': '{"not": "importable"}', 'report.html': '<html><head><title>A report</title></head><body><p style="color:#222">Dark ink.</p></body></html>' });
    await page.locator('input[type=file]').first().setInputFiles([samplePath, path.join(files, 'notes.json'), path.join(files, 'report.html')]);
    await page.locator('.import-status .report-totals').waitFor({ timeout: 60_000 });
    await check('import-report');
    await page.getByRole('button', { name: m('import.closeReport') }).click();
  });

  it('results', async () => {
    await page.getByRole('searchbox', { name: m('search.label') }).fill('ادلب');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('q') === 'ادلب');
    await page.locator('#results-list [role=listitem] .result').first().waitFor();
    await page.locator('.search-box:not(.busy)').waitFor();
    await page.getByRole('button', { name: m('search.save') }).click();
    await page.getByRole('button', { name: m('search.saved') }).waitFor();
    await check('results');
  });

  it('reader', async () => {
    await page.locator('#results-list [role=listitem] .result').first().click();
    await page.getByRole('article').waitFor();
    // A tag, so the sidebar's tag tree and the reader's chips are on screen too.
    await page.getByRole('combobox', { name: m('tags.add') }).fill('region/syria');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: m('tags.ofItem') }).getByText('region/syria').waitFor();
    await check('reader');
  });

  it('tag menu: rename and delete', async () => {
    await page.locator('.tag-tree .tag-menu-button').first().click();
    await page.locator('.tag-menu[role=menu]').waitFor();
    await check('tag-menu');
    await page.getByRole('menuitem', { name: m('tagMenu.delete') }).click();
    await page.locator('.tag-menu[role=alertdialog]').waitFor();
    await check('tag-delete');
    await page.keyboard.press('Escape');
    await page.locator('.tag-tree .tag-menu-button').first().click();
    await page.getByRole('menuitem', { name: m('tagMenu.rename') }).click();
    await page.locator('.tag-rename').waitFor();
    await check('tag-rename');
    await page.keyboard.press('Escape');
  });

  it('details editor and citation', async () => {
    await page.getByRole('button', { name: m('details.edit') }).click();
    const form = page.locator('form.details-form');
    await form.getByLabel(m('details.published'), { exact: true }).fill('2015-13-40');
    await form.locator('.field-problem').first().waitFor();
    await check('details-editor');
    await page.getByRole('button', { name: m('citation.copy') }).click();
    await page.locator('.citation-preview').waitFor();
    await check('citation');
    await form.getByRole('button', { name: m('details.cancel') }).click();
  });

  it('notes', async () => {
    await page.getByRole('button', { name: m('notes.add') }).click();
    await page.getByRole('textbox', { name: m('notes.editor') }).fill('A note\n\nOn **this** item.');
    await page.locator('.save-status.saved').first().waitFor();
    await check('notes');
  });

  it('export dialog', async () => {
    await page.locator('.sidebar-footer').getByRole('button', { name: m('sidebar.export') }).click();
    await page.getByRole('dialog', { name: m('export.title') }).waitFor();
    await check('export-dialog');
    await page.keyboard.press('Escape');
  });

  it('backup dialog', async () => {
    await page.locator('.sidebar-footer').getByRole('button', { name: m('sidebar.backUp') }).click();
    await page.getByRole('dialog', { name: m('backup.title') }).waitFor();
    await check('backup-dialog');
    await page.keyboard.press('Escape');
  });

  it('shortcuts overlay', async () => {
    await page.getByRole('button', { name: m('sidebar.all') }).focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: m('shortcut.title') }).waitFor();
    await check('shortcuts');
    await page.keyboard.press('Escape');
  });

  it('trash', async () => {
    await page.getByRole('button', { name: m('reader.delete') }).click();
    await page.getByRole('button', { name: m('sidebar.trash') }).click();
    await page.getByRole('region', { name: m('trash.title') }).waitFor();
    await check('trash');
    await page.getByRole('button', { name: m('sidebar.all') }).click();
  });
});
