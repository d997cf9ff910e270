// Issue 3's bar: import the whole fixtures folder in one command, then every manifest phrase is
// found by searching it in quotes, and every hostile file is imported harmless or failed clearly.
// The import runs through the real `khizana` once; the checks then read the archive it wrote in
// this process (one CLI process per check cost ~75 processes; cli.test.ts covers the commands).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { openArchive, type ArchiveSession } from '../../electron/core/archive.js';
import { khizana } from '../support/cli.js';
import { tempDir } from '../support/paths.js';
import { fixturesDir } from '../support/shared.js';

interface ManifestRow {
  path: string;
  format: string;
  phrase: string;
  title: string;
}

const manifest: ManifestRow[] = fs
  .readFileSync(path.join(fixturesDir, 'manifest.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([p, format, , phrase, title]) => ({ path: p!, format: format!, phrase: phrase ?? '', title: title ?? '' }));

interface ImportLine {
  path: string;
  status: string;
  id?: number;
  error?: { code: string; message: string };
}

const results = new Map<string, ImportLine>();
let session: ArchiveSession;

beforeAll(async () => {
  const archive = path.join(tempDir(), 'archive');
  // The scanned PDF goes through OCR (issue 13): 10–30 s more on a busy machine.
  const imported = khizana(['--archive', archive, 'import', fixturesDir, '--json'], {}, 300_000);
  expect([0, 1]).toContain(imported.status);
  for (const line of imported.stdout.trim().split('\n')) {
    const result = JSON.parse(line) as ImportLine | { summary: unknown };
    if ('summary' in result) continue; // the last line
    results.set(path.relative(fixturesDir, result.path), result);
  }
  session = await openArchive({ dir: archive, parseWorkers: 0 });
}, 600_000);
afterAll(() => session?.close());

const searchIds = async (query: string) => (await session.api.search({ query, limit: 100 })).hits.map((h) => h.id);
const item = (id: number) => session.api.getItem({ id });

const importable = manifest.filter((row) => !row.format.startsWith('json'));

describe('every fixture is imported or fails with a clear error', () => {
  it.each(importable.map((row) => [row.path, row]))('%s', (_p, row) => {
    const result = results.get(row.path);
    expect(result, `no import result for ${row.path}`).toBeDefined();
    if (row.format.includes('hostile') || row.format.includes('corrupt')) {
      expect(['imported', 'failed']).toContain(result!.status);
      if (result!.status === 'failed') expect(result!.error!.message.length).toBeGreaterThan(10);
    } else {
      // rtl-2…4 hold rtl-1's text in other markup: the same text is one item, the others point at it.
      expect(['imported', 'duplicate'], JSON.stringify(result!.error)).toContain(result!.status);
      expect(result!.id).toBeGreaterThan(0);
    }
  });
  it('metadata files next to the fixtures are skipped, not failed', () => {
    const json = [...results.entries()].filter(([p]) => p.endsWith('.json'));
    expect(json.length).toBeGreaterThan(0);
    for (const [, r] of json) expect(r.status).toBe('skipped');
  });
});

describe('every manifest phrase is found by searching it in quotes', () => {
  const withPhrase = importable.filter((row) => row.phrase);
  it.each(withPhrase.map((row) => [row.path, row]))('%s', async (_p, row) => {
    const result = results.get(row.path)!;
    if (result.status === 'failed') {
      // Only a corrupt file may fail; its phrase exists only if a parser recovers it.
      expect(row.format).toMatch(/corrupt|hostile/);
      return;
    }
    expect(await searchIds(`"${row.phrase}"`), `"${row.phrase}"`).toContain(result.id);
  });
});

describe('titles', () => {
  const withTitle = importable.filter((row) => row.title && !row.format.includes('hostile'));
  it.each(withTitle.map((row) => [row.path, row]))('%s', async (_p, row) => {
    const result = results.get(row.path)!;
    expect((await item(result.id!)).title.replace(/\s+/g, ' ')).toBe(row.title);
  });
});

describe('hostile files are harmless', () => {
  it('no stored HTML holds a script, an event handler, a javascript: URL or a remote load', async () => {
    let withHtml = 0;
    for (const [p, r] of results) {
      if (r.status !== 'imported') continue;
      const { html } = await item(r.id!);
      if (!html) continue;
      withHtml++;
      // Vectors may survive as visible, inert text: check the elements and attributes, not the characters.
      const doc = new JSDOM(`<body>${html}</body>`).window.document;
      expect(doc.querySelectorAll('script, iframe, frame, object, embed, base, meta, link, style, form').length, p).toBe(0);
      for (const el of doc.body.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name, `${p}: <${el.tagName} ${attr.name}>`).not.toMatch(/^on/i);
          expect(attr.value, `${p}: <${el.tagName} ${attr.name}>`).not.toMatch(/^\s*(javascript|vbscript):/i);
          if (['src', 'href', 'action', 'srcset', 'poster', 'background'].includes(attr.name)) {
            expect(attr.value, `${p}: <${el.tagName} ${attr.name}>`).not.toMatch(/^\s*(https?:|\/\/)/i);
          }
        }
      }
    }
    // The check above must have looked at the hostile pages themselves, and at the others with HTML.
    for (const page of ['hostile/h5sc-vectors.html', 'hostile/readability-remove-script-tags.html']) {
      expect(results.get(page)?.status, page).toBe('imported');
      expect((await item(results.get(page)!.id!)).html, page).toBeTruthy();
    }
    const readabilityPages = importable.filter((row) => row.path.startsWith('html/readability/')).length;
    expect(withHtml).toBeGreaterThan(readabilityPages);
  });
  it("the removed scripts' text is not searchable", async () => {
    const page = results.get('hostile/readability-remove-script-tags.html')!;
    expect(await searchIds('"Duis aute irure dolor"')).toContain(page.id); // the page's own text is
    expect((await session.api.search({ query: '"super wrong"' })).total).toBe(0);
  });
  it('a PDF without a text layer gets its text by OCR, with a warning saying so (issue 13)', async () => {
    const result = results.get('pdf/kreuzberg-non_searchable.pdf')!;
    expect(result.status).toBe('imported');
    const pdf = await item(result.id!);
    expect(pdf.warnings.join(' ')).toMatch(/text from OCR on 1 of 1 page/i);
    expect(pdf.pages).toBeGreaterThan(0);
    expect(await searchIds('"cannot be rendered as plain text"')).toContain(result.id);
  });
});
