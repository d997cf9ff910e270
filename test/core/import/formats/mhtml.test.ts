// .mhtml/.mht saved pages and the resources folder a browser saves beside page.html (issue 13).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMhtml } from '../../../../electron/core/import/formats/mhtml.js';
import { freshArchive, writeFiles } from '../../../support/archive.js';
import { errorOf, parserHarness } from '../../../support/parser-harness.js';
import { sampleText } from '../../../support/shared.js';
import { quotedPrintable } from '../../../support/quoted-printable.js';

const { parseBytes } = parserHarness('khizana-mhtml-');
const paragraphs = sampleText().split('\n').filter((l) => l.trim() !== '').slice(0, 4);

const page = (head: string): string =>
  `<!DOCTYPE html><html lang="ar" dir="rtl"><head>${head}<title>معارك إدلب</title></head><body>` +
  `<nav class="menu"><a href="/">الرئيسية</a> <a href="/world">دوليات</a> <a href="/sport">رياضة</a></nav>` +
  `<article><h1>معارك إدلب</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}` +
  `<p><img src="cid:chart@mhtml.example" alt="خريطة المعارك"> <img src="https://news.example.com/img/river.jpg" alt="النهر"></p></article>` +
  `<footer class="site-footer">جميع الحقوق محفوظة</footer></body></html>`;

/** A page saved as Chrome does: Blink headers, quoted-printable HTML, base64 resources with their addresses. */
function chromeMhtml(html: string, htmlType = 'text/html'): string {
  const b = '----MultipartBoundary--Zr4hWBm0VQZ8Mvh1yPuNwLdbeAJ8dfmx8gzKzVY2rH----';
  return [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://news.example.com/2015/03/idlib.html',
    'Subject: =?utf-8?Q?=D9=85=D8=B9=D8=A7=D8=B1=D9=83?=',
    'Date: Mon, 2 Mar 2015 10:00:00 -0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${b}"`,
    '',
    '',
    `--${b}`,
    `Content-Type: ${htmlType}`,
    'Content-ID: <frame-0@mhtml.blink>',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: https://news.example.com/2015/03/idlib.html',
    '',
    quotedPrintable(new TextEncoder().encode(html)),
    `--${b}`,
    'Content-Type: image/png',
    'Content-ID: <chart@mhtml.example>',
    'Content-Transfer-Encoding: base64',
    'Content-Location: https://news.example.com/img/chart.png',
    '',
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    `--${b}`,
    'Content-Type: text/css',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: https://news.example.com/style.css',
    '',
    'body { color: red; }',
    `--${b}--`,
    '',
  ].join('\r\n');
}

describe('parseMhtml', () => {
  it('imports a Chrome .mhtml: the article through Readability, its address, images as inert addresses', async () => {
    const doc = await parseBytes(parseMhtml, 'idlib.mhtml', new TextEncoder().encode(chromeMhtml(page('<meta charset="utf-8">'))));
    expect(doc.title).toBe('معارك إدلب');
    for (const p of paragraphs) expect(doc.text.replace(/\s+/g, ' ')).toContain(p.replace(/\s+/g, ' ').trim());
    expect(doc.text).not.toMatch(/الرئيسية|رياضة|جميع الحقوق|color: red/);
    expect(doc.text).toContain('[خريطة المعارك]');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.lang).toBe('ar');
    expect(doc.url).toBe('https://news.example.com/2015/03/idlib.html');
    expect(doc.html).toContain('data-image-url="https://news.example.com/img/chart.png">[خريطة المعارك]');
    expect(doc.html).toContain('data-image-url="https://news.example.com/img/river.jpg">[النهر]');
    expect(doc.html).not.toMatch(/<img|\ssrc=|cid:/);
    expect(doc.warnings).toEqual([]);
  });

  it('reads an Internet Explorer .mht: base64 HTML in the charset its MIME part declares', async () => {
    const html = page('');
    const mht = [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="----=_NextPart_000_0000_01D0"; type="text/html"',
      '',
      'This is a multi-part message in MIME format.',
      '',
      '------=_NextPart_000_0000_01D0',
      'Content-Type: text/html; charset="windows-1256"',
      'Content-Transfer-Encoding: base64',
      'Content-Location: http://news.example.org/idlib.htm',
      '',
      (iconv.encode(html, 'windows-1256').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'),
      '',
      '------=_NextPart_000_0000_01D0--',
      '',
    ].join('\r\n');
    const doc = await parseBytes(parseMhtml, 'idlib.mht', Buffer.from(mht, 'latin1'));
    expect(doc.encoding).toBe('windows-1256');
    expect(doc.text).toContain(paragraphs[0]!.trim().slice(0, 40));
    expect(doc.url).toBe('http://news.example.org/idlib.htm');
  });

  it('decodes valid UTF-8 as UTF-8 when the MIME part declares a legacy charset, with a warning', async () => {
    const doc = await parseBytes(parseMhtml, 'relabelled.mhtml', new TextEncoder().encode(chromeMhtml(page(''), 'text/html; charset=windows-1256')));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.warnings.join(' ')).toMatch(/says windows-1256 but is utf-8/);
    expect(doc.text).toContain(paragraphs[0]!.trim().slice(0, 40));
  });

  it('reports empty, non-MIME and page-less archives clearly', async () => {
    expect((await errorOf(parseBytes(parseMhtml, 'empty.mhtml', new Uint8Array(0)))).code).toBe('empty');
    expect((await errorOf(parseBytes(parseMhtml, 'text.mhtml', new TextEncoder().encode('just some words, no headers\n\nat all'))))).toMatchObject({ code: 'corrupt' });
    const noPage = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n';
    expect((await errorOf(parseBytes(parseMhtml, 'nopage.mhtml', new TextEncoder().encode(noPage)))).code).toBe('empty');
    expect((await errorOf(parseBytes(parseMhtml, 'png.mht', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])))).code).toBe('corrupt');
  });
});

describe('importing saved pages from a folder', () => {
  it('imports .mhtml/.mht; skips the resources folder a browser saved beside page.html, with a reason; walks a look-alike folder of documents', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({
      'idlib.mhtml': chromeMhtml(page('<meta charset="utf-8">')),
      'page.html': '<html><body><article><p>The saved page itself, about something else entirely.</p></article></body></html>',
      'page_files/chart.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'page_files/style.css': 'body{}',
      'page_files/ad-frame.htm': '<html><body><p>Buy now: an advertisement frame with enough words to be a page.</p></body></html>',
      'Bericht.htm': '<html lang="de"><body><p>Ein gespeicherter Bericht.</p></body></html>',
      'Bericht-Dateien/script.js': 'var a = 1;',
      'Bericht-Dateien/tracker.html': '<p>tracker frame</p>',
      'report.html': '<html><body><p>A report page.</p></body></html>',
      'report_drafts/draft one.txt': 'A draft the user wrote, beside report.html.',
    });
    const { results } = await archive.api.importPaths({ paths: [dir] });
    const byName = (suffix: string) => results.filter((r) => r.path.endsWith(suffix));
    expect(byName('idlib.mhtml')[0]).toMatchObject({ status: 'imported' });
    expect(byName('page_files')).toEqual([expect.objectContaining({ status: 'skipped', error: expect.objectContaining({ code: 'unsupported', message: expect.stringMatching(/browser saved with page\.html/) }) })]);
    expect(byName('Bericht-Dateien')).toEqual([expect.objectContaining({ status: 'skipped', error: expect.objectContaining({ message: expect.stringMatching(/Bericht\.htm/) }) })]);
    expect(results.filter((r) => /_files|Dateien/.test(r.path) && r.status !== 'skipped')).toEqual([]);
    expect(byName('draft one.txt')[0]).toMatchObject({ status: 'imported' });
    const found = await archive.api.search({ query: '"خريطة المعارك"' });
    expect(found.total).toBeGreaterThanOrEqual(1);
    await archive.close();
  });
});
