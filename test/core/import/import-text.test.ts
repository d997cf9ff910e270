import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { decodeText } from '../../../electron/core/import/decode-text.js';
import { defaultParseLimits } from '../../../electron/core/import/parsed-document.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { sampleText } from '../../support/shared.js';

const sample = sampleText();
const crlf = sample.replace(/\n/g, '\r\n');

/** The sample saved in every encoding the issue lists. */
const encoded: Record<string, Uint8Array> = {
  'utf-8': Buffer.from(sample, 'utf8'),
  'utf-8-bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]),
  'utf-16le': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sample, 'utf-16le')]),
  'utf-16be': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf-16be')]),
  'windows-1256': iconv.encode(crlf, 'windows-1256'),
  'iso-8859-6': iconv.encode(sample, 'iso-8859-6'),
};
const expectedEncoding: Record<string, string> = {
  'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'windows-1256': 'windows-1256', 'iso-8859-6': 'iso-8859-6',
};

describe('decodeText', () => {
  it.each(Object.keys(encoded))('decodes the sample saved as %s', (name) => {
    const { text, encoding } = decodeText(encoded[name]!);
    expect(encoding).toBe(expectedEncoding[name]);
    expect(text.replace(/\r\n/g, '\n').replace(/^\uFEFF/, '')).toBe(name === 'iso-8859-6' ? iconv.decode(encoded[name]! as Buffer, 'iso-8859-6') : sample);
  });
  it('decodes windows-1252 English', () => {
    const text = 'Café au lait, naïve façade — “quotes” résumé déjà vu. The quick brown fox jumps over the lazy dog.';
    const decoded = decodeText(iconv.encode(text, 'windows-1252'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe(text);
  });
  it('decodes UTF-16 without a BOM', () => {
    expect(decodeText(iconv.encode(sample, 'utf-16le'))).toMatchObject({ encoding: 'utf-16le', text: sample });
  });
});

describe('importing the sample in every encoding', () => {
  it.each(Object.keys(encoded))('%s: imported, encoding recorded, found by Arabic queries', async (name) => {
    const archive = await freshArchive();
    const dir = writeFiles({ [`idlib-${name}.txt`]: encoded[name]! });
    const result = (await archive.api.importPaths({ paths: [dir], tags: [name] })).results[0]!;
    expect(result.status).toBe('imported');
    const id = result.id!;
    expect((await archive.api.getItem({ id })).source!.encoding).toBe(expectedEncoding[name]);
    for (const query of ['ادلب الفصائل', '"ولا تهنوا"', 'مِن', 'للنظام']) {
      const hits = await archive.api.search({ query });
      expect(hits.hits.map((h) => h.id), query).toContain(id);
    }
    await archive.close();
  });

  it('the same text in another encoding is a duplicate pointing at the first item', async () => {
    const archive = await freshArchive();
    const dir = writeFiles(Object.fromEntries(Object.entries(encoded).map(([name, bytes]) => [`idlib-${name}.txt`, bytes])));
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const first = report.results.find((r) => r.status === 'imported')!;
    expect(report.results.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'imported']);
    for (const r of report.results) if (r.status === 'duplicate') expect(r.duplicateOf, r.path).toBe(first.id);
    expect((await archive.api.search({ query: '"ولا تهنوا"' })).total).toBe(1); // never stored twice
    await archive.close();
  });
});

describe('Markdown', () => {
  it('maps YAML front matter (title, tags, date, source) to metadata', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({
      'note.md': '---\ntitle: "تقرير إدلب"\ntags: [syria/idlib, reports]\ndate: 2019-12-24\nsource: Enab Baladi\nauthor: A. Writer\n---\n# Heading\n\nنص **التقرير** هنا.\n',
    });
    const report = await archive.api.importPaths({ paths: [dir], tags: ['inbox'] });
    const item = await archive.api.getItem({ id: report.results[0]!.id! });
    expect(item).toMatchObject({ title: 'تقرير إدلب', publishedAt: '2019-12-24', publication: 'Enab Baladi', authors: ['A. Writer'], lang: 'ar' });
    expect(item.tags).toEqual(['inbox', 'reports', 'syria/idlib']);
    expect(item.html).toContain('<strong>التقرير</strong>');
    expect((await archive.api.search({ query: 'tag:syria التقرير' })).total).toBe(1);
    await archive.close();
  });
  it('maps front matter url, authors (a list or one string) and date; source is the address when it is one', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({
      'a.md': '---\ntitle: Flood report\nurl: https://news.example.com/2015/07/flood.html\nauthors:\n  - Lina Haddad\n  - Smith, John\ndate: 2015-07\n---\nSee [the map](../maps/river.html).\n',
      'b.md': '---\nsource: "https://example.org/report?id=4"\nauthor: Jane Doe and John Smith\ndate: 2015-07-24T05:36:09+01:00\n---\nBody b.\n',
      'c.md': '---\nlink: javascript:alert(1)\ndate: 2015-02-30\n---\nBody c.\n',
    });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const item = async (name: string) => archive.api.getItem({ id: report.results.find((r) => r.path.endsWith(name))!.id! });
    const a = await item('a.md');
    expect(a).toMatchObject({ url: 'https://news.example.com/2015/07/flood.html', authors: ['Lina Haddad', 'Smith, John'], publishedAt: '2015-07', publication: null });
    expect(a.html).toContain('<a data-href="https://news.example.com/2015/maps/river.html">the map</a>');
    expect(await item('b.md')).toMatchObject({ url: 'https://example.org/report?id=4', authors: ['Jane Doe', 'John Smith'], publishedAt: '2015-07-24T05:36:09+01:00', publication: null });
    expect(await item('c.md')).toMatchObject({ url: null, authors: [], publishedAt: null });
    await archive.close();
  });
  it('keeps going when the front matter is not valid YAML', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'bad.md': '---\ntitle: [unclosed\n---\nBody text here\n' });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    expect(report.results[0]!.status).toBe('imported');
    expect(report.results[0]!.warnings![0]).toMatch(/front matter ignored/);
    await archive.close();
  });
  it('uses the first line as title when there is no front matter', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'plain.md': '\n\n# عنوان المقال\n\nالنص' });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    expect((await archive.api.getItem({ id: report.results[0]!.id! })).title).toBe('عنوان المقال');
    await archive.close();
  });
});

describe('bad input: a clear error per file, the rest carries on, nothing half-stored', () => {
  it('reports empty, binary, unsupported, missing and hidden files', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({
      'good.txt': 'A good file about Aleppo',
      'empty.txt': '',
      'blank.txt': '   \n\n  ',
      'binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      'sheet.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      '.hidden.txt': 'secret',
      '.git/config': 'x',
      'sub/deeper/nested.md': '# Nested\nfound in a subfolder',
    });
    const report = await archive.api.importPaths({ paths: [dir, path.join(dir, 'missing.txt')], tags: [] });
    const byName = (name: string) => report.results.find((r) => path.basename(r.path) === name)!;
    expect(byName('good.txt').status).toBe('imported');
    expect(byName('nested.md').status).toBe('imported');
    expect(byName('empty.txt')).toMatchObject({ status: 'failed', error: { code: 'empty' } });
    expect(byName('blank.txt')).toMatchObject({ status: 'failed', error: { code: 'empty' } });
    expect(byName('binary.txt')).toMatchObject({ status: 'failed', error: { code: 'corrupt' } });
    expect(byName('sheet.xlsx')).toMatchObject({ status: 'skipped', error: { code: 'unsupported' } });
    expect(byName('.hidden.txt').status).toBe('skipped');
    expect(byName('missing.txt')).toMatchObject({ status: 'failed', error: { code: 'unreadable' } });
    expect(report).toMatchObject({ imported: 2, failed: 4 });
    // Failed files leave nothing behind: two items, two originals.
    expect((await archive.api.stats({})).articles).toBe(2);
    const stored = fs.readdirSync(path.join(archive.dir, 'files'), { recursive: true }).filter((f) => String(f).length > 10);
    expect(stored).toHaveLength(2);
    await archive.close();
  });
  it('a symlink loop, a dangling link and a linked folder fail or are skipped alone', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'good.txt': 'a good text file here', 'elsewhere/inner.txt': 'not reached through the link' });
    fs.symlinkSync('self.txt', path.join(dir, 'self.txt'));
    fs.symlinkSync('missing.txt', path.join(dir, 'dangling.txt'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'linked-folder'));
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const byName = (name: string) => report.results.find((r) => path.basename(r.path) === name)!;
    expect(byName('good.txt').status).toBe('imported');
    expect(byName('self.txt')).toMatchObject({ status: 'failed', error: { code: 'unreadable' } });
    expect(byName('dangling.txt')).toMatchObject({ status: 'failed', error: { code: 'unreadable' } });
    expect(byName('linked-folder').status).toBe('skipped');
    expect(report.imported).toBe(2); // good.txt and elsewhere/inner.txt (once, through its real folder)
    await archive.close();
  });
  it('an explicit unsupported file fails (a folder skips it)', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'x.exe': 'MZ' });
    const report = await archive.api.importPaths({ paths: [path.join(dir, 'x.exe')], tags: [] });
    expect(report.results[0]).toMatchObject({ status: 'failed', error: { code: 'unsupported' } });
    await archive.close();
  });
  it('the same bytes twice are one item', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'a.txt': 'same bytes', 'b.txt': 'same bytes' });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    expect(report.results.map((r) => r.status)).toEqual(['imported', 'duplicate']);
    expect(report.results[1]!.duplicateOf).toBe(report.results[0]!.id);
    await archive.close();
  });
  it('short texts are never called duplicates of each other (boilerplate bodies collide)', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'a.txt': 'Blah blah blah.', 'b.txt': 'Blah blah blah.\n' });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    expect(report.results.map((r) => r.status)).toEqual(['imported', 'imported']);
    await archive.close();
  });
  it('a file over the size limit fails with too-large', async () => {
    const dir = writeFiles({ 'big.txt': 'x'.repeat(2048) });
    const archive = await freshArchive({ limits: { ...defaultParseLimits, maxFileBytes: 1024 } });
    const report = await archive.api.importPaths({ paths: [path.join(dir, 'big.txt')], tags: [] });
    expect(report.results[0]).toMatchObject({ status: 'failed', error: { code: 'too-large' } });
    await archive.close();
  });
});
