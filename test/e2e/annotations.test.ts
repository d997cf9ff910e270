// Annotations in real Chromium: select an Arabic passage of the sample (across a search mark),
// highlight it with an Arabic comment, reload, find it by search, and the click opens the article
// scrolled to it; a passage of an HTML item (across an element, a mixed line) highlights too; a
// selection read while the article has just changed is measured against its new text.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { samplePath } from '../support/shared.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;

beforeAll(async () => {
  ui = await openSeededUi(async (api) => {
    await api.importPaths({ paths: [samplePath] });
    await api.importPaths({
      paths: [writeFiles({ 'mixed.html': '<html><head><title>Idlib front</title></head><body><article><h1>Idlib front</h1><p>The <b>Idlib</b> offensive: قوات النظام تتقدم في ريف إدلب الجنوبي according to the report.</p><p>Second paragraph of the page, which says nothing more.</p></article></body></html>' })],
    });
  });
  ({ page } = ui);
  await page.setViewportSize({ width: 1280, height: 640 });
});

afterAll(async () => {
  await ui?.close();
});

async function openFirst(query: string, expected: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(query);
  const result = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first();
  await expect.poll(() => result.innerText(), { timeout: 10_000 }).toContain(expected);
  await result.click();
  await page.getByRole('article').locator('.article-body').waitFor();
}

/** Waits for the search's hits to be marked in the article (the marks rebuild its text nodes). */
async function hitsMarked(): Promise<void> {
  await expect.poll(() => page.locator('.article-body mark').count(), { timeout: 10_000 }).toBeGreaterThan(0);
}

/**
 * Drags the mouse over `passage` in the article, from its first character to its last (right to
 * left in Arabic). The article can still move as the reader finishes loading (marks, panels), so
 * the drag is measured on a settled layout and tried again if what it selected is not the passage.
 */
async function select(passage: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(settled);
    await drag(passage);
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    if (selected.replace(/\s+/gu, ' ').trim() === passage) return;
    if (attempt === 3) throw new Error(`three drags over "${passage}" selected "${selected}"`);
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
  }
}

/** Resolves once the article body's box is the same over two animation frames. */
async function settled(): Promise<void> {
  const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
  const where = () => JSON.stringify(document.querySelector('.article-body')!.getBoundingClientRect());
  for (let i = 0, last = ''; i < 60; i++) {
    const now = where();
    if (now === last) return;
    last = now;
    await frame();
    await frame();
  }
}

async function drag(passage: string): Promise<void> {
  const box = await page.evaluate((text) => {
    const body = document.querySelector('.article-body')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(text);
    if (at < 0) throw new Error(`"${text}" is not in the article`);
    const point = (i: number) => {
      let k = 0;
      while (i >= nodes[k]!.data.length) i -= nodes[k++]!.data.length;
      return { node: nodes[k]!, offset: i };
    };
    const rectOf = (i: number) => {
      const p = point(i);
      const r = document.createRange();
      r.setStart(p.node, p.offset);
      r.setEnd(p.node, p.offset + 1);
      r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      return r.getBoundingClientRect();
    };
    rectOf(at);
    const first = rectOf(at);
    const last = rectOf(at + text.length - 1);
    // An Arabic letter runs right to left even in a left-to-right line: it starts at its right edge.
    const arabic = (i: number) => /[\u0600-\u06ff]/u.test(all[i]!);
    const x0 = arabic(at) ? first.right - 1 : first.left + 1;
    const x1 = arabic(at + text.length - 1) ? last.left + 1 : last.right - 1;
    return { x0, y0: first.top + first.height / 2, x1, y1: last.top + last.height / 2 };
  }, passage);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move(box.x1, box.y1, { steps: 8 });
  await page.mouse.up();
}

/** The text of each range of a named CSS highlight. */
const highlighted = (name: string) => page.evaluate((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => (r as Range).toString()), name);

const passage = 'التقدّم في محافظة إدلب';
const comment = 'مصدر روسي يؤكد ذلك، **تحقق** منه';

it('highlights an Arabic passage with an Arabic comment; after a reload search finds it and opens the article scrolled to it', async () => {
  // ادلب marks إدلب inside the passage: the selection crosses a <mark>.
  await openFirst('ادلب التهدئة', 'التهدئة');
  await hitsMarked();
  await select(passage);
  const toolbar = page.getByRole('dialog', { name: 'Highlight the selection' });
  await toolbar.waitFor();
  await toolbar.getByRole('button', { name: 'Comment…' }).click();
  await toolbar.getByRole('button', { name: 'Highlight green' }).click();
  await toolbar.getByRole('textbox', { name: 'Comment (Markdown)' }).fill(comment);
  await page.screenshot({ path: path.join(screenshotsDir, 'annotation-toolbar.png') });
  await toolbar.getByRole('button', { name: 'Highlight', exact: true }).click();

  const panel = page.getByRole('region', { name: 'Annotations' });
  await expect.poll(() => panel.locator('.annotation-entry').count(), { timeout: 10_000 }).toBe(1);
  expect(await panel.locator('.annotation-quote bdi').innerText()).toBe(passage);
  expect(await panel.locator('.annotation-comment').innerText()).toBe('مصدر روسي يؤكد ذلك، تحقق منه');
  await expect.poll(() => highlighted('annotation-green')).toEqual([passage]);
  await page.screenshot({ path: path.join(screenshotsDir, 'annotation-highlighted.png') });

  await page.reload();
  await openFirst('in:annotations يؤكد', 'يؤكد');
  const snippet = await page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().innerText();
  expect(snippet).toContain(passage);
  // Opened scrolled to it: the highlight is there, active, and inside the visible part of the text.
  await expect.poll(() => highlighted('annotation-active'), { timeout: 10_000 }).toEqual([passage]);
  const place = await page.evaluate(() => {
    const range = [...CSS.highlights.get('annotation-active')!][0] as Range;
    const box = range.getBoundingClientRect();
    const scroller = document.querySelector('.reader-scroll')!;
    const view = scroller.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, viewTop: view.top, viewBottom: view.bottom, scrolled: scroller.scrollTop };
  });
  expect(place.scrolled).toBeGreaterThan(0);
  expect(place.top).toBeGreaterThanOrEqual(place.viewTop);
  expect(place.bottom).toBeLessThanOrEqual(place.viewBottom);
  expect(await page.locator('.annotation-entry.active .annotation-quote bdi').innerText()).toBe(passage);
  await page.screenshot({ path: path.join(screenshotsDir, 'annotation-found-by-search.png') });

  // Quote in note: a new note on the item with the passage as a blockquote and a link back to it.
  await page.locator('.annotation-entry').getByRole('button', { name: 'Quote in note' }).click();
  const notes = page.getByRole('region', { name: 'Notes on this item' });
  await expect.poll(() => notes.getByRole('textbox').first().inputValue().catch(() => ''), { timeout: 10_000 }).toMatch(
    new RegExp(`^> ${passage}\n>\n> — \\[annotation\\]\\(khizana:annotation/[0-9a-f-]{36}\\)\n$`, 'u'),
  );
  await page.screenshot({ path: path.join(screenshotsDir, 'annotation-quoted-in-note.png') });

  // The quote's link opens the passage: from the top of the article, a click scrolls back to it.
  await page.evaluate(() => {
    document.querySelector('.reader-scroll')!.scrollTop = 0;
  });
  const link = notes.locator('.markdown a.note-link').first();
  await expect.poll(() => link.getAttribute('title'), { timeout: 10_000 }).toMatch(/^Open the highlighted passage in: /);
  await link.click();
  await expect.poll(() => page.evaluate(() => document.querySelector('.reader-scroll')!.scrollTop), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await page.locator('.annotation-entry.active .annotation-quote bdi').innerText()).toBe(passage);
});

it('highlights a passage of an HTML item across an element and a mixed Arabic/English line; delete has Undo', async () => {
  await openFirst('offensive', 'Idlib');
  await hitsMarked();
  await select('Idlib offensive: قوات النظام');
  const toolbar = page.getByRole('dialog', { name: 'Highlight the selection' });
  await toolbar.getByRole('button', { name: 'Highlight blue' }).click();
  const panel = page.getByRole('region', { name: 'Annotations' });
  await expect.poll(() => panel.locator('.annotation-quote bdi').allInnerTexts(), { timeout: 10_000 }).toEqual(['Idlib offensive: قوات النظام']);
  await expect.poll(() => highlighted('annotation-blue')).toEqual(['Idlib offensive: قوات النظام']);
  await page.screenshot({ path: path.join(screenshotsDir, 'annotation-html.png') });

  await panel.getByRole('button', { name: 'Delete annotation' }).click();
  await expect.poll(() => panel.count()).toBe(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Annotations' }).locator('.annotation-entry').count(), { timeout: 10_000 }).toBe(1);
});

it('reads a selection made just after the article changed (before the next frame) against the new text', async () => {
  await openFirst('offensive', 'Idlib');
  await hitsMarked();
  const panel = page.getByRole('region', { name: 'Annotations' });
  const before = await panel.locator('.annotation-entry').count();
  // Splitting the text node is what marking a hit does. Done in a frame callback, so the next frame
  // (the reader's repaint) is a whole frame away when the mouseup's selection is read.
  await page.evaluate(async (text) => {
    await new Promise((done) => requestAnimationFrame(done));
    const walker = document.createTreeWalker(document.querySelector('.article-body')!, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode() as Text | null;
    while (node && !node.data.includes(text)) node = walker.nextNode() as Text | null;
    const middle = node!.splitText(node!.data.indexOf(text));
    middle.splitText(text.length);
    const range = document.createRange();
    range.selectNodeContents(middle);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, 'which says nothing');
  await page.getByRole('dialog', { name: 'Highlight the selection' }).getByRole('button', { name: 'Highlight blue' }).click({ timeout: 10_000 });
  await expect.poll(() => panel.locator('.annotation-entry').count(), { timeout: 10_000 }).toBe(before + 1);
  expect(await panel.locator('.annotation-quote bdi').allInnerTexts()).toContain('which says nothing');
});
