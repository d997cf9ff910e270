// Builds small PDFs at test time whose text layer we control glyph by glyph: one simple font
// (Helvetica, not embedded) whose ToUnicode CMap maps each one-byte code to any string, as PDF
// writers do (a ligature glyph to two letters, a space glyph to a control character), and whose
// /Widths give every glyph's advance. Content is drawn as the test writes it, in visual order.

import { pdfFile } from './pdf-file.js';

/** One text-showing run: codes drawn from (x, y) at `size`; numbers in `tj` are TJ adjustments. */
export interface TinyRun {
  x: number;
  y: number;
  size?: number;
  /** Codes (a string of one-byte characters) and TJ adjustments in thousandths of an em. */
  tj: Array<string | number>;
}

export interface TinyPdfOptions {
  /** What each code means: code → its Unicode text (ToUnicode). */
  toUnicode: Record<number, string>;
  /** Advance of each code in thousandths of an em (default 500). */
  widths?: Record<number, number>;
  runs: TinyRun[];
  width?: number;
  height?: number;
}

const hex = (s: string): string => [...s].map((ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('');
const utf16 = (s: string): string => [...s].map((ch) => {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x10000) return cp.toString(16).padStart(4, '0');
  const v = cp - 0x10000;
  return ((v >> 10) + 0xd800).toString(16) + ((v & 0x3ff) + 0xdc00).toString(16);
}).join('');

/** A one-page PDF, as bytes. */
export function tinyPdf(options: TinyPdfOptions): Uint8Array {
  const entries = Object.entries(options.toUnicode);
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    `${entries.length} beginbfchar`,
    ...entries.map(([code, text]) => `<${Number(code).toString(16).padStart(2, '0')}> <${utf16(text)}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const widths = Array.from({ length: 256 }, (_, code) => options.widths?.[code] ?? 500).join(' ');
  const content = options.runs
    .map((r) => `BT /F1 ${r.size ?? 12} Tf ${r.x} ${r.y} Td [${r.tj.map((p) => (typeof p === 'number' ? String(p) : `<${hex(p)}>`)).join(' ')}] TJ ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${options.width ?? 400} ${options.height ?? 200}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [${widths}] /ToUnicode 6 0 R >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
  ];
return pdfFile(objects, '/Root 1 0 R', '%PDF-1.4\n');
}

/**
 * Codes for a string of Unicode "glyphs", assigned in order of first use (from 0x21): each glyph
 * is one code whose ToUnicode is the glyph's text (several letters for a ligature).
 */
export function glyphCodes(glyphs: string[], toUnicode: Record<number, string> = {}): { codes: string; toUnicode: Record<number, string> } {
  const byText = new Map(Object.entries(toUnicode).map(([c, t]) => [t, Number(c)]));
  let next = Math.max(0x20, ...byText.values()) + 1;
  let codes = '';
  for (const g of glyphs) {
    let code = byText.get(g);
    if (code === undefined) {
      code = next++;
      byText.set(g, code);
      toUnicode[code] = g;
    }
    codes += String.fromCharCode(code);
  }
  return { codes, toUnicode };
}
