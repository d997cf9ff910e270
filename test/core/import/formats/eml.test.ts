import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseEml } from '../../../../electron/core/import/formats/eml.js';
import type { ParsedDocument } from '../../../../electron/core/import/parsed-document.js';
import { detectDirection } from '../../../../electron/core/text/language.js';
import { collapse, ctx, errorOf, parserHarness, pseudoRandomBytes, type LimitOverrides } from '../../../support/parser-harness.js';
import { fixturesDir as fixtures, sampleText } from '../../../support/shared.js';
import { quotedPrintable } from '../../../support/quoted-printable.js';

const harness = parserHarness('khizana-eml-');

/** Writes a message to a temp .eml file and parses it back from disk. */
const parseMessage = (name: string, message: string | Uint8Array, limits: LimitOverrides = {}): Promise<ParsedDocument> =>
  harness.parseBytes(parseEml, name, typeof message === 'string' ? Buffer.from(message, 'latin1') : message, limits);

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** An RFC 2047 encoded word in base64 for `text` in `charset`. */
function encodedWord(text: string, charset: string): string {
  return `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;
}

describe('parseEml on the fixture message', () => {
  it('reads the RFC 2047 subject, sender, date and the plain part', async () => {
    const file = path.join(fixtures, 'eml/zbateson-m2002-german-html.eml');
    const doc = await parseEml(new Uint8Array(fs.readFileSync(file)), ctx(file));
    expect(doc.title).toBe('Die Hasen und die Frösche');
    expect(collapse(doc.text)).toContain('Die Hasen klagten einst über ihre mißliche Lage');
    expect(doc.authors).toEqual(['Doug Sauder']);
    // The Date header's own offset is kept (Fri, 19 May 2000 00:29:55 -0400).
    expect(doc.publishedAt).toBe('2000-05-19T00:29:55-04:00');
    expect(doc.text.startsWith('From: Doug Sauder <dwsauder@example.com>\nTo: Heinz Müller <mueller@example.com>\n\n')).toBe(true);
    expect(doc.lang).toBe('de');
    expect(doc.encoding).toBe('windows-1252'); // declared iso-8859-1, which every decoder reads as windows-1252
    expect(doc.html).toMatch(/^<div dir="ltr" lang="de">/);
    expect(doc.html).toContain('mißliche Lage');
    expect(doc.text).not.toMatch(/\n{3,}|[ \t]\n/);
    expect(doc.warnings).toEqual([]);
    expect(doc.sourceMeta).toEqual({
      from: 'Doug Sauder <dwsauder@example.com>',
      to: ['Heinz Müller <mueller@example.com>'],
      messageId: '<4.2.0.58.20000519002557.00a88870@pop.example.com>',
    });
  });

  it('keeps From, To and Cc (group members listed) and the Message-ID as source facts; the sender is the author', async () => {
    const doc = await parseMessage('headers.eml', crlf(`From: "Lina Haddad" <lina@example.org>
To: Omar Khalil <omar@example.org>, desk@example.org
Cc: Editors: Sara Nasser <sara@example.org>, rami@example.org;, "Archive, Team" <archive@example.org>
Subject: Field notes
Date: Tue, 2 Jan 2024 09:15:00 +0200
Message-ID: <notes-42@mail.example.org>

The notes from the field.
`));
    expect(doc.authors).toEqual(['Lina Haddad']);
    expect(doc.publishedAt).toBe('2024-01-02T09:15:00+02:00');
    expect(doc.sourceMeta).toEqual({
      from: 'Lina Haddad <lina@example.org>',
      to: ['Omar Khalil <omar@example.org>', 'desk@example.org'],
      cc: ['Sara Nasser <sara@example.org>', 'rami@example.org', 'Archive, Team <archive@example.org>'],
      messageId: '<notes-42@mail.example.org>',
    });
  });

  it('a message without a Date header has no publication date (never the import time)', async () => {
    const doc = await parseMessage('undated.eml', crlf('From: a@example.org\nSubject: No date\n\nBody text.\n'));
    expect(doc.publishedAt).toBeNull();
    expect(doc.sourceMeta).toEqual({ from: 'a@example.org' });
  });
});

describe('parseEml on Arabic mail', () => {
  const arabic = sampleText().trim();
  const paragraphs = arabic.split(/\n+/).filter((p) => p.trim() !== '');
  const subject = 'كشفت فصائل عسكرية عن حصيلة خسائر قوات النظام في إدلب';

  it('reads a UTF-8 part that declares a legacy charset as UTF-8, and says the declaration was wrong', async () => {
    const utf8 = new TextEncoder().encode(paragraphs.join('\n\n'));
    const html = new TextEncoder().encode(`<p>${paragraphs[0]}</p><p>中文 内容</p>`);
    const message = crlf(`From: ahmad@example.com
Subject: relabelled
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset="windows-1256"
Content-Transfer-Encoding: quoted-printable

${quotedPrintable(utf8)}
--b1
Content-Type: text/html; charset=gb2312
Content-Transfer-Encoding: base64

${Buffer.from(html).toString('base64')}
--b1--
`);
    const doc = await parseMessage('relabelled.eml', message);
    for (const p of paragraphs) expect(doc.text).toContain(p.replace(/\s+/g, ' ').trim());
    expect(doc.encoding).toBe('utf-8');
    expect(doc.warnings).toEqual([
      'the text/plain part says windows-1256 but is utf-8; decoded as utf-8',
      'the text/html part says gb2312 but is utf-8; decoded as utf-8',
    ]);
    expect(doc.html).toContain('中文 内容');
  });

  it('decodes a windows-1256 base64 subject and a windows-1256 quoted-printable body', async () => {
    const body = iconv.encode(paragraphs.join('\n\n'), 'windows-1256');
    const message = crlf(`From: ${encodedWord('أحمد الحلبي', 'windows-1256')} <ahmad@example.com>
To: desk@example.com
Subject: ${encodedWord(subject, 'windows-1256')}
Date: Sun, 5 Apr 2020 10:00:00 +0300
MIME-Version: 1.0
Content-Type: text/plain; charset="windows-1256"
Content-Transfer-Encoding: quoted-printable

`) + quotedPrintable(body) + '\r\n';
    expect(message).not.toMatch(/[^\x00-\x7f]/); // the file on disk is pure ASCII
    const doc = await parseMessage('arabic.eml', message);
    expect(doc.title).toBe(subject);
    expect(doc.authors).toEqual(['أحمد الحلبي']);
    expect(doc.publishedAt).toBe('2020-04-05T10:00:00+03:00');
    expect(doc.sourceMeta).toEqual({ from: 'أحمد الحلبي <ahmad@example.com>', to: ['desk@example.com'] });
    for (const p of paragraphs) expect(collapse(doc.text)).toContain(collapse(p));
    expect(doc.text).toContain('مِن');
    expect(doc.encoding).toBe('windows-1256');
    expect(doc.lang).toBe('ar');
    expect(detectDirection(doc.text)).toBe('rtl');
    expect(doc.html).toBeNull();
  });

  it('decodes a Q-encoded windows-1256 subject split over two encoded words', async () => {
    const q = (text: string) =>
      `=?windows-1256?Q?${Array.from(iconv.encode(text, 'windows-1256'), (b) => (b === 0x20 ? '_' : `=${b.toString(16).toUpperCase()}`)).join('')}?=`;
    const message = crlf(`From: ahmad@example.com
Subject: ${q('كشفت فصائل ')}
 ${q('عسكرية')}
Content-Type: text/plain; charset=utf-8

body
`);
    const doc = await parseMessage('arabic-q.eml', message);
    expect(doc.title).toBe('كشفت فصائل عسكرية');
  });
});

describe('parseEml on multipart mail', () => {
  const pdf = Buffer.from('%PDF-1.4\n% a tiny stand-in for a report\n%%EOF\n');
  const arabicName = 'تقرير إدلب.txt';

  it('lists attachments by name, type and size at the end of the text', async () => {
    const message = crlf(`From: "Field Office" <field@example.com>
To: a@example.com, "B. Person" <b@example.com>
Cc: c@example.com
Subject: Weekly report
Date: Mon, 6 Apr 2020 08:30:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

The weekly report is attached.
--b1
Content-Type: application/pdf; name="report.pdf"
Content-Disposition: attachment; filename="report.pdf"
Content-Transfer-Encoding: base64

${pdf.toString('base64')}
--b1
Content-Type: text/plain; charset=utf-8
Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(arabicName)}
Content-Transfer-Encoding: base64

${Buffer.from('ملاحظات', 'utf8').toString('base64')}
--b1--
`);
    const doc = await parseMessage('attachment.eml', message);
    expect(doc.title).toBe('Weekly report');
    expect(doc.authors).toEqual(['Field Office']);
    expect(doc.text).toBe(
      [
        'From: Field Office <field@example.com>\nTo: a@example.com, B. Person <b@example.com>\nCc: c@example.com',
        'The weekly report is attached.',
        `Attachments:\n- report.pdf (application/pdf, ${pdf.length} B)\n- ${arabicName} (text/plain, ${Buffer.byteLength('ملاحظات')} B)`,
      ].join('\n\n'),
    );
    expect(doc.warnings).toEqual([]);
    expect(doc.encoding).toBe('utf-8');
    expect(doc.lang).toBe('en');
  });

  it('uses the HTML part when the plain part is only a "view in HTML" stub', async () => {
    const article = 'The ceasefire held through the night according to local sources. '.repeat(10);
    const message = crlf(`From: news@example.com
Subject: Newsletter
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=us-ascii

View this message in HTML.
--alt
Content-Type: text/html; charset=utf-8

<html><body><h1>Newsletter</h1><p>${article}</p></body></html>
--alt--
`);
    const doc = await parseMessage('stub.eml', message);
    expect(doc.text).toContain('The ceasefire held through the night');
    expect(doc.text).not.toContain('View this message in HTML');
    expect(doc.encoding).toBe('utf-8');
  });

  it('sanitises an HTML-only message and keeps script and style out of the text', async () => {
    const message = crlf(`From: "Mallory" <m@example.com>
Subject: =?utf-8?B?${Buffer.from('Hostile – HTML', 'utf8').toString('base64')}?=
Date: not a date at all
Content-Language: en
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><head><style>p { color: red; background: url(http://evil.example/bg.png) }</style><title>ignored</title>
<script>alert('wrong')</script></head>
<body onload="alert(1)"><p onclick="alert(2)">Visible paragraph one.</p>
<script>document.write('super wrong')</script>
<p>Second <a href="javascript:alert(3)">link</a> and <img src="http://evil.example/pixel.gif" alt="tracker"> image.</p>
<iframe src="http://evil.example/"></iframe><svg><script>alert(4)</script></svg><noscript>enable scripts</noscript>
</body></html>
`);
    const doc = await parseMessage('html-only.eml', message);
    expect(doc.title).toBe('Hostile – HTML');
    expect(doc.text).toBe('From: Mallory <m@example.com>\n\nVisible paragraph one.\n\nSecond link and [tracker] image.');
    expect(doc.publishedAt).toBeNull();
    expect(doc.lang).toBe('en');
    expect(doc.html).not.toBeNull();
    expect(doc.html).not.toMatch(/<script|<iframe|<svg|<style|\son\w+=|javascript:|src="http|evil\.example\/bg|alert/i);
    expect(doc.html).toContain('Visible paragraph one.');
  });

  it('does not mistake a .txt attachment for the plain body of an HTML message', async () => {
    const message = crlf(`From: a@example.com
Subject: Notes
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: text/html; charset=utf-8

<html><head><style>p { color: red }</style></head><body><p>The HTML body.</p><script>alert(1)</script></body></html>
--mix
Content-Type: text/plain; charset=utf-8; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

attached notes
--mix--
`);
    const doc = await parseMessage('txt-attachment.eml', message);
    expect(doc.text).toBe('From: a@example.com\n\nThe HTML body.\n\nAttachments:\n- notes.txt (text/plain, 15 B)');
    expect(doc.encoding).toBe('utf-8');
  });

  it('drops an absurdly nested HTML part with a warning and keeps the plain part', async () => {
    const message = crlf(`From: a@example.com
Subject: Deep
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

Plain words.
--alt
Content-Type: text/html; charset=utf-8

${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}
--alt--
`);
    const doc = await parseMessage('deep.eml', message);
    expect(doc.text).toContain('Plain words.');
    expect(doc.html).toBeNull();
    expect(doc.warnings.join(' ')).toMatch(/HTML part was left out/);
  });

  it('accepts an mbox "From " line and shortens long recipient lists', async () => {
    const recipients = Array.from({ length: 25 }, (_, i) => `r${i}@example.com`).join(', ');
    const message = crlf(`From sender@example.com Mon Apr  6 08:30:00 2020
From: sender@example.com
To: ${recipients}
Subject: Many

Hello all.
`);
    const doc = await parseMessage('mbox.eml', message);
    expect(doc.title).toBe('Many');
    expect(doc.text).toContain('r19@example.com and 5 more');
    expect(doc.text).not.toContain('r20@example.com');
    expect(doc.text).toContain('Hello all.');
  });
});

describe('parseEml on bad input', () => {
  it('rejects an empty file as empty', async () => {
    expect((await errorOf(parseMessage('empty.eml', ''))).code).toBe('empty');
    expect((await errorOf(parseMessage('blank.eml', '\r\n\r\n  \r\n'))).code).toBe('empty');
  });

  it('rejects a message with headers but no subject, body or attachment as empty', async () => {
    expect((await errorOf(parseMessage('headers-only.eml', crlf('From: a@example.com\nTo: b@example.com\n\n'))))).toMatchObject({ code: 'empty' });
  });

  it('rejects a PNG renamed to .eml as corrupt, naming what it is', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const error = await errorOf(parseMessage('image.eml', png));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/PNG image/);
  });

  it('rejects random bytes as corrupt', async () => {
    const random = pseudoRandomBytes(8192, 7);
    const error = await errorOf(parseMessage('random.eml', random));
    expect(error.code).toBe('corrupt');
  });

  it('rejects plain prose that is not a message as corrupt', async () => {
    const error = await errorOf(parseMessage('prose.eml', 'Dear diary,\n\ntoday nothing happened.\n'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/mail headers/);
  });

  it('rejects a message over maxFileBytes as too-large', async () => {
    const message = crlf(`From: a@example.com\nSubject: big\n\n${'word '.repeat(500)}\n`);
    expect((await errorOf(parseMessage('big.eml', message, { maxFileBytes: 1000 }))).code).toBe('too-large');
  });
});
