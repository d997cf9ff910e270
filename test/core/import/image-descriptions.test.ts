// Image alt text and Office image descriptions are searchable, where the reader shows them (issue 13).
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { freshArchive, writeFiles } from '../../support/archive.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** An inline picture as Word writes it: wp:docPr carries the description (descr) and title. */
function picture(docPr: string): string {
  return (
    `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/>` +
    `<wp:docPr id="1" name="Picture 1" ${docPr}/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

function docx(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Default Extension="png" ContentType="image/png"/>` +
        `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${rels}"><Relationship Id="rId9" Type="${R}/image" Target="media/image1.png"/></Relationships>`),
    'word/media/image1.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`),
  });
}

const odfNs =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"';

function odt(text: string): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${odfNs}><office:body><office:text>${text}</office:text></office:body></office:document-content>`),
  });
}

const filler = '<p>تقدمت فصائل المعارضة السورية المسلحة في ريف إدلب الجنوبي بعد معارك عنيفة مع قوات النظام، وسيطرت على عدة قرى وبلدات في المنطقة خلال الأيام الماضية، بحسب ما أفاد به مراسلون محليون ومصادر ميدانية متطابقة.</p>';

describe('image descriptions are searchable', () => {
  it('HTML alt, docx descr and title, odt svg:title and svg:desc: found by search, marked in the snippet where the image stands', async () => {
    const archive = await freshArchive();
    const page = `<html lang="ar"><head><meta charset="utf-8"><title>صور من إدلب</title></head><body><article><h1>صور من إدلب</h1>${filler}<figure><img src="img/bridge.jpg" alt="جسر الشغور المدمر"><figcaption>الصورة الأولى</figcaption></figure>${filler}</article></body></html>`;
    const dir = writeFiles({
      'page.html': page,
      'described.docx': docx(`<w:p><w:r><w:t>Before the picture.</w:t></w:r></w:p><w:p>${picture('descr="a flooded orchard near Idlib" title="Orchard"')}</w:p><w:p><w:r><w:t>After it.</w:t></w:r></w:p>`),
      'titled.docx': docx(`<w:p><w:r><w:t>Only a titled picture:</w:t></w:r>${picture('descr="" title="mountain checkpoint"')}</w:p>`),
      'framed.odt': odt(`<text:p>A drawing:<draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/a.png"/><svg:title>harbour cranes</svg:title><svg:desc>cranes at dusk in Latakia</svg:desc></draw:frame> ends here.</text:p>`),
    });
    const results = (await archive.api.importPaths({ paths: [dir] })).results;
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    const idOf = (name: string): number => results.find((r) => r.path.endsWith(name))!.id!;

    for (const [query, file, shown] of [
      ['"جسر الشغور"', 'page.html', 'جسر الشغور'],
      ['"flooded orchard"', 'described.docx', 'flooded orchard'],
      ['"mountain checkpoint"', 'titled.docx', 'mountain checkpoint'],
      ['"harbour cranes"', 'framed.odt', 'harbour cranes'],
      ['"cranes at dusk"', 'framed.odt', 'cranes at dusk'],
    ] as const) {
      const found = await archive.api.search({ query });
      expect(found.hits.map((h) => h.id), query).toEqual([idOf(file)]);
      const hit = found.hits[0]!;
      // The snippet's marks cover exactly the words of the description.
      expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e)), query).toContain(shown);
    }

    // In the text the description stands where the image was, as the reader shows it: "[…]".
    const html = await archive.api.getItem({ id: idOf('page.html') });
    expect(html.text).toContain('[جسر الشغور المدمر]');
    expect(html.html).toContain('[جسر الشغور المدمر]</span>');
    const described = await archive.api.getItem({ id: idOf('described.docx') });
    expect(described.text).toBe('Before the picture.\n\n[Orchard: a flooded orchard near Idlib]\n\nAfter it.'); // title and description
    const framed = await archive.api.getItem({ id: idOf('framed.odt') });
    expect(framed.text).toBe('A drawing:[harbour cranes: cranes at dusk in Latakia] ends here.');
    await archive.close();
  });
});
