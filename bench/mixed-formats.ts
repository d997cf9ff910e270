// A folder of mixed formats generated from the corpus (issue 3): what a researcher's folder holds.
// Every writer here makes a small but valid file of its format from one article.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { Article } from './corpus.js';
import { pdfFile } from '../test/support/pdf-file.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const paragraphs = (a: Article) => a.body.split(/\n+/).map((p) => p.trim()).filter(Boolean);

function txt(a: Article): Uint8Array {
  return strToU8(`${a.title}\n\n${a.body}\n`);
}

/** The same article in the legacy 8-bit encoding of its script, as old archives hold it. */
function legacyTxt(a: Article): Uint8Array {
  return iconv.encode(`${a.title}\r\n\r\n${a.body.replace(/\n/g, '\r\n')}\r\n`, a.lang === 'ar' ? 'windows-1256' : 'windows-1252');
}

function md(a: Article): Uint8Array {
  const title = a.title.replace(/"/g, "'");
  return strToU8(`---\ntitle: "${title}"\ntags: [bench, ${a.lang}]\nsource: ${a.source || 'corpus'}\n---\n\n# ${a.title}\n\n${paragraphs(a).join('\n\n')}\n`);
}

function html(a: Article): Uint8Array {
  const dir = a.lang === 'ar' ? 'rtl' : 'ltr';
  const body = paragraphs(a).map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
  return strToU8(`<!doctype html><html lang="${a.lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeXml(a.title)}</title>
<script>track()</script></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>${escapeXml(a.title)}</h1><p class="byline">By Staff</p>${body}</article><footer>© News</footer></body></html>`);
}

function eml(a: Article): Uint8Array {
  const subject = `=?UTF-8?B?${Buffer.from(a.title).toString('base64')}?=`;
  const body = Buffer.from(`${a.body}\n`).toString('base64').replace(/.{76}/g, '$&\r\n');
  return strToU8(`From: Desk <desk@example.org>\r\nTo: me@example.org\r\nSubject: ${subject}\r\nDate: Tue, 21 Jul 2015 10:00:00 +0300\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n`);
}

function docx(a: Article): Uint8Array {
  const bidi = a.lang === 'ar' ? '<w:pPr><w:bidi/></w:pPr>' : '';
  const paras = [a.title, ...paragraphs(a)].map((p) => `<w:p>${bidi}<w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras}</w:body></w:document>`),
    'docProps/core.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(a.title)}</dc:title><dc:language>${a.lang}</dc:language></cp:coreProperties>`),
  });
}

function odt(a: Article): Uint8Array {
  const paras = paragraphs(a).map((p) => `<text:p>${escapeXml(p)}</text:p>`).join('');
  const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
    'content.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns}><office:body><office:text><text:h text:outline-level="1">${escapeXml(a.title)}</text:h>${paras}</office:text></office:body></office:document-content>`),
    'meta.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${ns}><office:meta><dc:title>${escapeXml(a.title)}</dc:title><dc:language>${a.lang}</dc:language></office:meta></office:document-meta>`),
  });
}

function epub(a: Article): Uint8Array {
  const body = paragraphs(a).map((p) => `<p>${escapeXml(p)}</p>`).join('');
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'),
    'OEBPS/content.opf': strToU8(`<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">${escapeXml(a.id)}</dc:identifier><dc:title>${escapeXml(a.title)}</dc:title><dc:language>${a.lang}</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`),
    'OEBPS/c1.xhtml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${escapeXml(a.title)}</title></head><body><h1>${escapeXml(a.title)}</h1>${body}</body></html>`),
  });
}

/** A one-page PDF in Helvetica (WinAnsi): Latin-script articles only. */
function pdf(a: Article): Uint8Array {
  const lines = [a.title, '', ...paragraphs(a).join(' ').match(/.{1,90}(\s|$)/g)!.slice(0, 50)];
  const text = lines.map((l) => `(${l.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?')}) Tj T*`).join('\n');
  const content = `BT /F1 10 Tf 12 TL 40 800 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title (${a.title.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?')}) >>`,
  ];
return pdfFile(objects, '/Root 1 0 R /Info 6 0 R', '%PDF-1.4\n');
}

const writers: Array<[string, (a: Article) => Uint8Array, (a: Article) => boolean]> = [
  ['txt', txt, () => true],
  ['legacy.txt', legacyTxt, () => true],
  ['md', md, () => true],
  ['html', html, () => true],
  ['eml', eml, () => true],
  ['docx', docx, () => true],
  ['odt', odt, () => true],
  ['epub', epub, () => true],
  ['pdf', pdf, (a) => a.lang !== 'ar'],
];

/** Writes one file per article, cycling through the formats; returns the bytes written per format. */
export function writeMixedFolder(dir: string, articles: Article[]): Record<string, { files: number; bytes: number }> {
  const stats: Record<string, { files: number; bytes: number }> = {};
  articles.forEach((article, i) => {
    const usable = writers.filter(([, , fits]) => fits(article));
    const [ext, write] = usable[i % usable.length]!;
    const bytes = write(article);
    const name = `${String(i).padStart(6, '0')}.${ext.endsWith('.txt') ? 'txt' : ext}`;
    const sub = path.join(dir, ext.replace('.', '-'));
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, name), bytes);
    const s = (stats[ext] ??= { files: 0, bytes: 0 });
    s.files++;
    s.bytes += bytes.length;
  });
  return stats;
}
