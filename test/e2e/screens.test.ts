// The screenshot matrix (issue 12): every main screen — first run, import report, results, the reader
// with an Arabic and with an English article, notes open, the export dialog — in Arabic and English,
// light and dark, at 1024×700 and 1400×900, into test-results/screenshots/matrix/ (look at them).
// In the Arabic interface every screen, and the tag menu, details editor, backup dialog and
// shortcuts overlay besides, must show no English: a Latin word is allowed only in content (an
// element with another lang, user data isolated in <bdi>, code, fields) or as a name (Khizana,
// PDF, BibTeX…).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive.js';
import { catalogs, type MessageId, type UiLocale } from '../../electron/shared/i18n/locale.js';
import { serveArchive, type ServedArchive } from '../../electron/web/serve-archive.js';
import { readCorpus } from '../../bench/corpus.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { builtUi, ensureBuiltUi, launchChromium, screenshotsDir } from './browser.js';

const matrixDir = path.join(screenshotsDir, 'matrix');
const sizes = [{ width: 1024, height: 700 }, { width: 1400, height: 900 }] as const;

/** Names and formats a screen may show in Latin letters in any language, and the seeded tags. */
const names = ['Khizana', 'English', 'PDF', 'HTML', 'TXT', 'EPUB', 'DOCX', 'Markdown', 'Obsidian', 'BibTeX', 'RIS', 'APA', 'Chicago', 'Ctrl', 'Shift', 'Alt', 'Del', 'Esc', 'Enter', 'Tab', 'PgUp', 'PgDn', 'jsonl', 'zip', 'tar', 'eml', 'mbox', 'html', 'htm', 'txt', 'pdf', 'epub', 'docx', 'doc', 'odt', 'rtf', 'md', 'json', 'utf'];

// The seeded tag's words are content, wherever they are spoken ("Actions for tag region/syria/idlib").
const allowedWords = [...names, 'region', 'syria', 'idlib'];

const englishArticle = '<html lang="en"><head><title>Harvest report from the valley</title><meta name="author" content="Jane Grower"></head><body><article><h1>Harvest report from the valley</h1><p>The durian harvest was late this year, according to the growers in the valley. Prices rose by a third, and <a href="https://example.org/prices">the market report</a> expects them to stay high.</p><h2>Buyers</h2><p>A second paragraph about the durian market and its buyers, who came from three countries.</p><p>A third paragraph, long enough to wrap across the reader at every width we test, so that clipping or overflow would show.</p></article></body></html>';

let browser: Browser;
let seeded: ServedArchive;
const servers: ServedArchive[] = [];

beforeAll(async () => {
  ensureBuiltUi();
  fs.rmSync(matrixDir, { recursive: true, force: true });
  fs.mkdirSync(matrixDir, { recursive: true });
  const dir = path.join(tempDir(), 'archive');
  const session = await openArchive({ dir, parseWorkers: 0 });
  try {
    const files = writeFiles({
      'harvest.html': englishArticle,
      ...Object.fromEntries((await readCorpus('ar', 12)).map((a, i) => [`ar-${i}.txt`, `${a.title}\n\n${a.body}`])),
      ...Object.fromEntries((await readCorpus('en', 12)).map((a, i) => [`en-${i}.txt`, `${a.title}\n\n${a.body}`])),
    });
    const report = await session.api.importPaths({ paths: [samplePath, files] });
    const sample = report.results.find((r) => r.path === samplePath)!.id!;
    await session.api.addTag({ id: sample, tag: 'region/syria/idlib' });
    await session.api.addNote({ on: sample, text: '# ملاحظة على المقال\n\nالفصائل في **جنوب شرق إدلب**؛ انظر أيضًا تقرير الحصاد.' });
  } finally {
    await session.close();
  }
  seeded = await serveArchive({ dir, staticDir: builtUi, inWorker: false });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await seeded?.close();
  for (const s of servers) await s.close();
});

/** Every Latin word on screen that is interface text, not content: visible text, options, and spoken attributes. */
async function englishOnScreen(page: Page): Promise<string[]> {
  return page.evaluate((allowed) => {
    const latin = /[A-Za-z]{2,}/g;
    // Content: marked with its language, user data isolated in <bdi>, code, fields, and what items say
    // (titles, snippets, the article, a note, details such as authors and addresses).
    const content = '[lang]:not([lang|="ar"]), code, kbd, bdi, input, textarea, .article-body, .markdown-preview, .citation-preview, .result-title, .result-snippet, .reader-meta dd, [aria-hidden="true"]';
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const found: string[] = [];
    const check = (where: string, text: string) => {
      // A file name (items.jsonl, khizana-backup-….tar) is a name, not a word.
      for (const word of text.replace(/[\w…-]+\.(jsonl|json|zip|tar|md|txt|html)\b/g, '').match(latin) ?? []) if (!allowed.includes(word)) found.push(`${where}: ${word} in “${text.trim().slice(0, 90)}”`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(content) || !(shown(el) || el instanceof HTMLOptionElement)) continue;
      check('text', node.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')) {
      if (!shown(el) && !(el instanceof HTMLInputElement && el.type === 'file')) continue;
      if (el.closest('[lang]:not([lang|="ar"]), bdi, .reader-meta dd')) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = el.getAttribute(name);
        // Placeholders that show a path, an address or language tags to type are examples, not words.
        if (!value || (name === 'placeholder' && /^(\/|https?:|[a-z]{2}(-[A-Z]{2})?(, [a-z]{2}(-[A-Z]{2})?)*$)/.test(value))) continue;
        // A title that shows the content it stands on in full (a file's path, a tag's whole name).
        if (name === 'title' && [...el.querySelectorAll('bdi')].some((b) => value.endsWith(b.textContent ?? '\u0000'))) continue;
        check(name, value);
      }
    }
    return found;
  }, allowedWords);
}

describe.each(['ar', 'en'] as const)('screens, %s interface', (locale) => {
  const m = (id: MessageId) => catalogs[locale][id].replace(/\{[^}]*\}/g, '').trim();

  describe.each(['light', 'dark'] as const)('%s theme', (scheme) => {
    let page: Page;
    let english: string[] = [];
    const shot = async (screen: string, size: { width: number; height: number }): Promise<void> => {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(matrixDir, `${screen}-${locale}-${scheme}-${size.width}x${size.height}.png`) });
      // Collected, and checked at the end of the test: every screenshot is taken even when one screen fails.
      if (locale === 'ar') english.push(...(await englishOnScreen(page)).map((f) => `${screen} ${size.width}×${size.height}: ${f}`));
    };
    const search = async (query: string): Promise<void> => {
      await page.getByRole('searchbox', { name: m('search.label') }).fill(query);
      // This query's results, not the previous ones: the address holds the query once it runs.
      await page.waitForFunction((q) => new URLSearchParams(location.hash.slice(1)).get('q') === q, query);
      await page.locator('.results-list [role=listitem] .result').first().waitFor();
      await page.locator('.search-box:not(.busy)').waitFor();
      await page.waitForFunction(() => !document.querySelector('.results-scroll.stale, .result-count .spinner'));
    };
    const openFirst = async (): Promise<void> => {
      const first = page.locator('.results-list [role=listitem] .result').first();
      const title = (await first.locator('.result-title').innerText()).replace(/…$/, '').slice(0, 20);
      await first.click();
      // This article's reader, not the one open before.
      await page.locator('.reader-article h1', { hasText: title }).waitFor();
      await page.locator('.reader-article .article-body').waitFor();
      await page.waitForTimeout(150);
    };

    beforeAll(async () => {
      const context = await browser.newContext({ viewport: sizes[0], locale: locale === 'ar' ? 'ar' : 'en-GB', colorScheme: scheme });
      page = await context.newPage();
    });

    afterAll(async () => {
      await page?.context().close();
    });

    beforeEach(() => {
      english = [];
    });

    afterEach(() => {
      expect(english, `English in the Arabic interface, ${scheme}`).toEqual([]);
    });

    it('first run and the import report', async () => {
      const empty = await serveArchive({ dir: path.join(tempDir(), 'archive'), staticDir: builtUi, inWorker: false });
      servers.push(empty);
      await page.setViewportSize(sizes[0]);
      await page.goto(empty.url);
      await page.locator('main.first-run').waitFor();
      for (const size of sizes) {
        await page.setViewportSize(size);
        await shot('first-run', size);
      }
      const files = writeFiles({ 'notes.json': '{"not": "importable"}', 'empty.txt': '', 'report.html': englishArticle });
      await page.locator('input[type=file]').first().setInputFiles([samplePath, path.join(files, 'notes.json'), path.join(files, 'empty.txt'), path.join(files, 'report.html')]);
      await page.locator('.import-status .report-totals').waitFor({ timeout: 60_000 });
      for (const size of [...sizes].reverse()) {
        await page.setViewportSize(size);
        await shot('import-report', size);
      }
    });

    it.each(sizes)('results, readers, notes and the export dialog at $width×$height', async (size) => {
      await page.setViewportSize(size);
      await page.goto(seeded.url);
      await page.locator('.sidebar').waitFor();
      await search('ادلب OR durian OR oil');
      await shot('results', size);

      await search('harvest durian');
      await openFirst();
      await shot('reader-en', size);

      await search('"ولا تهنوا"');
      await openFirst();
      // The sample has a note: its panel opens with the article.
      await page.locator('.notes-panel.open').waitFor();
      await page.locator('.notes-toggle').click();
      await page.locator('.notes-panel:not(.open)').waitFor();
      await shot('reader-ar', size);
      await page.locator('.notes-toggle').click();
      await page.locator('.notes-panel.open .markdown-preview, .notes-panel.open textarea').first().waitFor();
      await shot('notes', size);

      await page.locator('.sidebar-footer').getByRole('button', { name: m('sidebar.export') }).click();
      await page.locator('dialog[open]').waitFor();
      await shot('dialog-export', size);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    });

    it.runIf(scheme === 'light')('the tag menu, details editor, backup dialog and shortcuts overlay', async () => {
      const size = sizes[1];
      await page.setViewportSize(size);
      await page.goto(seeded.url);
      await page.locator('.sidebar').waitFor();
      await search('"ولا تهنوا"');
      await openFirst();

      await page.locator('.tag-tree .tag-menu-button').first().click();
      await page.locator('.tag-menu[role=menu]').waitFor();
      await shot('extra-tag-menu', size);
      await page.locator('.tag-menu .menu-item.danger').click();
      await page.locator('.tag-menu[role=alertdialog]').waitFor();
      await shot('extra-tag-delete', size);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: m('details.edit') }).click();
      const form = page.locator('form.details-form');
      await form.getByLabel(m('details.published'), { exact: true }).fill('2015-13-40');
      await form.locator('.field-problem').first().waitFor();
      await shot('extra-details-editor', size);
      await page.getByRole('button', { name: m('citation.copy') }).click();
      await page.locator('.citation-preview').waitFor();
      await shot('extra-citation', size);
      await form.getByRole('button', { name: m('details.cancel') }).click();

      await page.locator('.sidebar-footer').getByRole('button', { name: m('sidebar.backUp') }).click();
      await page.locator('dialog[open]').waitFor();
      await shot('extra-backup-dialog', size);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog[open]'));

      await page.getByRole('button', { name: m('sidebar.all') }).focus();
      await page.keyboard.press('?');
      await page.locator('dialog[open]').waitFor();
      await shot('extra-shortcuts', size);
      await page.keyboard.press('Escape');
    });
  });
});

// The mirrored layout: in Arabic the sidebar is on the right and the chevrons that point along the
// line (hide a pane, a collapsed tag) point the other way than in English.
describe('mirrored layout', () => {
  it('puts the sidebar on the right in Arabic and turns the directional chevrons around', async () => {
    const seen: Record<string, { sidebarLeft: number; collapse: string; disclosure: string }> = {};
    for (const locale of ['en', 'ar'] as const) {
      const context = await browser.newContext({ viewport: sizes[1], locale: locale === 'ar' ? 'ar' : 'en-GB' });
      const page = await context.newPage();
      await page.goto(seeded.url);
      await page.locator('.tag-tree .disclosure').first().waitFor();
      await page.locator('.tag-tree .disclosure').first().click();
      await page.locator('.tag-tree .disclosure:not(.open)').first().waitFor();
      // The chevron turns with a transition: read it once it has ended.
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      const transform = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).transform);
      seen[locale] = {
        sidebarLeft: (await page.locator('.sidebar').boundingBox())!.x,
        collapse: await transform('.sidebar .pane-collapse svg'),
        disclosure: await transform('.tag-tree .disclosure:not(.open) svg'),
      };
      await context.close();
    }
    expect(seen.en!.sidebarLeft).toBe(0);
    expect(seen.ar!.sidebarLeft).toBeGreaterThan(1000);
    const mirrored = 'matrix(-1, 0, 0, 1, 0, 0)';
    // English: the hide chevron drawn mirrored (‹, towards the sidebar's edge), Arabic: as drawn (›).
    expect([seen.en!.collapse, seen.ar!.collapse]).toEqual([mirrored, 'none']);
    // A collapsed tag's chevron points along the line: → in English, ← in Arabic.
    expect([seen.en!.disclosure, seen.ar!.disclosure]).toEqual(['none', mirrored]);
  });
});

describe('the matrix', () => {
  it('holds every main screen in both languages, both themes and both sizes', () => {
    const screens = ['first-run', 'import-report', 'results', 'reader-ar', 'reader-en', 'notes', 'dialog-export'];
    const expected = screens.flatMap((s) => (['ar', 'en'] as UiLocale[]).flatMap((l) => ['light', 'dark'].flatMap((c) => sizes.map((z) => `${s}-${l}-${c}-${z.width}x${z.height}.png`))));
    const taken = new Set(fs.readdirSync(matrixDir));
    expect(expected.filter((f) => !taken.has(f))).toEqual([]);
    expect(expected).toHaveLength(56);
  });
});
