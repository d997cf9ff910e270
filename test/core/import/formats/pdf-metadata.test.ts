// A PDF's document info and XMP packet: title, authors, subject, keywords and creation date are
// kept where a person wrote them and dropped where a tool filled them in.
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../../electron/core/import/formats/pdf.js';
import { parserHarness } from '../../../support/parser-harness.js';
import { pdfFile } from '../../../support/pdf-file.js';

const harness = parserHarness('khizana-pdf-meta-');

/** A PDF text string: UTF-16BE with its byte-order mark, in hex, so any script survives. */
function pdfString(text: string): string {
  const hex = Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex').toUpperCase();
  return `<${hex}>`;
}

/**
 * A one-page PDF showing "Report text", with an info dictionary (values written as given: PDF
 * strings or dates) and, when given, an XMP packet: a real file for pdf.js to read.
 */
function pdfWith(info: Record<string, string>, xmp?: string): Uint8Array {
  const content = 'BT /F1 12 Tf 20 50 Td (Report text for the metadata test) Tj ET';
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R${xmp ? ' /Metadata 6 0 R' : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(xmp ?? '')} >>\nstream\n${xmp ?? ''}\nendstream`,
    `<< ${Object.entries(info).map(([key, value]) => `/${key} ${value}`).join(' ')} >>`,
  ];
return pdfFile(objects.map((body) => Buffer.from(body, 'utf8')), '/Root 1 0 R /Info 7 0 R', '%PDF-1.6\n');
}

const xmpPacket = (rdf: string): string =>
  `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">${rdf}</rdf:Description>` +
  `</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

describe('PDF document info', () => {
  it('keeps title, authors (a list), subject, keywords and creation date with its offset', async () => {
    const doc = await harness.parseBytes(
      parsePdf,
      'a.pdf',
      pdfWith({
        Title: pdfString('Humanitarian access in Idlib'),
        Author: pdfString('Jane Doe; John Smith'),
        Subject: pdfString('Aid deliveries across the border, 2015'),
        Keywords: pdfString('Syria, Idlib; aid'),
        CreationDate: "(D:20150724053609+01'00')",
        Producer: pdfString('Microsoft® Word 2013'),
      }),
    );
    expect(doc.title).toBe('Humanitarian access in Idlib');
    expect(doc.authors).toEqual(['Jane Doe', 'John Smith']);
    expect(doc.publishedAt).toBe('2015-07-24T05:36:09+01:00');
    expect(doc.sourceMeta).toEqual({ subject: 'Aid deliveries across the border, 2015', keywords: ['Syria', 'Idlib', 'aid'] });
  });

  it('drops what tools fill in: "Microsoft Word - x.doc", account names, the 1970 epoch, an untitled subject', async () => {
    const doc = await harness.parseBytes(
      parsePdf,
      'b.pdf',
      pdfWith({
        Title: pdfString('Microsoft Word - report_final.doc'),
        Author: pdfString('Administrator'),
        Subject: pdfString('Untitled'),
        CreationDate: '(D:19700101000000Z)',
      }),
    );
    expect(doc.title).toBeNull(); // the page has no larger heading line either
    expect(doc.authors).toEqual([]);
    expect(doc.publishedAt).toBeNull();
    expect(doc.sourceMeta).toEqual({});
  });

  it("drops a title that is the file's own name, and an impossible date", async () => {
    const doc = await harness.parseBytes(parsePdf, 'report-2015_final.pdf', pdfWith({ Title: pdfString('report-2015_final'), CreationDate: '(D:20150230120000Z)' }));
    expect(doc.title).toBeNull();
    expect(doc.publishedAt).toBeNull();
  });

  it('prefers the XMP packet: dc:creator as a list of names, dc:title, dc:subject as keywords, xmp:CreateDate', async () => {
    const xmp = xmpPacket(
      '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">تقرير عن إدلب</rdf:li></rdf:Alt></dc:title>' +
        '<dc:creator><rdf:Seq><rdf:li>أحمد علي</rdf:li><rdf:li>Smith, John</rdf:li></rdf:Seq></dc:creator>' +
        '<dc:subject><rdf:Bag><rdf:li>إدلب</rdf:li><rdf:li>aid</rdf:li></rdf:Bag></dc:subject>' +
        '<xmp:CreateDate>2019-12-29T10:00:00+03:00</xmp:CreateDate>',
    );
    const doc = await harness.parseBytes(parsePdf, 'c.pdf', pdfWith({ Author: pdfString('someone') }, xmp));
    expect(doc.title).toBe('تقرير عن إدلب');
    expect(doc.authors).toEqual(['أحمد علي', 'Smith, John']);
    expect(doc.publishedAt).toBe('2019-12-29T10:00:00+03:00');
    expect(doc.sourceMeta).toEqual({ keywords: ['إدلب', 'aid'] });
  });
});
