// Duplicates by text are judged on substantial shared text: a placeholder page or a stamp repeated
// on every page merges nothing, an annotated copy of a paper is its own item, and the same text
// in another encoding or format is still one item (import-text.test.ts: the sample in six encodings).
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFileName } from '../../../electron/core/archive.js';
import { hasPlaceholder, minDistinctWords, minFingerprintWords, textFingerprint, withoutPlaceholders } from '../../../electron/core/import/duplicate-text.js';
import { sha256 } from '../../../electron/core/import/prepare-document.js';
import { analyseField } from '../../../electron/core/storage/fts-row.js';
import { freshArchive, queryArchive, writeFiles } from '../../support/archive.js';
import { formPdf, xfaPlaceholderLines, type FormPdfPage } from '../../support/form-pdf.js';
import { sampleText } from '../../support/shared.js';

const fingerprint = (text: string): string | null => textFingerprint(analyseField(text), text);
const words = (n: number, distinct: number): string => Array.from({ length: n }, (_, i) => `word${String.fromCharCode(97 + (i % distinct))}`).join(' ');
const placeholder = xfaPlaceholderLines.join('\n');

// The first paragraphs of a paper (pdf.js's tracemonkey.pdf, PLDI 2009): 70 words over two pages.
const paper: FormPdfPage[] = [
  {
    lines: [
      'Trace-based Just-in-Time Type Specialization for Dynamic Languages',
      'Dynamic languages such as JavaScript are more difficult to compile than',
      'statically typed ones. Since no concrete type information is available,',
      'traditional compilers need to emit generic code that can handle all',
      'possible type combinations at runtime.',
    ],
  },
  {
    lines: [
      'We present an alternative compilation technique for dynamically typed',
      'languages that identifies frequently executed loop traces at run-time',
      'and then generates machine code on the fly that is specialized for the',
      'actual dynamic types occurring on each path through the loop.',
    ],
  },
];

describe('what counts as substantial text', () => {
  it(`needs ${minFingerprintWords} words, ${minDistinctWords} of them different`, () => {
    expect(fingerprint(words(minFingerprintWords, minDistinctWords))).not.toBeNull();
    expect(fingerprint(words(minFingerprintWords - 1, minDistinctWords))).toBeNull();
    expect(fingerprint(words(400, minDistinctWords - 1))).toBeNull(); // a stamp on every page
  });

  it('leaves out an XFA form’s placeholder page, however its lines are broken', () => {
    expect(fingerprint(placeholder)).toBeNull();
    expect(fingerprint(placeholder.replace(/\n/gu, ' ').replace(/ the /gu, '\nthe '))).toBeNull();
    expect(hasPlaceholder(placeholder)).toBe(true);
    expect(withoutPlaceholders(placeholder).trim()).toBe('');
    // A form with real text keeps its fingerprint, of the whole text as stored.
    const filled = `${placeholder}\n\n${sampleText()}`;
    expect(fingerprint(filled)).toBe(sha256(analyseField(filled).exact));
  });

  it('hashes substantial text as earlier versions did, so fingerprints already stored still match', () => {
    const body = analyseField(sampleText());
    expect(textFingerprint(body, sampleText())).toBe(sha256(body.exact));
  });
});

describe('importing documents that share only boilerplate', () => {
  it('two scans carrying only the same stamp on every page are two items', async () => {
    const stamped = (picture: string): Uint8Array =>
      formPdf(Array.from({ length: 20 }, () => ({ lines: ['Scanned by CamScanner'], drawing: picture })));
    const archive = await freshArchive();
    const dir = writeFiles({ 'a.pdf': stamped('0.2 g 50 100 500 600 re f'), 'b.pdf': stamped('0.6 g 80 90 400 500 re f') });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    expect(report.results.map((r) => r.status)).toEqual(['imported', 'imported']);
    await archive.close();
  });

  it('two XFA forms Khizana cannot lay out are two items, not one "Please wait…"', async () => {
    const form = (name: string): Uint8Array => formPdf([{ lines: xfaPlaceholderLines }], `<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><${name}>`);
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [writeFiles({ 'a.pdf': form('template'), 'b.pdf': form('config') })], tags: [] });
    expect(report.results.map((r) => r.status)).toEqual(['imported', 'imported']);
    await archive.close();
  });

  it('an item stored with a placeholder’s fingerprint (by an earlier version) takes no new import as its duplicate', async () => {
    const archive = await freshArchive();
    const first = (await archive.api.importPaths({ paths: [writeFiles({ 'old-form.txt': `Old form\n\n${placeholder}` })], tags: [] })).results[0]!;
    // What the earlier version stored for an XFA form it read as its placeholder page.
    const db = new Database(path.join(archive.dir, databaseFileName));
    db.prepare('UPDATE items SET text_sha256 = ? WHERE id = ?').run(sha256(analyseField(placeholder).exact), first.id);
    db.close();
    const report = await archive.api.importPaths({ paths: [writeFiles({ 'new-form.txt': placeholder })], tags: [] });
    expect(report.results[0]!.status).toBe('imported');
    expect(queryArchive(archive.dir, 'SELECT count(*) AS n FROM items')).toEqual([{ n: 2 }]);
    await archive.close();
  });
});

describe('an annotated copy of a paper', () => {
  it('is its own item, found by its comments; the clean copy again is a duplicate', async () => {
    const annotated: FormPdfPage[] = [
      { ...paper[0]!, additions: [{ kind: 'Highlight', contents: 'Compare with the baseline interpreter numbers in section 6' }] },
      { ...paper[1]!, additions: [{ kind: 'FreeText', contents: 'Does this hold for recursion? Ask Hanan' }] },
    ];
    const archive = await freshArchive();
    const clean = (await archive.api.importPaths({ paths: [writeFiles({ 'paper.pdf': formPdf(paper) })], tags: [] })).results[0]!;
    const report = await archive.api.importPaths({ paths: [writeFiles({ 'paper-annotated.pdf': formPdf(annotated) })], tags: [] });
    expect(report.results[0]).toMatchObject({ status: 'imported' });
    expect((await archive.api.search({ query: 'Hanan' })).hits.map((h) => h.id)).toEqual([report.results[0]!.id]);
    expect((await archive.api.search({ query: '"specialized for the actual dynamic types"' })).total).toBe(2);
    // The same paper from another writer (other bytes, the same text) is still the first item.
    const other = formPdf(paper.map((p) => ({ ...p, drawing: '0.9 g 0 0 10 10 re f' })));
    expect((await archive.api.importPaths({ paths: [writeFiles({ 'paper-again.pdf': other })], tags: [] })).results[0]).toMatchObject({
      status: 'duplicate',
      duplicateOf: clean.id,
    });
    await archive.close();
  });
});
