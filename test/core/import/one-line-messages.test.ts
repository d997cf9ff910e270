// Every import error and warning is one clear line (issue 8 item 8): no library text such as
// xmldom's "[xmldom error]\t…\n@#[line:…]" or marked's "\nPlease report this to …".
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import type { ImportFileResult } from '../../../electron/shared/dto.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { sharedPath } from '../../support/shared.js';

const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const docx = (documentXml: string) => zipSync({ '[Content_Types].xml': strToU8(contentTypes), '_rels/.rels': strToU8(rels), 'word/document.xml': strToU8(documentXml) });
const body = (inner: string) => `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;

let archive: ArchiveSession;
let results: Map<string, ImportFileResult>;

beforeAll(async () => {
  const dir = writeFiles({
    // marked recurses per level: 20,000 nested quotes overflow its stack.
    'deep.md': `${'> '.repeat(20_000)}a deeply quoted line\n`,
    'attribute.docx': docx(body('<w:p a="1 b="2"><w:r><w:t>hi</w:t></w:r></w:p>')),
    'unclosed.docx': docx(body('<w:p><w:r><w:t>hi</w:t></w:r></w:p>').replace('</w:document>', '')),
    'two-lines.docx': docx(body('<w:p><w:r><w:t>one</w:t></w:r></w:p>\n<w:p>\n<w:r><w:t>two</w:t><w:r></w:p>')),
  });
  fs.copyFileSync(sharedPath('fixtures/hostile/pdfjs-helloworld-bad.pdf'), path.join(dir, 'bad.pdf'));
  archive = await freshArchive();
  const report = await archive.api.importPaths({ paths: [dir] });
  results = new Map(report.results.map((r) => [path.basename(r.path), r]));
});
afterAll(() => archive?.close());

const libraryText = /\n|\t|xmldom|@#\[line|Please report this|^\s+at /u;

it('a Markdown file too deeply nested to format imports as plain text, with a one-line warning', async () => {
  const deep = results.get('deep.md')!;
  expect(deep.status, JSON.stringify(deep.error)).toBe('imported');
  expect(deep.warnings).toEqual(['the Markdown could not be formatted (it nests too deeply): it is shown as plain text']);
  expect((await archive.api.search({ query: '"deeply quoted line"' })).total).toBe(1);
});

it.each(['attribute.docx', 'unclosed.docx', 'two-lines.docx'])('a Word document with broken XML (%s) fails as corrupt, in one clear line', (name) => {
  const result = results.get(name)!;
  expect(result.status).toBe('failed');
  expect(result.error!.code).toBe('corrupt');
  expect(result.error!.message).toMatch(/^not a readable Word document \(.+\)$/u);
  expect(result.error!.message).not.toMatch(libraryText);
});

it('no error or warning of any file holds library text', () => {
  for (const [name, r] of results) {
    for (const text of [r.error?.message ?? '', ...(r.warnings ?? [])]) expect(text, name).not.toMatch(libraryText);
  }
});
