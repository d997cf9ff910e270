// Small real PDFs with what a reader adds to a document, written at test time: AcroForm fields
// (text, list, checkbox) with their values, comment annotations (FreeText, sticky notes, a comment
// on a highlight) and a pure XFA form behind Adobe's "Please wait…" page. pdf.js reads them as
// it reads any PDF; the tests need no binary fixtures.

import { pdfFile } from './pdf-file.js';

/** A PDF text string: ASCII as a literal, anything else UTF-16BE with its byte-order mark, in hex. */
export function pdfString(text: string): string {
  if (/^[\x20-\x7E]*$/u.test(text)) return `(${text.replace(/[\\()]/gu, (c) => `\\${c}`)})`;
  return `<${Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** What a reader added to a page. */
export type PageAddition =
  | { kind: 'FreeText' | 'Text' | 'Highlight'; contents: string }
  | { kind: 'text-field'; name: string; value: string }
  | { kind: 'list'; name: string; options: Array<[exportValue: string, shown: string]>; value: string }
  | { kind: 'checkbox'; name: string; checked: boolean };

export interface FormPdfPage {
  /** Lines of the page's own text (Helvetica, ASCII). */
  lines: string[];
  additions?: PageAddition[];
  /** Content-stream operators drawn under the text (a filled rectangle standing for a scanned picture). */
  drawing?: string;
}

/** Adobe's placeholder page of a dynamic XFA form, word for word (lines broken to fit a Letter page). */
export const xfaPlaceholderLines = [
  'Please wait...',
  'If this message is not eventually replaced by the proper contents of the document, your PDF',
  'viewer may not be able to display this type of document.',
  'You can upgrade to the latest version of Adobe Reader for Windows, Mac, or Linux by',
  'visiting http://www.adobe.com/go/reader_download.',
  'For more assistance with Adobe Reader visit http://www.adobe.com/go/acrreader.',
  'Windows is either a registered trademark or a trademark of Microsoft Corporation in the United',
  'States and/or other countries. Mac is a trademark of Apple Inc., registered in the United States',
  'and other countries. Linux is the registered trademark of Linus Torvalds in the U.S. and other',
  'countries.',
];

/**
 * An XDP package for a one-page XFA form: a caption and a text field per entry of `fields`
 * (name → [caption, value]), and a list `Country` whose chosen entry is `country`.
 */
export function xfaPackage(fields: Record<string, [caption: string, value: string]>, country: string): string {
  const escape = (s: string): string => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  let y = 0;
  const rows = Object.entries(fields)
    .map(([name, [caption]]) => {
      y += 0.5;
      return (
        `<draw name="${name}Caption" x="0in" y="${y}in" w="3in" h="0.3in"><value><text>${escape(caption)}</text></value></draw>` +
        `<field name="${name}" x="3in" y="${y}in" w="4in" h="0.3in"><ui><textEdit/></ui></field>`
      );
    })
    .join('');
  const data = Object.entries(fields).map(([name, [, value]]) => `<${name}>${escape(value)}</${name}>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">` +
    `<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1" layout="tb" locale="en_US">` +
    `<pageSet><pageArea name="Page1" id="Page1"><contentArea x="0.25in" y="0.25in" w="8in" h="10.5in"/><medium stock="letter" short="8.5in" long="11in"/></pageArea></pageSet>` +
    `<subform name="page" w="8in" h="10in">${rows}` +
    `<field name="Country" x="3in" y="${y + 0.5}in" w="4in" h="0.3in"><ui><choiceList/></ui><items><text>Jordan</text><text>Syria</text><text>Turkey</text></items></field>` +
    `</subform></subform></template>` +
    `<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1><page>${data}<Country>${escape(country)}</Country></page></form1></xfa:data></xfa:datasets>` +
    `</xdp:xdp>`
  );
}

type FieldAddition = Extract<PageAddition, { name: string }>;

/** The field entries of a widget annotation that is its own field. */
function fieldEntries(a: FieldAddition): string {
  if (a.kind === 'text-field') return `/FT /Tx /T ${pdfString(a.name)} /V ${pdfString(a.value)}`;
  if (a.kind === 'list') {
    const options = a.options.map(([exported, shown]) => `[${pdfString(exported)} ${pdfString(shown)}]`).join(' ');
    return `/FT /Ch /Ff 131072 /T ${pdfString(a.name)} /Opt [${options}] /V ${pdfString(a.value)}`;
  }
  const state = a.checked ? 'Yes' : 'Off';
  return `/FT /Btn /T ${pdfString(a.name)} /V /${state} /AS /${state}`;
}

/**
 * A PDF of `pages` (Letter size, Helvetica), with each page's additions as annotations and
 * AcroForm fields; with `xfa` (an XDP package), a pure XFA form: the XFA stream in the AcroForm,
 * no fields, /NeedsRendering true, as Adobe LiveCycle Designer writes dynamic forms.
 */
export function formPdf(pages: FormPdfPage[], xfa?: string): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const fields: number[] = [];
  const pageRefs: number[] = [];
  for (const page of pages) {
    const pageObj = add('');
    const content = `${page.drawing ?? ''} BT /F1 11 Tf 14 TL 50 740 Td ${page.lines.map((l) => `${pdfString(l)} Tj T*`).join(' ')} ET`;
    const contentObj = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    const annots: number[] = [];
    let y = 400;
    for (const a of page.additions ?? []) {
      y -= 30;
      const rect = `/Rect [50 ${y} 300 ${y + 20}] /P ${pageObj} 0 R`;
      if ('contents' in a) {
        const extra = { FreeText: '/DA (/Helv 10 Tf 0 g)', Text: '/Name /Comment', Highlight: `/QuadPoints [50 ${y + 20} 300 ${y + 20} 50 ${y} 300 ${y}] /C [1 1 0]` }[a.kind];
        annots.push(add(`<< /Type /Annot /Subtype /${a.kind} ${rect} /Contents ${pdfString(a.contents)} ${extra} >>`));
        continue;
      }
      const id = add(`<< /Type /Annot /Subtype /Widget ${rect} ${fieldEntries(a)} /DA (/Helv 10 Tf 0 g) >>`);
      annots.push(id);
      fields.push(id);
    }
    objects[pageObj - 1] =
      `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contentObj} 0 R` +
      `${annots.length > 0 ? ` /Annots [${annots.map((n) => `${n} 0 R`).join(' ')}]` : ''} >>`;
    pageRefs.push(pageObj);
  }
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageRefs.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`;
  const xfaObj = xfa === undefined ? 0 : add(`<< /Length ${Buffer.byteLength(xfa, 'utf8')} >>\nstream\n${xfa}\nendstream`);
  const acroForm =
    fields.length > 0 || xfaObj > 0
      ? ` /AcroForm << /Fields [${fields.map((n) => `${n} 0 R`).join(' ')}]${xfaObj > 0 ? ` /XFA ${xfaObj} 0 R` : ''} /DA (/Helv 0 Tf 0 g) >>`
      : '';
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R${acroForm}${xfaObj > 0 ? ' /NeedsRendering true' : ''} >>`;

// The XFA stream is UTF-8 (its Arabic values); everything else is Latin-1.
  return pdfFile(objects.map((body, i) => (i + 1 === xfaObj ? Buffer.from(body, 'utf8') : body)), `/Root ${catalog} 0 R`);
}
