import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseEpub } from '../../../../electron/core/import/formats/epub.js';
import type { ParsedDocument } from '../../../../electron/core/import/parsed-document.js';
import { collapse, ctx, errorOf, parserHarness, type LimitOverrides } from '../../../support/parser-harness.js';
import { fixturesDir as fixtures, samplePath } from '../../../support/shared.js';

const arabicLines = fs.readFileSync(samplePath, 'utf8').split('\n').filter((l) => l.trim() !== '');
const harness = parserHarness('khizana-epub-');

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes bytes to a temp file and parses what is read back. */
const parseBytes = (name: string, bytes: Uint8Array, limits: LimitOverrides = {}): Promise<ParsedDocument> =>
  harness.parseBytes(parseEpub, name, bytes, limits);

const xhtml = (body: string, head = '<title>t</title>', htmlAttrs = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;

const container = (opf: string): Uint8Array =>
  strToU8(
    `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">` +
      `<rootfiles><rootfile full-path="${opf}" media-type="application/oebps-package+xml"/></rootfiles></container>`,
  );

/** An EPUB 3 with three chapters whose spine order differs from the manifest order. */
function buildEpub(extra: Zippable = {}, spine?: string): Uint8Array {
  const opf =
    `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">` +
    `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">urn:x</dc:identifier>` +
    `<dc:title id="t1">عنوان فرعي</dc:title><dc:title id="t2">الكتاب الرئيسي</dc:title><meta refines="#t2" property="title-type">main</meta>` +
    `<dc:creator id="c1">الكاتب</dc:creator><meta refines="#c1" property="role" scheme="marc:relators">aut</meta>` +
    `<dc:creator id="c2">الرسام</dc:creator><meta refines="#c2" property="role" scheme="marc:relators">ill</meta>` +
    `<dc:language>en</dc:language><dc:date>2020-03-01</dc:date></metadata>` +
    `<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>` +
    `<item id="ch1" href="Text/chapter%201.xhtml" media-type="application/xhtml+xml"/>` +
    `<item id="ch2" href="Text/ch2.xhtml" media-type="application/xhtml+xml"/>` +
    `<item id="ch3" href="../OEBPS/Text/ch3.xhtml" media-type="application/xhtml+xml"/>` +
    `<item id="evil" href="../../etc/passwd" media-type="application/xhtml+xml"/>` +
    `<item id="img" href="Images/fig.png" media-type="image/png"/></manifest>` +
    `<spine>${spine ?? '<itemref idref="ch2"/><itemref idref="ch1"/><itemref idref="evil"/><itemref idref="img"/><itemref idref="ch3"/>'}</spine></package>`;
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': container('OEBPS/content.opf'),
    'OEBPS/content.opf': strToU8(opf),
    'OEBPS/nav.xhtml': strToU8(xhtml('<nav epub:type="toc"><ol><li><a href="Text/ch2.xhtml">الفصل الأول</a></li></ol></nav>')),
    // An XHTML <title/> and <a/> would swallow the chapter if read by an HTML parser.
    'OEBPS/Text/ch2.xhtml': strToU8(
      xhtml(
        `<h1>الفصل الأول</h1><p>أول سطر</p><a id="top"/><p>صورة <img src="http://tracker.example/p.png" alt="pixel"/> و <img src="../Images/fig.png" alt="شكل"/> هنا</p>` +
          `<script>document.write('evil script')</script><svg xmlns="http://www.w3.org/2000/svg"><text>svg text</text></svg>` +
          `<p onclick="alert(1)">&nbsp;x&amp;y &#1575;&#x644;</p><p><a href="https://example.org/a">رابط</a> <a href="javascript:alert(1)">خطر</a></p>`,
        '<title/><script src="evil.js"/>',
      ),
    ),
    'OEBPS/Text/chapter 1.xhtml': strToU8(xhtml(arabicLines.map((line) => `<p>${xml(line)}</p>`).join('\n'), '<title>ch1</title>', ' xml:lang="ar" dir="rtl"')),
    'OEBPS/Text/ch3.xhtml': strToU8(xhtml('<pre>  code\n    indented</pre><table><tr><td>a</td><td>b</td></tr></table><div epub:type="footnote"><p>حاشية</p></div>')),
    'OEBPS/Images/fig.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    ...extra,
  });
}

describe('parseEpub on the real file', () => {
  it('reads The Waste Land: phrase, title, author, language, date', async () => {
    const file = path.join(fixtures, 'epub/pandoc-wasteland.epub');
    const bytes = new Uint8Array(fs.readFileSync(file));
    const started = performance.now();
    const doc = await parseEpub(bytes, ctx(file));
    console.log(`parse time: epub/pandoc-wasteland.epub: ${(performance.now() - started).toFixed(0)} ms (${bytes.length} bytes, ${doc.text.length} chars)`);
    expect(collapse(doc.text)).toContain('April is the cruellest month');
    expect(doc.title).toBe('The Waste Land');
    expect(doc.authors).toEqual(['T.S. Eliot']);
    expect(doc.lang).toBe('en-US');
    expect(doc.publishedAt).toBe('2011-09-01');
    expect(doc.sourceMeta).toEqual({ identifier: 'code.google.com.epub-samples.wasteland-basic' });
    expect(doc.text).toContain('April is the cruellest month, breeding\n\nLilacs out of the dead land, mixing');
    expect(doc.text).toContain('Σίβυλλα τί ϴέλεις');
    expect(doc.html?.startsWith('<div dir="ltr" lang="en-US"><section lang="en">')).toBe(true);
    expect(doc.html).not.toMatch(/<img|<link|<script|\.css/);
    expect(doc.warnings).toEqual([]);
  });
});

describe('parseEpub on a built book', () => {
  const epub = buildEpub();

  it('reads chapters in spine order, skips what is not a chapter, never leaves the archive', async () => {
    const doc = await parseBytes('book.epub', epub);
    const first = doc.text.indexOf('الفصل الأول');
    const second = doc.text.indexOf(collapse(arabicLines[0]!).trim());
    const third = doc.text.indexOf('code');
    expect(first).toBe(0);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    for (const line of arabicLines) expect(doc.text).toContain(`\n\n${collapse(line).trim()}\n\n`);
    expect(doc.warnings).toEqual(['chapter ../../etc/passwd is missing from the EPUB']);
    expect(doc.html?.match(/<section/g)).toHaveLength(3);
  });

  it('keeps XHTML structure: self-closing tags swallow nothing, entities decode, pre keeps its spaces', async () => {
    const doc = await parseBytes('book.epub', epub);
    expect(doc.text.startsWith('الفصل الأول\n\nأول سطر\n\nصورة [pixel] و [شكل] هنا\n\nx&y ال\n\nرابط خطر\n\n')).toBe(true);
    expect(doc.text).toContain('  code\n    indented\n\na b\n\nحاشية');
    expect(doc.html).toContain('<pre>  code\n    indented</pre>');
  });

  it('fetches nothing and runs nothing', async () => {
    const doc = await parseBytes('book.epub', epub);
    expect(doc.text).not.toMatch(/evil|svg text/);
    expect(doc.html).not.toMatch(/<script|<svg|<img|onclick|javascript:|fig\.png|evil\.js/);
    // The remote image is not loaded; its address stays as inert text (a book has no web address for relative ones).
    expect(doc.html).toContain('<span data-removed-image="" data-image-url="http://tracker.example/p.png">[pixel]</span>');
    expect(doc.html).toContain('<a data-href="https://example.org/a">رابط</a>');
  });

  it('reads OPF metadata: main title, authors only, date; a contradicted language is replaced', async () => {
    const doc = await parseBytes('book.epub', epub);
    expect(doc.title).toBe('الكتاب الرئيسي');
    expect(doc.authors).toEqual(['الكاتب']);
    expect(doc.publishedAt).toBe('2020-03-01');
    expect(doc.lang).toBe('ar'); // the OPF says "en" on an Arabic book
    expect(doc.html?.startsWith('<div dir="rtl" lang="ar">')).toBe(true);
    expect(doc.html).toContain('<section lang="ar" dir="rtl">');
  });

  it('reads EPUB 2 metadata (opf:role, opf:event) and a spine-less book in manifest order', async () => {
    const opf =
      `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="2.0">` +
      `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>  Old   Book </dc:title>` +
      `<dc:creator opf:role="edt">An Editor</dc:creator><dc:creator opf:role="aut">First Author</dc:creator><dc:creator>Second Author</dc:creator>` +
      `<dc:date opf:event="modification">2015-01-01</dc:date><dc:date opf:event="publication">1998</dc:date><dc:language>und</dc:language></metadata>` +
      `<manifest><item id="b" href="b.html" media-type="application/xhtml+xml"/><item id="a" href="a.html" media-type="application/xhtml+xml"/></manifest><spine/></package>`;
    const doc = await parseBytes(
      'old.epub',
      zipSync({
        'META-INF/container.xml': container('book.opf'),
        'book.opf': strToU8(opf),
        'a.html': strToU8(xhtml('<p>The second document, in English, of the book.</p>')),
        'b.html': strToU8(xhtml('<p>The first document listed.</p>')),
      }),
    );
    expect(doc).toMatchObject({ title: 'Old Book', authors: ['First Author', 'Second Author'], publishedAt: '1998', lang: 'en' });
    expect(doc.text).toBe('The first document listed.\n\nThe second document, in English, of the book.');
  });

  it('reads two creators, the publisher, and the ISBN over a tool-made UUID as the identifier', async () => {
    const book = (metadata: string, uid = 'uid') =>
      zipSync({
        'META-INF/container.xml': container('book.opf'),
        'book.opf': strToU8(
          `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="${uid}">` +
            `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${metadata}</metadata>` +
            `<manifest><item id="a" href="a.html" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`,
        ),
        'a.html': strToU8(xhtml('<p>The only chapter of the book.</p>')),
      });
    const epub3 = await parseBytes(
      'two.epub',
      book(
        `<dc:identifier id="uid">urn:uuid:0f4b8c3e-6a2d-4d8e-9a61-3c1f2b7d9e10</dc:identifier><dc:identifier id="isbn">urn:isbn:978-0-306-40615-7</dc:identifier>` +
          `<dc:title>Two Voices</dc:title><dc:creator id="c1">Lina Haddad</dc:creator><dc:creator id="c2">Smith, John</dc:creator>` +
          `<meta refines="#c1" property="role" scheme="marc:relators">aut</meta><meta refines="#c2" property="role" scheme="marc:relators">aut</meta>` +
          `<dc:publisher>Dar al-Saqi</dc:publisher><dc:date>2015-07</dc:date><dc:language>en</dc:language>`,
      ),
    );
    expect(epub3).toMatchObject({ title: 'Two Voices', authors: ['Lina Haddad', 'Smith, John'], publishedAt: '2015-07' });
    expect(epub3.sourceMeta).toEqual({ publisher: 'Dar al-Saqi', identifier: '978-0-306-40615-7' });
    // EPUB 2 names the scheme; a UUID alone identifies no edition; a book with no date has none.
    const epub2 = await parseBytes('isbn10.epub', book(`<dc:identifier id="uid" opf:scheme="ISBN">0-306-40615-2</dc:identifier><dc:title>Old</dc:title>`));
    expect(epub2.sourceMeta).toEqual({ identifier: '0-306-40615-2' });
    expect(epub2.publishedAt).toBeNull();
    const uuidOnly = await parseBytes('uuid.epub', book(`<dc:identifier id="uid">urn:uuid:0f4b8c3e-6a2d-4d8e-9a61-3c1f2b7d9e10</dc:identifier><dc:title>T</dc:title>`));
    expect(uuidOnly.sourceMeta).toEqual({});
  });

  it('finds the OPF without container.xml, and falls back to HTML parsing for a broken chapter', async () => {
    const opf =
      `<package xmlns="http://www.idpf.org/2007/opf"><metadata/><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>` +
      `<spine><itemref idref="c"/></spine></package>`;
    const deep = '<div>'.repeat(600) + 'deep text' + '</div>'.repeat(600);
    const doc = await parseBytes('nocontainer.epub', zipSync({ 'x/pkg.opf': strToU8(opf), 'x/c.xhtml': strToU8(xhtml(`<h2>Heading</h2>${deep}`)) }));
    expect(doc.text).toBe('Heading\n\ndeep text');
    expect(doc.title).toBe('Heading');
    expect(doc.warnings).toEqual(['chapter x/c.xhtml is not well-formed XHTML; read as HTML']);
  });
});

describe('parseEpub on bad input', () => {
  it('refuses DRM-encrypted chapters but reads books with obfuscated fonts', async () => {
    const encryption = (algorithm: string, uri: string): Uint8Array =>
      strToU8(
        `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">` +
          `<enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`,
      );
    const drm = buildEpub({ 'META-INF/encryption.xml': encryption('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'OEBPS/Text/ch2.xhtml') });
    expect(await errorOf(parseBytes('drm.epub', drm))).toMatchObject({ code: 'encrypted', message: 'the EPUB is DRM-protected (OEBPS/Text/ch2.xhtml is encrypted)' });
    const fonts = buildEpub({ 'META-INF/encryption.xml': encryption('http://www.idpf.org/2008/embedding', 'OEBPS/Fonts/a.otf') });
    expect((await parseBytes('fonts.epub', fonts)).title).toBe('الكتاب الرئيسي');
  });

  it('reports empty, non-zip, truncated, package-less and chapter-less files', async () => {
    expect(await errorOf(parseBytes('empty.epub', new Uint8Array(0)))).toMatchObject({ code: 'empty' });
    expect(await errorOf(parseBytes('text.epub', strToU8('not a book')))).toMatchObject({ code: 'corrupt' });
    const real = new Uint8Array(fs.readFileSync(path.join(fixtures, 'epub/pandoc-wasteland.epub')));
    expect(await errorOf(parseBytes('half.epub', real.subarray(0, real.length >> 1)))).toMatchObject({ code: 'corrupt' });
    expect(await errorOf(parseBytes('zip.epub', zipSync({ 'a.txt': strToU8('x') })))).toMatchObject({
      code: 'corrupt',
      message: 'not an EPUB (no container.xml pointing to a package document)',
    });
    const noChapters = buildEpub({}, '<itemref idref="evil"/>');
    expect(await errorOf(parseBytes('nochapters.epub', noChapters))).toMatchObject({ code: 'corrupt', message: 'the EPUB has no readable chapters' });
  });

  it('refuses hostile zips and enforces the text limit', async () => {
    expect(await errorOf(parseBytes('evil.epub', buildEpub({ '../../evil.xhtml': strToU8('x') })))).toMatchObject({ code: 'corrupt' });
    expect(await errorOf(parseBytes('bomb.epub', buildEpub({ 'OEBPS/blank.xhtml': new Uint8Array(32 * 1024 * 1024) })))).toMatchObject({ code: 'too-large' });
    expect(await errorOf(parseBytes('small.epub', buildEpub(), { maxUnzippedBytes: 2000 }))).toMatchObject({ code: 'too-large' });
    expect(await errorOf(parseBytes('long.epub', buildEpub(), { maxTextChars: 500 }))).toMatchObject({ code: 'too-large' });
  });
});
