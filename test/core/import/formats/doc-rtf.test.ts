// Word 97–2003 (.doc, by word-extractor) and RTF (including Arabic RTF) import (issue 13).
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../../../electron/core/import/formats/doc.js';
import { parseRtf } from '../../../../electron/core/import/formats/rtf.js';
import { freshArchive, writeFiles } from '../../../support/archive.js';
import { errorOf, parserHarness } from '../../../support/parser-harness.js';
import { repoRoot } from '../../../support/paths.js';
import { sampleText } from '../../../support/shared.js';

const { parseBytes } = parserHarness('khizana-doc-rtf-');
const docFixture = path.join(repoRoot, 'test/fixtures/doc/word-extractor-test11.doc');
const arabicLines = sampleText().split('\n').filter((l) => l.trim() !== '').slice(0, 3).map((l) => l.replace(/\s+/g, ' ').trim());

/** Text as Word writes it in RTF for a code page: ASCII as is, other characters as \'hh bytes of that code page. */
function codePageEscaped(text: string, codePage: string): string {
  return [...iconv.encode(text, codePage)].map((b) => (b < 0x80 ? String.fromCharCode(b).replace(/[\\{}]/g, (c) => `\\${c}`) : `\\'${b.toString(16)}`)).join('');
}

/** Text as \uN escapes (signed 16-bit, as RTF writes them), each followed by `fallback`. */
function unicodeEscaped(text: string, fallback: string): string {
  return [...text].map((c) => {
    const units = c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)];
    return units.map((u) => `\\u${u > 32767 ? u - 65536 : u}${fallback}`).join('');
  }).join('');
}

/** An Arabic letter written by Word on an Arabic Windows: \ansicpg1256, an Arabic font, \rtlch runs, \'hh bytes. */
const arabicRtf =
  `{\\rtf1\\ansi\\ansicpg1256\\deff0\\deflang1025{\\fonttbl{\\f0\\fnil\\fcharset178 Arial;}{\\f1\\froman\\fcharset0 Times New Roman;}}` +
  `{\\colortbl ;\\red0\\green0\\blue0;}{\\stylesheet{\\ql \\li0\\ri0 Normal;}}{\\*\\generator Riched20 10.0.19041}` +
  `{\\info{\\title ${codePageEscaped('تقرير من إدلب', 'windows-1256')}}{\\author ${codePageEscaped('مراسل الشبكة', 'windows-1256')}}{\\creatim\\yr2019\\mo12\\dy29}}` +
  `{\\header\\pard\\plain ${codePageEscaped('ترويسة الصفحة', 'windows-1256')}\\par}` +
  arabicLines.map((line) => `\\pard\\rtlpar\\qr\\rtlch\\f0\\fs28 ${codePageEscaped(line, 'windows-1256')}\\par\r\n`).join('') +
  `\\pard\\rtlpar\\rtlch\\f0 ${codePageEscaped('ولا تهنوا', 'windows-1256')}{\\pict\\wmetafile8\\picw100 0123456789abcdef}\\par}`;

describe('parseRtf', () => {
  it('reads Arabic RTF in code page 1256 (\\ansicpg1256, \\fcharset178, \\rtlch, \\\'hh): text, title, author; no tables, header or picture data', async () => {
    const doc = await parseBytes(parseRtf, 'idlib.rtf', Buffer.from(arabicRtf, 'latin1'));
    expect(doc.text).toBe([...arabicLines, 'ولا تهنوا'].join('\n\n'));
    expect(doc.title).toBe('تقرير من إدلب');
    expect(doc.authors).toEqual(['مراسل الشبكة']);
    expect(doc.lang).toBe('ar');
    expect(doc.text).not.toMatch(/Arial|Times|Normal|Riched|ترويسة|0123456789/);
    expect(doc.warnings).toEqual([]);
  });

  it('reads \\uN with its \\ucN fallback skipped (1, 2 and 0 fallback characters, \\\'hh fallbacks, surrogate pairs)', async () => {
    const rtf =
      `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\uc1 ${unicodeEscaped('المبادرة', '?')} ` +
      `{\\uc2 ${unicodeEscaped('الوطنية', "\\'3f\\'3f")}} \\uc0 ${unicodeEscaped('للسلام', '')}  ` +
      `\\uc1 ${unicodeEscaped('😀', '?')} caf\\'e9 \\u8212\\'97 done\\par}`;
    const doc = await parseBytes(parseRtf, 'unicode.rtf', Buffer.from(rtf, 'latin1'));
    expect(doc.text).toBe('المبادرة الوطنية للسلام 😀 café — done');
  });

  it('decodes \\\'hh by the font\'s charset on an English Windows, keeps fields\' results, tables, symbols, footnotes', async () => {
    const rtf =
      `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fbidi\\fswiss\\fcharset178 Arial (Arabic);}}` +
      `\\pard Report: {\\rtlch\\f1 ${codePageEscaped('المعارضة السورية', 'windows-1256')}}\\tab end\\line next \\emdash\\~ok \\{braces\\}\\par` +
      `{\\field{\\*\\fldinst HYPERLINK "https://example.org/"}{\\fldrslt the link}}\\par` +
      `\\trowd\\cellx1000\\cellx2000\\intbl one\\cell two\\cell\\row` +
      `\\pard Body{\\super\\chftn{\\footnote\\pard\\plain\\chftn  Source note.}} after\\par}`;
    const doc = await parseBytes(parseRtf, 'mixed.rtf', Buffer.from(rtf, 'latin1'));
    expect(doc.text).toBe('Report: المعارضة السورية end\nnext \u2014 ok {braces}\n\nthe link\n\none two\n\nBody after\n\nSource note.');
    expect(doc.text).not.toContain('HYPERLINK');
  });

  it('reports empty and non-RTF files; a truncated file keeps the text read so far', async () => {
    expect((await errorOf(parseBytes(parseRtf, 'empty.rtf', new Uint8Array(0)))).code).toBe('empty');
    expect((await errorOf(parseBytes(parseRtf, 'text.rtf', new TextEncoder().encode('just text'))))).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/not an RTF document/) });
    const truncated = await parseBytes(parseRtf, 'cut.rtf', Buffer.from(arabicRtf.slice(0, arabicRtf.indexOf('\\par\r\n') + 200), 'latin1'));
    expect(truncated.text.startsWith(arabicLines[0]!)).toBe(true);
    const blank = await parseBytes(parseRtf, 'blank.rtf', Buffer.from('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par}', 'latin1'));
    expect(blank.warnings).toEqual(['no text found in the document']);
  });
});

describe('parseDoc', () => {
  it('reads a Word 97–2003 document (word-extractor\'s Chinese/English test file)', async () => {
    const doc = await parseBytes(parseDoc, 'test11.doc', new Uint8Array(fs.readFileSync(docFixture)));
    expect(doc.text).toBe('这是一个用来测试nodejs解析Word文档.doccccc\n\nThis is a test for parsing the Word file in node.');
    expect(doc.warnings).toEqual([]);
  });

  it('reports empty, non-Word, renamed .docx, encrypted and truncated files; reads an RTF saved as .doc', async () => {
    const bytes = fs.readFileSync(docFixture);
    expect((await errorOf(parseBytes(parseDoc, 'empty.doc', new Uint8Array(0)))).code).toBe('empty');
    expect((await errorOf(parseBytes(parseDoc, 'text.doc', new TextEncoder().encode('plain words'))))).toMatchObject({ code: 'corrupt' });
    expect((await errorOf(parseBytes(parseDoc, 'zip.doc', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))))).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/rename it to \.docx/) });
    // The File Information Block's fEncrypted flag: a password-protected .doc.
    const encrypted = Buffer.from(bytes);
    const fib = encrypted.indexOf(Buffer.from([0xec, 0xa5]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(fib + 0x0a) | 0x0100, fib + 0x0a);
    expect((await errorOf(parseBytes(parseDoc, 'locked.doc', encrypted))).code).toBe('encrypted');
    expect((await errorOf(parseBytes(parseDoc, 'cut.doc', bytes.subarray(0, 1500)))).code).toBe('corrupt');
    const rtfAsDoc = await parseBytes(parseDoc, 'letter.doc', Buffer.from(arabicRtf, 'latin1'));
    expect(rtfAsDoc.title).toBe('تقرير من إدلب');
  });
});

describe('importing .doc and .rtf', () => {
  it('imports both through the parser registry and finds their words', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'letter.rtf': Buffer.from(arabicRtf, 'latin1'), 'test11.doc': fs.readFileSync(docFixture) });
    const { results } = await archive.api.importPaths({ paths: [dir] });
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect((await archive.api.search({ query: '"ولا تهنوا"' })).total).toBe(1);
    expect((await archive.api.search({ query: '"parsing the Word file"' })).total).toBe(1);
    const rtf = await archive.api.getItem({ id: results.find((r) => r.path.endsWith('.rtf'))!.id! });
    expect(rtf.source?.format).toBe('rtf');
    await archive.close();
  });
});
