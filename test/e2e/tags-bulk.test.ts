// Tags you can manage and many results at once, in real Chromium against `khizana serve`: rename a
// tag from the sidebar's menu (right-click), recolour and delete one (keyboard, ⋯ button, with the
// confirmation's count), Shift-click a range of results, tag it, undo; select all N results of a
// search (more than the loaded pages) and tag them, and undo.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveApi } from '../../electron/shared/contract.js';
import { writeFiles } from '../support/archive.js';
import { openSeededUi, screenshotsDir, type SeededUi } from './browser.js';

let ui: SeededUi;
let page: Page;
let api: ArchiveApi;
const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `tags-${name}.png`) });

beforeAll(async () => {
  ui = await openSeededUi(async (seed) => {
    await seed.importPaths({
      paths: [writeFiles({
        'idlib.txt': 'الفصائل في إدلب\n\nالفصائل تتقدم في ريف إدلب الجنوبي.',
        'aleppo.txt': 'أسواق حلب\n\nعادت الأسواق في حلب إلى العمل.',
      })],
      tags: ['syria/idlib'],
    });
    // 230 notes: more than the list loads at once (pages of 50).
    for (let k = 0; k < 230; k++) await seed.addNote({ text: `olive harvest report ${k}` });
  });
  ({ page } = ui);
  api = httpApi(ui.server.url);
});

afterAll(async () => {
  await ui?.close();
});

/** The served archive's API over HTTP, as the page calls it (to check what it wrote). */
function httpApi(url: string): ArchiveApi {
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token');
  return new Proxy({} as ArchiveApi, {
    get: (_, method: string) => async (args: unknown) => {
      const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args ?? {}) });
      const body = (await res.json()) as unknown;
      if (!res.ok) throw Object.assign(new Error(JSON.stringify(body)), body as object);
      return body;
    },
  });
}

async function search(query: string, count: string): Promise<void> {
  await page.getByRole('searchbox').first().fill(query);
  await expect.poll(() => page.locator('.result-count').innerText()).toBe(count);
}

it('renames a tag from its context menu: the sub-tag follows', async () => {
  await page.locator('.tag-tree').getByRole('button', { name: /^syria\b/ }).first().waitFor();
  await page.locator('.tag-tree .nav-button', { hasText: 'syria' }).first().click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Tag syria' });
  await menu.waitFor();
  await shot('01-context-menu');
  await menu.getByRole('menuitem', { name: 'Rename…' }).click();
  const field = page.getByRole('textbox', { name: 'New name for tag syria' });
  await field.fill('levant');
  await field.press('Enter');
  await expect.poll(async () => (await api.listTags({})).map((t) => `${t.path} ${t.count}`)).toEqual(['levant 2', 'levant/idlib 2']);
  await page.locator('.tag-tree .nav-button', { hasText: 'levant' }).first().waitFor();
  await expect.poll(() => page.locator('.undo-toast').innerText()).toContain('Renamed “syria” to “levant” on 2 items.');
  await shot('02-renamed');
});

it('recolours and deletes a tag by keyboard, after a confirmation that says how many items', async () => {
  const actions = page.getByRole('button', { name: 'Actions for tag levant/idlib' });
  await actions.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Tag levant/idlib' });
  await menu.getByRole('menuitemradio', { name: 'Green' }).click();
  await expect.poll(async () => (await api.listTags({})).find((t) => t.path === 'levant/idlib')?.color).toBe('#27ae60');
  await actions.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp'); // from Rename… round to Delete…
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Delete…');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Tag levant/idlib' });
  await expect.poll(() => confirm.innerText()).toContain('Remove levant/idlib from 2 items? The items stay.');
  await shot('03-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect.poll(async () => (await api.listTags({})).map((t) => t.path)).toEqual([]);
  await expect.poll(() => page.locator('.sidebar-empty').first().innerText()).toContain('No tags yet');
});

it('Shift-click selects a range, Ctrl-click one more; tags the selection; Undo untags exactly those', async () => {
  await search('olive', '230 results');
  const rows = page.locator('#results-list .result');
  await rows.nth(1).click();
  await rows.nth(4).click({ modifiers: ['Shift'] });
  await rows.nth(6).click({ modifiers: ['Control'] });
  await expect.poll(() => page.locator('.selection-count').innerText()).toBe('5 selected');
  const ids = async () => (await api.search({ query: 'tag:checked', limit: 100 })).total;
  // One of the five already has the tag: the undo must leave it.
  const already = (await api.search({ query: 'olive', limit: 3 })).hits[2]!.id;
  await api.addTag({ id: already, tag: 'checked' });
  const bar = page.getByRole('toolbar', { name: 'Selected results' });
  await bar.getByRole('combobox', { name: 'Tag for the 5 items' }).fill('checked');
  await shot('04-selection');
  await bar.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect.poll(() => page.locator('.undo-toast').innerText()).toContain('Tagged 4 items “checked” (1 item already had it).');
  expect(await ids()).toBe(5);
  await shot('05-tagged');
  await page.locator('.undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(ids).toBe(1);
  expect((await api.getItem({ id: already })).tags).toEqual(['checked']);
});

it('selects all N results of a search (pages never loaded too) and tags them; Undo', async () => {
  await search('olive', '230 results');
  await page.locator('#results-list .result').first().click();
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => page.locator('.selection-count').innerText()).toBe('2 selected');
  await page.getByRole('button', { name: 'Select all 230 results' }).click();
  await expect.poll(() => page.locator('.selection-count').innerText()).toBe('All 230 items selected');
  await page.getByRole('combobox', { name: 'Tag for the 230 items' }).fill('harvest/2026');
  await page.getByRole('combobox', { name: 'Tag for the 230 items' }).press('Enter');
  await expect.poll(() => page.locator('.undo-toast').innerText()).toContain('Tagged 230 items “harvest/2026”.');
  await shot('06-all-tagged');
  expect((await api.search({ query: 'tag:harvest' })).total).toBe(230);
  await expect.poll(() => page.locator('.tag-tree .nav-button', { hasText: 'harvest' }).first().innerText()).toContain('230');
  await page.locator('.undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await api.search({ query: 'tag:harvest' })).total).toBe(0);
});

it('deletes the selection to the trash and Undo brings exactly it back', async () => {
  await search('olive', '230 results');
  const rows = page.locator('#results-list .result');
  await rows.nth(0).click({ modifiers: ['Control'] });
  await rows.nth(2).click({ modifiers: ['Control'] });
  await page.getByRole('toolbar', { name: 'Selected results' }).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => page.locator('.undo-toast').innerText()).toContain('Moved 2 items to the trash.');
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('228 results');
  await page.locator('.undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.locator('.result-count').innerText()).toBe('230 results');
  expect(await api.listTrash({})).toEqual([]);
});
