// Export and import back on real archives: a round trip into a fresh archive gives the same items
// (every field, uids included), tags with colours, notes on the same items, saved searches, the
// originals byte for byte and the same search results; the Markdown is front matter + body; a
// search exports exactly its hits; targets are refused when they would overwrite; a damaged zip is
// refused with one line.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName, openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import type { ArchiveApi } from '../../../electron/shared/contract.js';
import { writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';
import { fixturesDir, samplePath } from '../../support/shared.js';
import { exportRecordSchema } from '../../../electron/core/export/export-format.js';

async function populatedArchive(dir: string): Promise<ArchiveSession> {
  const session = await openArchive({ dir, parseWorkers: 0 });
  const { api } = session;
  const texts = writeFiles({
    'walrus.txt': 'The walrus and the carpenter walked on the beach',
    'oil.md': '---\ntitle: "Oil: prices? <rose>"\ntags: [economy]\n---\nOil prices rose sharply in March.',
    'con.txt': 'CON',
    'nested/idlib.txt': 'تقرير عن ادلب والقرى المحيطة',
  });
  await api.importPaths({ paths: [samplePath], tags: ['syria/idlib'] });
  await api.importPaths({ paths: [texts, path.join(fixturesDir, 'office/kreuzberg-word_sample.docx')], tags: ['reading'] });
  await api.setTagColor({ tag: 'syria', color: '#aa3300' });
  await api.setTagColor({ tag: 'unused/coloured', color: '#00aa33' });
  const note = await api.addNote({ text: 'تحقق من عدد القرى', on: 1 });
  await api.updateNote({ id: note.id, text: '# تحقق من عدد القرى\n\nبعد التعديل' });
  await api.addNote({ text: 'a standalone walrus note' });
  await api.addNote({ text: 'walrus remark on the beach', on: 2 });
  await api.saveSearch({ name: 'idlib', query: 'ادلب', sort: 'newest' });
  return session;
}

const queries = ['من', 'ادلب', '"ولا تهنوا"', 'walrus', 'tag:syria', 'in:notes القرى', 'oil prices', 'tag:economy', 'التعديل'];

/** Every item's row (ids replaced by uids), tags, tag colours, saved searches and the originals' bytes. */
function contents(dir: string) {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    const items = (db.prepare('SELECT i.*, p.uid AS parent_uid FROM items i LEFT JOIN items p ON p.id = i.parent_id ORDER BY i.uid').all() as Array<Record<string, unknown>>).map(
      ({ id, parent_id: _p, ...row }) => ({
        ...row,
        tags: db.prepare('SELECT t.path FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.path').pluck().all(id),
        original: row.source_sha256 ? fs.readFileSync(path.join(dir, 'files', String(row.source_sha256).slice(0, 2), String(row.source_sha256))).toString('base64') : null,
      }),
    );
    return {
      items,
      tags: db.prepare('SELECT path, color FROM tags ORDER BY path').all(),
      saved: db.prepare('SELECT * FROM saved_searches ORDER BY name').all(),
    };
  } finally {
    db.close();
  }
}

/** The uids the change log records as created, sorted. */
function createdUids(dir: string): string[] {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    return (db.prepare("SELECT uid FROM change_log WHERE op = 'create' AND entity IN ('item', 'note') ORDER BY uid").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

/** Search results as uids (ids differ between archives), titles and snippets. */
async function searches(api: ArchiveApi, dir: string) {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  const uid = db.prepare('SELECT uid FROM items WHERE id = ?').pluck();
  try {
    const out = [];
    for (const query of queries) {
      const result = await api.search({ query, limit: 100 });
      out.push({ query, total: result.total, hits: result.hits.map((h) => [uid.get(h.id), h.title, h.snippet]) });
    }
    return out;
  } finally {
    db.close();
  }
}

function frontMatter(file: string): { meta: Record<string, unknown>; body: string } {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file} has no front matter`);
  return { meta: YAML.parse(match[1]!) as Record<string, unknown>, body: match[2]! };
}

describe('export and import back', () => {
  let source: ArchiveSession;
  let sourceDir: string;
  beforeAll(async () => {
    sourceDir = path.join(tempDir(), 'source');
    source = await populatedArchive(sourceDir);
    return () => source.close();
  });

  for (const kind of ['folder', 'zip'] as const) {
    it(`round trip through a ${kind} keeps everything`, async () => {
      const target = path.join(tempDir(), kind === 'zip' ? 'export.zip' : 'export');
      const result = await source.api.exportItems({ target });
      expect(result.counts).toEqual({ articles: 6, notes: 3, tags: 5, savedSearches: 1, originals: 6 });
      expect(fs.existsSync(target)).toBe(true);
      expect(fs.readdirSync(path.dirname(target))).toEqual([path.basename(target)]); // no temp left
      const copyDir = path.join(tempDir(), 'copy');
      const copy = await openArchive({ dir: copyDir, parseWorkers: 0 });
      try {
        const report = await copy.api.importPaths({ paths: [target] });
        expect({ imported: report.imported, duplicates: report.duplicates, failed: report.failed }).toEqual({ imported: 9, duplicates: 0, failed: 0 });
        expect(contents(copyDir)).toEqual(contents(sourceDir));
        expect(await searches(copy.api, copyDir)).toEqual(await searches(source.api, sourceDir));
        expect((await searches(copy.api, copyDir)).find((s) => s.query === '"ولا تهنوا"')!.total).toBeGreaterThan(0);
        // Every item restored from the export is in the change log as created, under its uid.
        expect(createdUids(copyDir)).toEqual(contents(sourceDir).items.map((i) => String((i as { uid?: unknown }).uid)).sort());
        // Importing the same export again: duplicates, nothing copied.
        const again = await copy.api.importPaths({ paths: [target] });
        expect({ imported: again.imported, duplicates: again.duplicates }).toEqual({ imported: 0, duplicates: 9 });
        expect(contents(copyDir)).toEqual(contents(sourceDir));
      } finally {
        await copy.close();
      }
    });
  }

  it('writes Markdown with YAML front matter; notes link to their article by a wikilink Obsidian resolves', async () => {
    const target = path.join(tempDir(), 'md');
    await source.api.exportItems({ target });
    const articles = fs.readdirSync(path.join(target, 'items'));
    const notes = fs.readdirSync(path.join(target, 'notes'));
    expect(articles).toHaveLength(6);
    expect(notes).toHaveLength(3);
    for (const name of [...articles, ...notes]) {
      expect(name).not.toMatch(/[<>:"/\\|?*#^[\]\u0000-\u001f]/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(160);
      expect(name).not.toMatch(/^(con|prn|aux|nul)(\.|$)/i);
    }
    expect(articles.some((n) => /[\u0600-\u06ff]/.test(n))).toBe(true); // Arabic kept
    const uids = fs.readFileSync(path.join(target, 'items.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { uid: string }).uid);
    const frontUids = [...articles.map((n) => `items/${n}`), ...notes.map((n) => `notes/${n}`)].map((f) => frontMatter(path.join(target, f)).meta.uid);
    expect(frontUids.sort()).toEqual(uids.sort()); // every file parses, one per item
    const sample = articles.find((n) => n.startsWith('كشفت'))!;
    const { meta, body } = frontMatter(path.join(target, 'items', sample));
    expect(meta).toMatchObject({ lang: 'ar', format: 'txt', tags: ['syria/idlib'] });
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(target, String(meta.original)))).toEqual(fs.readFileSync(samplePath));
    expect(body).toContain('ولا تهنوا');
    const note = notes.find((n) => n.startsWith('تحقق'))!;
    const parsed = frontMatter(path.join(target, 'notes', note));
    expect(parsed.meta).toMatchObject({ kind: 'note', attached_to: meta.uid });
    const link = /\[\[([^|\]]+)\|/.exec(parsed.body)![1]!;
    expect(fs.existsSync(path.join(target, `${link}.md`))).toBe(true);
    expect(parsed.body).toContain('بعد التعديل');
    const manifest = JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')) as { format: string; formatVersion: number };
    expect(manifest).toMatchObject({ format: 'khizana-export', formatVersion: 2 });
    expect(JSON.parse(fs.readFileSync(path.join(target, 'tags.json'), 'utf8'))).toContainEqual({ path: 'syria', color: '#aa3300' });
    const lines = fs.readFileSync(path.join(target, 'items.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(9);
    expect(Object.keys(lines[0]!)).toEqual(expect.arrayContaining(['uid', 'title', 'text', 'html', 'tags', 'parent_uid', 'source_sha256', 'warnings', 'pages', 'page_starts']));
  });

  it('--query exports exactly the hits, with the notes attached to them', async () => {
    const target = path.join(tempDir(), 'walrus');
    const hits = await source.api.search({ query: 'walrus', limit: 100 });
    const result = await source.api.exportItems({ target, query: 'walrus' });
    const uids = fs.readFileSync(path.join(target, 'items.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id).sort();
    const attached = (await source.api.listNotes({})).filter((n) => n.parentId !== null && hits.hits.some((h) => h.id === n.parentId)).map((n) => n.id);
    expect(uids).toEqual([...new Set([...hits.hits.map((h) => h.id), ...attached])].sort());
    expect(result.counts.articles + result.counts.notes).toBe(uids.length);
    expect(result.counts.originals).toBe(hits.hits.filter((h) => h.kind === 'article').length);
    expect(result.counts.articles).toBeLessThan(6);
  });

  it('refuses a non-empty folder and an existing zip; an empty folder is fine', async () => {
    const busy = writeFiles({ 'keep.txt': 'mine' });
    await expect(source.api.exportItems({ target: busy })).rejects.toThrow(/is not empty/);
    expect(fs.readdirSync(busy)).toEqual(['keep.txt']);
    const zip = path.join(tempDir(), 'x.zip');
    fs.writeFileSync(zip, 'mine');
    await expect(source.api.exportItems({ target: zip })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(zip, 'utf8')).toBe('mine');
    const empty = tempDir();
    await source.api.exportItems({ target: empty });
    expect(fs.existsSync(path.join(empty, 'manifest.json'))).toBe(true);
  });

  it('refuses a damaged zip with one clear line and imports nothing from it', async () => {
    const zip = path.join(tempDir(), 'whole.zip');
    await source.api.exportItems({ target: zip });
    const cut = path.join(tempDir(), 'cut.zip');
    fs.writeFileSync(cut, fs.readFileSync(zip).subarray(0, Math.floor(fs.statSync(zip).size / 2)));
    const copy = await openArchive({ dir: path.join(tempDir(), 'copy'), parseWorkers: 0 });
    try {
      const report = await copy.api.importPaths({ paths: [cut] });
      expect(report.imported).toBe(0);
      expect(report.failed).toBe(1);
      expect(report.results[0]!.error!.message).toMatch(/cannot be read as a Khizana export/);
      expect(report.results[0]!.error!.message).not.toContain('\n');
      expect((await copy.api.stats({})).articles).toBe(0);
    } finally {
      await copy.close();
    }
  });
});

describe('export format 1', () => {
  it('reads a format-1 line: the byline becomes the one author, site_name the publication', () => {
    const line = {
      uid: 'u1', kind: 'article', title: 'T', text: 'x', html: null, lang: 'ar', dir: 'rtl', byline: ' أحمد ', site_name: 'عنب بلدي',
      published_at: '2019', imported_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z', parent_uid: null,
      source_path: null, source_format: null, source_sha256: null, source_encoding: null, source_bytes: null, text_sha256: null,
      pages: null, page_starts: null, warnings: [], tags: [], original: null, markdown: 'items/T.md', id: 1,
    };
    expect(exportRecordSchema.parse(line)).toMatchObject({ authors: ['أحمد'], publication: 'عنب بلدي', url: null, source_meta: {}, edited: [] });
    expect(exportRecordSchema.parse({ ...line, byline: null })).toMatchObject({ authors: [] });
  });
});
