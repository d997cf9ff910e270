// How pdf.ts assembles a line from pdf.js text items: spaces on right-to-left lines, brackets,
// control characters used as spaces, fake bold. PDFs are real: made here with tiny-pdf.ts (each
// glyph's Unicode and advance chosen) or committed small, made by Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../../electron/core/import/formats/pdf.js';
import { mirrorReversedBrackets } from '../../../../electron/core/import/formats/pdf-bidi.js';
import { ctx } from '../../../support/parser-harness.js';
import { repoRoot } from '../../../support/paths.js';
import { glyphCodes, tinyPdf, type TinyRun } from '../../../support/tiny-pdf.js';

const reversed = (s: string): string[] => [...s].reverse();

/** Right-to-left words drawn as separate runs from left to right, `gap` points apart, with a space run between. */
function rtlWordsPdf(words: string[], spaceWidth: number): Uint8Array {
  let toUnicode: Record<number, string> = { 0x20: ' ' };
  const runs: TinyRun[] = [];
  let x = 20;
  for (const word of [...words].reverse()) {
    if (runs.length > 0) {
      runs.push({ x, y: 100, tj: [' '] });
      x += (spaceWidth * 12) / 1000;
    }
    const made = glyphCodes(reversed(word), toUnicode);
    toUnicode = made.toUnicode;
    runs.push({ x, y: 100, tj: [made.codes] });
    x += made.codes.length * 6; // 500/1000 em at 12 pt
  }
  return tinyPdf({ toUnicode, widths: { 0x20: spaceWidth }, runs });
}

describe('spaces on right-to-left lines', () => {
  it('keeps a narrow space item between two right-to-left words (تيار المحبة)', async () => {
    const doc = await parsePdf(rtlWordsPdf(['تيار', 'المحبة', 'في', 'إدلب'], 60), ctx('narrow.pdf'));
    expect(doc.text).toBe('تيار المحبة في إدلب');
  });

  it('adds no space inside a word drawn in pieces', async () => {
    // One word in two runs that touch, no space item between: still one word.
    const a = glyphCodes(reversed('محبة'), { 0x20: ' ' });
    const b = glyphCodes(reversed('ال'), a.toUnicode);
    const pdf = tinyPdf({ toUnicode: b.toUnicode, runs: [{ x: 20, y: 100, tj: [a.codes] }, { x: 44, y: 100, tj: [b.codes] }] });
    expect((await parsePdf(pdf, ctx('pieces.pdf'))).text).toBe('المحبة');
  });
});

describe('brackets on right-to-left lines', () => {
  it('mirrors brackets and guillemets that a writer mapped by their shape (Chromium, Noto Naskh Arabic)', async () => {
    // Made by headless Chromium 156 (playwright-core page.pdf()) from
    // <p dir="rtl" style="font-family:'Noto Naskh Arabic'">قصف على (إدلب) و«حلب» [1]</p>.
    const file = path.join(repoRoot, 'test/fixtures/pdf/brackets-ar-chromium.pdf');
    const doc = await parsePdf(new Uint8Array(fs.readFileSync(file)), ctx(file));
    expect(doc.text).toBe('قصف على (إدلب) و«حلب» [1]');
  });

  it('mirrors only pairs read closing-before-opening, never Latin ones', () => {
    expect(mirrorReversedBrackets('قصف على )إدلب( و»حلب« ]1[')).toBe('قصف على (إدلب) و«حلب» [1]');
    expect(mirrorReversedBrackets('قصف على (إدلب) و«حلب» [1]')).toBe('قصف على (إدلب) و«حلب» [1]');
    expect(mirrorReversedBrackets('(a) b )c(')).toBe('(a) b )c(');
    expect(mirrorReversedBrackets('عام Idlib) 2020 (')).toBe('عام Idlib) 2020 (');
    expect(mirrorReversedBrackets('قال: (أ) ثم )ب(')).toBe('قال: (أ) ثم (ب)');
  });

  it('takes linear time on a hostile line of 200,000 brackets', () => {
    const started = performance.now();
    const line = mirrorReversedBrackets('ا' + ')'.repeat(100_000) + 'ب' + '('.repeat(100_000));
    expect(line.slice(0, 3)).toBe('ا((');
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

/** A PDF of one line drawn glyph by glyph, each glyph drawn twice `offset` em apart (fake bold) or once. */
function boldPdf(glyphs: string[], offset: number | null): Uint8Array {
  const { codes, toUnicode } = glyphCodes(glyphs, { 0x20: ' ' });
  // Advances: a space 250, a combining mark (shadda) 0, any other glyph 500 thousandths of an em.
  const widths: Record<number, number> = { 0x20: 250 };
  for (const [code, text] of Object.entries(toUnicode)) if (/^\p{M}$/u.test(text)) widths[Number(code)] = 0;
  const tj: Array<string | number> = [];
  for (const code of codes) {
    const advance = widths[code.charCodeAt(0)] ?? 500;
    tj.push(...(offset === null ? [code] : [code, advance - offset * 1000, code]));
  }
  return tinyPdf({ toUnicode, widths, runs: [{ x: 20, y: 100, tj }] });
}

describe('fake bold', () => {
  it('reads each glyph drawn twice, slightly apart, once (SSeettttiinngg)', async () => {
    for (const offset of [0, 0.02, 0.05]) {
      expect((await parsePdf(boldPdf([...'Setting the scene'], offset), ctx('bold.pdf'))).text).toBe('Setting the scene');
    }
  });

  it('reads fake-bold Arabic once and keeps real double letters', async () => {
    // Drawn in visual order (reversed). pdf.js moves a zero-width mark drawn twice before a
    // space, so the bold line here has no mark; the plain one checks مدّ and الأمم.
    expect((await parsePdf(boldPdf([...'قصف على مدينة إدلب'].reverse(), 0.03), ctx('bold-ar.pdf'))).text).toBe('قصف على مدينة إدلب');
    expect((await parsePdf(boldPdf([...'مدّ الأمم'].reverse(), null), ctx('ar.pdf'))).text).toBe('مدّ الأمم');
    expect((await parsePdf(boldPdf([...'Setting 1100 aabb'], null), ctx('plain.pdf'))).text).toBe('Setting 1100 aabb');
  });
});

describe('control characters in place of glyphs', () => {
  it('reads glyph-id control codes as spaces, punctuation and digits, and warns', async () => {
    // The writer maps each glyph of the ASCII range below "=" to its glyph id (space → U+0003,
    // quotesingle → U+000A, digits → U+0013–U+001C), as fonts in the standard glyph order have them.
    const text = "perceived enjoyment d'investimento 2024, p. 17-19";
    const toUnicode: Record<number, string> = {};
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      toUnicode[code] = String.fromCharCode(code >= 0x20 && code < 0x3d ? code - 29 : code);
    }
    const doc = await parsePdf(tinyPdf({ toUnicode, widths: { 0x20: 250, 0x27: 190 }, runs: [{ x: 10, y: 100, tj: [text] }] }), ctx('controls.pdf'));
    // pdf.js itself turns U+000A into a space: the apostrophe is lost, the words stay apart.
    expect(doc.text).toBe('perceived enjoyment d investimento 2024, p. 17-19');
    expect(doc.warnings.join('\n')).toMatch(/no proper Unicode/u);
  });
});
