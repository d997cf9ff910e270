import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocx } from '../../../../electron/core/import/formats/docx.js';
import { parseOdt } from '../../../../electron/core/import/formats/odt.js';
import type { ParsedDocument, Parser } from '../../../../electron/core/import/parsed-document.js';
import { collapse, ctx, errorOf, parserHarness } from '../../../support/parser-harness.js';
import { fixturesDir as fixtures, samplePath } from '../../../support/shared.js';

const arabicLines = fs.readFileSync(samplePath, 'utf8').split('\n').filter((l) => l.trim() !== '');
const { parseBytes } = parserHarness('khizana-office-');
const timings: string[] = [];
afterAll(() => console.log(`parse times:\n${timings.join('\n')}`));

/** Parses a shared fixture as the importer would hand it over, timing it. */
async function parseFixture(parser: Parser, relative: string): Promise<ParsedDocument> {
  const file = path.join(fixtures, relative);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const started = performance.now();
  const doc = await parser(bytes, ctx(file));
  timings.push(`  ${relative}: ${(performance.now() - started).toFixed(0)} ms (${bytes.length} bytes, ${doc.text.length} chars)`);
  return doc;
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------
// DOCX

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal valid .docx: content types, package and document relationships, core properties. */
function buildDocx(bodyXml: string, core = '', extra: Zippable = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId5" Type="${R}/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>` +
        `<Relationship Id="rId6" Type="${R}/image" Target="file:///etc/passwd" TargetMode="External"/></Relationships>`,
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${bodyXml}</w:body></w:document>`),
    'docProps/core.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${core}</cp:coreProperties>`,
    ),
    ...extra,
  });
}

/** An RTL paragraph whose text is split into several runs (Word splits runs mid-word all the time). */
function rtlParagraph(text: string, style = ''): string {
  const cut = [0, Math.floor(text.length / 3), Math.floor((2 * text.length) / 3), text.length];
  const runs = cut.slice(1).map((end, i) => `<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${xml(text.slice(cut[i], end))}</w:t></w:r>`);
  return `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}<w:bidi/></w:pPr>${runs.join('')}</w:p>`;
}

describe('parseDocx on real files', () => {
  it('reads the Persian book: phrase, title, author, language, ZWNJ kept', async () => {
    const doc = await parseFixture(parseDocx, 'office/poi-stress004-fa-book.docx');
    expect(collapse(doc.text)).toContain('کلیدهای تدبر قرآن');
    expect(doc.title).toBe('کلیدهای تدبر قرآن و پیروزی در زندگی');
    expect(doc.authors).toEqual(['دکتر خالد بن عبدالکریم اللاحم']);
    expect(doc.lang).toBe('fa');
    expect(doc.text).toContain('سایت\u200cهای مجموعۀ موحدین');
    expect(doc.html?.startsWith('<div dir="rtl" lang="fa">')).toBe(true);
    // Footnotes are part of the text (the book has 138).
    expect(doc.text).toContain('مصنف ابن ابی شیبه 1/321.');
    expect(doc.text).not.toContain('\u2191');
  });

  it('reads the English sample: title from the first heading, lists, tables, image description in the text where the image is', async () => {
    const doc = await parseFixture(parseDocx, 'office/kreuzberg-word_sample.docx');
    expect(collapse(doc.text)).toContain('Swimming in the lake');
    expect(doc.title).toBe('Summer activities');
    expect(doc.authors).toEqual(['Christoph Auer']);
    expect(doc.publishedAt).toBe('2024-10-09T12:43:00Z');
    expect(doc.lang).toBe('en');
    expect(doc.text).toContain('\n\nPaddle about\n\n');
    expect(doc.text).toContain('Calories per portion');
    expect(doc.html).toContain('<li>Paddle about</li>');
    expect(doc.html).toContain('[A cartoon duck holding a paper');
    expect(doc.html).not.toMatch(/<img/);
    expect(doc.text).toContain('[A cartoon duck holding a paper'); // searchable, as the reader shows it
  });

  it('includes footnotes in the text, without reference markers or back-links', async () => {
    const doc = await parseFixture(parseDocx, 'office/mammoth-footnotes.docx');
    expect(collapse(doc.text)).toContain('A tachyon walks into a bar');
    expect(doc.text).toBe('Ouch.\n\nA tachyon walks into a bar.\n\nFin.');
    expect(doc.html).toContain('<sup><a href="#footnote-1">[1]</a></sup>');
    expect(doc.authors).toEqual(['Michael Williamson']);
    expect(doc.publishedAt).toBe('2014-06-10T11:09:00Z');
  });
});

describe('parseDocx on a built Arabic document', () => {
  const docx = buildDocx(
    rtlParagraph('معركة ولا تهنوا', 'Heading1') +
      arabicLines.map((line) => rtlParagraph(line)).join('') +
      `<w:p><w:hyperlink r:id="rId5"><w:r><w:t>اضغط هنا</w:t></w:r></w:hyperlink></w:p>` +
      `<w:p><w:r><w:t>${xml('<script>alert(1)</script> & <img src=x onerror=alert(2)>')}</w:t></w:r></w:p>` +
      `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>خلية أولى</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>خلية ثانية</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
    '<dc:creator>مراسل إدلب</dc:creator><dc:language>en-US</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2019-12-29T10:00:00Z</dcterms:created>',
  );

  it('keeps every Arabic line intact, in order, runs joined, harakat and shadda kept', async () => {
    const doc = await parseBytes(parseDocx, 'idlib.docx', docx);
    const paragraphs = doc.text.split('\n\n');
    expect(paragraphs[0]).toBe('معركة ولا تهنوا');
    for (const [i, line] of arabicLines.entries()) expect(paragraphs[i + 1]).toBe(collapse(line).trim());
    expect(doc.text).toContain('مِن قتل وجرح');
    expect(doc.title).toBe('معركة ولا تهنوا'); // no dc:title: the first heading
    expect(doc.authors).toEqual(['مراسل إدلب']);
    expect(doc.publishedAt).toBe('2019-12-29T10:00:00Z');
    // The stated en-US is contradicted by the script: detected instead.
    expect(doc.lang).toBe('ar');
    expect(doc.html?.startsWith('<div dir="rtl" lang="ar"><h1>معركة ولا تهنوا</h1>')).toBe(true);
  });

  it('never lets markup in text or a javascript: link through, and reads no linked file', async () => {
    const doc = await parseBytes(parseDocx, 'hostile.docx', docx);
    expect(doc.text).toContain('<script>alert(1)</script> & <img src=x onerror=alert(2)>');
    expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(doc.html).not.toMatch(/<script|<img|javascript:|onerror="/i);
    expect(doc.text).toContain('اضغط هنا');
    expect(doc.text).toContain('خلية أولى');
  });
});

describe('parseDocx: drop caps and tracked changes', () => {
  /** A drop cap as Word writes it: the first letter alone in a framed paragraph before its word's paragraph. */
  const dropCap = (letter: string, rest: string, rtl = false): string =>
    `<w:p><w:pPr><w:keepNext/><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/><w:spacing w:after="0" w:line="827" w:lineRule="exact"/>${rtl ? '<w:bidi/>' : ''}<w:textAlignment w:val="baseline"/></w:pPr>` +
    `<w:r><w:rPr><w:position w:val="-10"/><w:sz w:val="111"/></w:rPr><w:t>${letter}</w:t></w:r></w:p>` +
    `<w:bookmarkStart w:id="0" w:name="start"/><w:p><w:pPr>${rtl ? '<w:bidi/>' : ''}</w:pPr><w:r>${rtl ? '<w:rPr><w:rtl/></w:rPr>' : ''}<w:t xml:space="preserve">${rest}</w:t></w:r></w:p>`;

  it('joins a drop cap to the rest of its word (Latin and Arabic; a paragraph without properties too)', async () => {
    const doc = await parseBytes(parseDocx, 'dropcap.docx', buildDocx(
      `<w:p><w:r><w:t>Chapter One</w:t></w:r></w:p>` +
        dropCap('T', 'he war began in the spring of that year.') +
        dropCap('ا', 'لحرب بدأت في ربيع ذلك العام.', true) +
        `<w:p><w:pPr><w:framePr w:dropCap="margin" w:lines="2"/></w:pPr><w:r><w:t>O</w:t></w:r></w:p><w:p><w:r><w:t>nce more.</w:t></w:r></w:p>` +
        `<w:p><w:pPr><w:framePr w:w="2000" w:h="500" w:hAnchor="page"/></w:pPr><w:r><w:t>A framed box, not a drop cap.</w:t></w:r></w:p>`,
    ));
    expect(doc.text).toBe('Chapter One\n\nThe war began in the spring of that year.\n\nالحرب بدأت في ربيع ذلك العام.\n\nOnce more.\n\nA framed box, not a drop cap.');
  });

  it('keeps tracked insertions as words and drops tracked deletions, with the spaces between words', async () => {
    const ins = (id: number, text: string): string => `<w:ins w:id="${id}" w:author="A" w:date="2021-05-11T17:09:00Z"><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:ins>`;
    const del = (id: number, text: string): string => `<w:del w:id="${id}" w:author="A" w:date="2021-05-11T17:09:00Z"><w:r><w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`;
    const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const doc = await parseBytes(parseDocx, 'tracked.docx', buildDocx(
      `<w:p>${run('the ')}${ins(1, 'black ')}${run('cat')}</w:p>` +
        `<w:p>${run('the')}${del(2, ' old')}${ins(3, ' new')}${run(' dog')}</w:p>` +
        `<w:p>${run('two')}${ins(4, ' ')}${run('words')}</w:p>` +
        `<w:p>${run('قال ')}${del(5, 'المتحدث ')}${ins(6, 'الناطق ')}${run('باسم الجيش')}</w:p>`,
    ));
    expect(doc.text).toBe('the black cat\n\nthe new dog\n\ntwo words\n\nقال الناطق باسم الجيش');
  });

  it('a carriage return inside a run (w:cr, as in inserted or pasted text) separates its words', async () => {
    const doc = await parseBytes(parseDocx, 'cr.docx', buildDocx(
      `<w:p><w:r><w:t>first</w:t><w:cr/><w:t xml:space="preserve">second </w:t></w:r>` +
        `<w:ins w:id="7" w:author="A"><w:r><w:t>الأول</w:t><w:cr /><w:t>الثاني</w:t></w:r></w:ins></w:p>`,
    ));
    expect(doc.text.split(/\s+/u)).toEqual(['first', 'second', 'الأول', 'الثاني']);
  });
});

describe('parseDocx on bad input', () => {
  const sample = new Uint8Array(fs.readFileSync(path.join(fixtures, 'office/kreuzberg-word_sample.docx')));

  it('reports empty, text-as-docx, truncated and legacy/encrypted compound files clearly', async () => {
    expect(await errorOf(parseBytes(parseDocx, 'empty.docx', new Uint8Array(0)))).toMatchObject({ code: 'empty' });
    const text = await errorOf(parseBytes(parseDocx, 'notes.docx', strToU8('Dear diary,\nthis is plain text.\n')));
    expect(text).toMatchObject({ code: 'corrupt', message: 'not a zip archive, or truncated (no end-of-central-directory record)' });
    expect(await errorOf(parseBytes(parseDocx, 'half.docx', sample.subarray(0, sample.length >> 1)))).toMatchObject({ code: 'corrupt' });

    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await errorOf(parseBytes(parseDocx, 'old.docx', cfb))).toMatchObject({ code: 'corrupt', message: 'this is a legacy Word .doc file, not a .docx' });
    cfb.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    expect(await errorOf(parseBytes(parseDocx, 'locked.docx', cfb))).toMatchObject({ code: 'encrypted' });
  });

  it('refuses a zip that is not a Word document, or one mammoth cannot read', async () => {
    const notWord = zipSync({ 'hello.txt': strToU8('hi') });
    expect((await errorOf(parseBytes(parseDocx, 'x.docx', notWord))).message).toBe('not a Word document (no [Content_Types].xml in the zip)');
    const noBody = zipSync({ '[Content_Types].xml': strToU8('<Types/>') });
    expect(await errorOf(parseBytes(parseDocx, 'y.docx', noBody))).toMatchObject({ code: 'corrupt' });
  });

  it('checks the zip before mammoth sees it: a bomb entry is refused, a lying one never inflated past its size', async () => {
    const entries = unzipSync(sample);
    const bomb = zipSync({ ...entries, 'word/media/blank.bmp': new Uint8Array(64 * 1024 * 1024) });
    const error = await errorOf(parseBytes(parseDocx, 'bomb.docx', bomb));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^refused: zip entry "word\/media\/blank\.bmp" claims 67108864 bytes/);
    expect(await errorOf(parseBytes(parseDocx, 'bomb.docx', bomb, { maxUnzippedBytes: 1024 * 1024 }))).toMatchObject({ code: 'too-large' });

    // Under-declare document.xml: safe-zip stops at the declared size; jszip would have inflated it all.
    const liar = zipSync(entries);
    const view = Buffer.from(liar.buffer);
    const nameAt = view.lastIndexOf(Buffer.from('word/document.xml'));
    view.writeUInt32LE(100, nameAt - 46 + 24);
    const lying = await errorOf(parseBytes(parseDocx, 'liar.docx', liar));
    expect(lying).toMatchObject({ code: 'corrupt' });
    expect(lying.message).toMatch(/inflates past the 100 bytes its header declares/);
  });

  it('refuses entry names that climb out of the archive', async () => {
    const evil = zipSync({ ...unzipSync(sample), '../../evil.txt': strToU8('x') });
    expect(await errorOf(parseBytes(parseDocx, 'evil.docx', evil))).toMatchObject({ code: 'corrupt' });
  });

  it('enforces the text limit', async () => {
    expect(await errorOf(parseBytes(parseDocx, 'long.docx', sample, { maxTextChars: 100 }))).toMatchObject({ code: 'too-large' });
  });

  it('never resolves an external entity (XXE) in the document', async () => {
    const docx = buildDocx('<w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p>');
    const entries = unzipSync(docx);
    const doc = new TextDecoder().decode(entries['word/document.xml']);
    entries['word/document.xml'] = strToU8(doc.replace('?>', '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'));
    // mammoth's XML parser (xmldom) refuses the undefined entity instead of reading the file.
    const error = await errorOf(parseBytes(parseDocx, 'xxe.docx', zipSync(entries)));
    expect(error.code).toBe('corrupt');
    expect(error.message).not.toContain('root:');
  });
});

// ---------------------------------------------------------------------------------------------
// ODT

const odfNs =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';

/** A minimal .odt: mimetype (stored, first), manifest, content and meta. */
function buildOdt(textXml: string, metaXml: string, options: { styles?: string; manifestExtra?: string; mimetype?: string } = {}): Uint8Array {
  return zipSync({
    mimetype: [strToU8(options.mimetype ?? 'application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
        `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>` +
        `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${options.manifestExtra ?? ''}</manifest:file-entry>` +
        `</manifest:manifest>`,
    ),
    'content.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${odfNs} office:version="1.3">` +
        `<office:automatic-styles>${options.styles ?? ''}</office:automatic-styles>` +
        `<office:body><office:text>${textXml}</office:text></office:body></office:document-content>`,
    ),
    'meta.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${odfNs}><office:meta>${metaXml}</office:meta></office:document-meta>`),
  });
}

describe('parseOdt on real files', () => {
  it('reads headings, paragraphs and tables in document order', async () => {
    const doc = await parseFixture(parseOdt, 'office/kreuzberg-extraction_test.odt');
    expect(collapse(doc.text)).toContain('This tests the heading hierarchy extraction');
    expect(doc.title).toBe('Comprehensive Extraction Test Document');
    expect(doc.text.indexOf('First Section')).toBeLessThan(doc.text.indexOf('Subsection 1.1'));
    expect(doc.text).toContain('Cell 2B');
    expect(doc.html).toContain('<h1>Comprehensive Extraction Test Document</h1><h2>First Section</h2>');
    expect(doc.html).toContain('<td><p>Header 1</p></td>');
    expect(doc.publishedAt).toBe('2025-12-08T15:03:36Z');
    expect(doc.authors).toEqual([]);
  });

  it('reads meta.xml: title and author', async () => {
    const doc = await parseFixture(parseOdt, 'office/kreuzberg-metadata_test.odt');
    expect(collapse(doc.text)).toContain('verify metadata extraction');
    expect(doc.title).toBe('Test Metadata Document');
    expect(doc.authors).toEqual(['John Doe']);
    expect(doc.lang).toBe('en');
  });
});

describe('parseOdt on a built Arabic document', () => {
  const body =
    `<text:p text:style-name="P1">تقرير من إدلب</text:p>` +
    `<text:h text:outline-level="2">معركة <text:span>ولا تهنوا</text:span></text:h>` +
    arabicLines
      .slice(0, 3)
      .map((line) => `<text:p>${xml(line.slice(0, 40))}<text:span text:style-name="T1">${xml(line.slice(40))}</text:span></text:p>`)
      .join('\n  ') +
    `<text:p>قبل<text:s text:c="3"/>بعد<text:tab/>جدول<text:line-break/>سطر جديد</text:p>` +
    `<text:p>الخبر<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>` +
    `<text:note-body><text:p>المصدر: شبكة إباء الإخبارية</text:p></text:note-body></text:note> كاملاً</text:p>` +
    `<text:list><text:list-item><text:p>البند الأول</text:p></text:list-item><text:list-item><text:p>البند الثاني</text:p>` +
    `<text:list><text:list-item><text:p>بند فرعي</text:p></text:list-item></text:list></text:list-item></text:list>` +
    `<table:table><table:table-column/><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>عنوان الجدول</text:p></table:table-cell>` +
    `<table:covered-table-cell/></table:table-row><table:table-row><table:table-cell><text:p>خلية أ</text:p></table:table-cell>` +
    `<table:table-cell><text:p>خلية ب</text:p></table:table-cell></table:table-row></table:table>` +
    `<text:p><office:annotation><dc:creator>محرر</dc:creator><text:p>تعليق خاص لا يظهر</text:p></office:annotation>نص ظاهر</text:p>` +
    `<text:tracked-changes><text:changed-region><text:deletion><text:p>نص محذوف</text:p></text:deletion></text:changed-region></text:tracked-changes>` +
    `<text:p><text:a xlink:href="javascript:alert(1)">رابط</text:a> ${xml('<script>alert(1)</script>')}</text:p>` +
    `<text:p>صورة:<draw:frame><svg:title>عنوان الإطار</svg:title><draw:image xlink:href="http://tracker.example/pixel.png"/></draw:frame>` +
    `<draw:frame><draw:text-box><text:p>تعليق الصورة</text:p></draw:text-box></draw:frame></text:p>`;
  const meta =
    '<meta:initial-creator>مراسل</meta:initial-creator><dc:creator>محرر</dc:creator><dc:language>ar-SY</dc:language>' +
    '<meta:creation-date>2019-12-29T09:30:00.123456789</meta:creation-date>';
  const styles = '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>';
  const odt = buildOdt(body, meta, { styles });

  it('keeps Arabic text intact and in order, with spaces, tabs, line breaks, lists, tables and notes', async () => {
    const doc = await parseBytes(parseOdt, 'idlib.odt', odt);
    const blocks = doc.text.split('\n\n');
    expect(blocks.slice(0, 2)).toEqual(['تقرير من إدلب', 'معركة ولا تهنوا']);
    for (const [i, line] of arabicLines.slice(0, 3).entries()) expect(blocks[i + 2]).toBe(collapse(line).trim());
    expect(doc.text).toContain('قبل \u00a0\u00a0بعد جدول\nسطر جديد');
    expect(doc.text).toContain('الخبر كاملاً'); // the note marker is not in the text
    expect(blocks.at(-1)).toBe('1 المصدر: شبكة إباء الإخبارية'); // notes come last
    expect(doc.text).toContain('البند الأول\n\nالبند الثاني\n\nبند فرعي');
    expect(doc.text).toContain('عنوان الجدول\n\nخلية أ\n\nخلية ب');
    expect(doc.text).toContain('نص ظاهر');
    expect(doc.text).toContain('تعليق الصورة');
    expect(doc.text).not.toMatch(/تعليق خاص|نص محذوف/);
    expect(doc.text).toContain('صورة:[عنوان الإطار]'); // the frame's svg:title describes the image
    expect(doc.html).toContain('<ul><li><p>البند الأول</p></li><li><p>البند الثاني</p><ul><li><p>بند فرعي</p></li></ul></li></ul>');
    expect(doc.html).toContain('<td colspan="2"><p>عنوان الجدول</p></td>');
  });

  it('reads metadata, the Title-styled paragraph as heading, and direction', async () => {
    const doc = await parseBytes(parseOdt, 'idlib.odt', odt);
    expect(doc.title).toBe('تقرير من إدلب');
    expect(doc.authors).toEqual(['مراسل']);
    expect(doc.lang).toBe('ar-SY');
    expect(doc.publishedAt).toBe('2019-12-29T09:30:00');
    expect(doc.html?.startsWith('<div dir="rtl" lang="ar-SY"><h1>تقرير من إدلب</h1><h2>معركة ولا تهنوا</h2>')).toBe(true);
  });

  it('escapes text and drops javascript: links and remote images', async () => {
    const doc = await parseBytes(parseOdt, 'idlib.odt', odt);
    expect(doc.text).toContain('رابط <script>alert(1)</script>');
    expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc.html).not.toMatch(/<script|javascript:|tracker\.example|<img/i);
  });

  it('prefers meta:initial-creator, falls back to dc:creator, then the first heading for a title', async () => {
    const doc = await parseBytes(parseOdt, 'plain.odt', buildOdt('<text:h text:outline-level="1">Heading</text:h><text:p>Body text here.</text:p>', '<dc:creator>Last Editor</dc:creator>'));
    expect(doc).toMatchObject({ title: 'Heading', authors: ['Last Editor'], text: 'Heading\n\nBody text here.', lang: null, publishedAt: null });
  });
});

describe('parseOdt on bad input', () => {
  it('reports empty, non-zip, truncated, encrypted, non-text and body-less files', async () => {
    expect(await errorOf(parseBytes(parseOdt, 'empty.odt', new Uint8Array(0)))).toMatchObject({ code: 'empty' });
    expect(await errorOf(parseBytes(parseOdt, 'text.odt', strToU8('plain text')))).toMatchObject({ code: 'corrupt' });
    const real = new Uint8Array(fs.readFileSync(path.join(fixtures, 'office/kreuzberg-metadata_test.odt')));
    expect(await errorOf(parseBytes(parseOdt, 'half.odt', real.subarray(0, real.length >> 1)))).toMatchObject({ code: 'corrupt' });
    const locked = buildOdt('<text:p>x</text:p>', '', { manifestExtra: '<manifest:encryption-data manifest:checksum-type="SHA1"/>' });
    expect(await errorOf(parseBytes(parseOdt, 'locked.odt', locked))).toMatchObject({ code: 'encrypted', message: 'the document is password-protected' });
    const sheet = buildOdt('', '', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' });
    expect(await errorOf(parseBytes(parseOdt, 'sheet.odt', sheet))).toMatchObject({ code: 'unsupported', message: 'an OpenDocument spreadsheet, not a text document' });
    expect(await errorOf(parseBytes(parseOdt, 'none.odt', zipSync({ 'meta.xml': strToU8('<x/>') })))).toMatchObject({ code: 'corrupt', message: 'not an OpenDocument file (no content.xml)' });
  });

  it('refuses hostile zips before parsing XML', async () => {
    const evil = zipSync({ 'content.xml': strToU8('<x/>'), '/etc/passwd': strToU8('x') });
    expect(await errorOf(parseBytes(parseOdt, 'evil.odt', evil))).toMatchObject({ code: 'corrupt' });
    const bomb = zipSync({ 'content.xml': new Uint8Array(40 * 1024 * 1024) });
    expect(await errorOf(parseBytes(parseOdt, 'bomb.odt', bomb))).toMatchObject({ code: 'too-large' });
    const deep = buildOdt('<text:section>'.repeat(600) + '</text:section>'.repeat(600), '');
    expect(await errorOf(parseBytes(parseOdt, 'deep.odt', deep))).toMatchObject({ code: 'corrupt' });
  });

  it('returns an empty text with a warning for a document without words', async () => {
    const doc = await parseBytes(parseOdt, 'blank.odt', buildOdt('<text:p/>', ''));
    expect(doc).toMatchObject({ text: '', html: null, title: null, warnings: ['no text found in the document'] });
  });
});

describe('office core properties', () => {
  const body = '<w:p><w:r><w:t>The first paragraph of the memo.</w:t></w:r></w:p>';
  const core = (title: string, extra = '') => `<dc:title>${xml(title)}</dc:title>${extra}`;

  it('rejects titles Word and templates fill in: Normal.dot, "Microsoft Word - x.doc", Document1, the file name', async () => {
    for (const [name, title] of [
      ['a.docx', 'Normal.dot'],
      ['b.docx', 'Microsoft Word - memo.doc'],
      ['c.docx', 'Document1'],
      ['field-memo.docx', 'field memo'],
      ['d.docx', 'Untitled'],
      ['e.docx', 'Template'],
    ] as const) {
      const doc = await parseBytes(parseDocx, name, buildDocx(body, core(title)));
      expect(doc.title, title).toBe('The first paragraph of the memo.');
    }
    for (const [name, title] of [['f.odt', 'Normal.ott'], ['g.odt', 'Document 3']] as const) {
      const doc = await parseBytes(parseOdt, name, buildOdt('<text:p>The first paragraph of the memo.</text:p>', `<dc:title>${title}</dc:title>`));
      expect(doc.title, title).toBe('The first paragraph of the memo.');
    }
  });

  it('keeps real titles, creators as a list, subject and keywords; filler creators are no author', async () => {
    const docx = await parseBytes(
      parseDocx,
      'memo.docx',
      buildDocx(body, core('Water supply in Idlib, 2019', '<dc:creator>Lina Haddad; Omar Khalil</dc:creator><dc:subject>Field memo</dc:subject><cp:keywords>water, Idlib</cp:keywords><dcterms:created xsi:type="dcterms:W3CDTF">2019-12-29T10:00:00Z</dcterms:created>')),
    );
    expect(docx).toMatchObject({ title: 'Water supply in Idlib, 2019', authors: ['Lina Haddad', 'Omar Khalil'], publishedAt: '2019-12-29T10:00:00Z', sourceMeta: { subject: 'Field memo', keywords: ['water', 'Idlib'] } });
    const filler = await parseBytes(parseDocx, 'filler.docx', buildDocx(body, core('A report', '<dc:creator>Windows User</dc:creator>')));
    expect(filler.authors).toEqual([]);
    const odt = await parseFixture(parseOdt, 'office/kreuzberg-metadata_test.odt');
    expect(odt.sourceMeta).toEqual({ subject: 'Testing ODT Metadata Extraction' });
    expect(odt.publishedAt).toBe('2025-12-08T15:26:04Z');
  });
});
