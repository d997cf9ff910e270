// Exported file names: safe on Windows, macOS and Linux and in Obsidian links, Arabic kept, capped, unique.
import { expect, it } from 'vitest';
import { safeExtension, safeStem, uniqueNames } from '../../../electron/core/export/file-names.js';

it('keeps Arabic and plain words, replaces what file systems and wikilinks cannot hold', () => {
  expect(safeStem('تقرير عن إدلب: الحصيلة؟')).toBe('تقرير عن إدلب الحصيلة؟');
  expect(safeStem('a/b\\c<d>e"f|g?h*i#j^k[l]m\u0000n')).toBe('a b c d e f g h i j k l m n');
  expect(safeStem('  ..hidden. ')).toBe('hidden');
  expect(safeStem('\u200fمرحبا\u200e')).toBe('مرحبا');
  expect(safeStem('')).toBe('untitled');
  expect(safeStem('///')).toBe('untitled');
  expect(safeStem('CON')).toBe('_CON');
  expect(safeStem('lpt1.txt')).toBe('_lpt1.txt');
  expect(safeStem('e\u0301t\u00e9')).toBe('\u00e9t\u00e9'); // NFC, as macOS and the others agree on
});

it('caps names at 150 UTF-8 bytes without cutting a character', () => {
  const long = safeStem('ب'.repeat(500));
  expect(Buffer.byteLength(long)).toBeLessThanOrEqual(150);
  expect(long).toBe('ب'.repeat(75));
  expect(Buffer.byteLength(safeStem('😀'.repeat(100)))).toBe(148);
});

it('hands out unique names, case-insensitively', () => {
  const next = uniqueNames();
  expect([next('Report', '.md'), next('report', '.md'), next('REPORT', '.md'), next('Other', '.md')]).toEqual(['Report.md', 'report (2).md', 'REPORT (3).md', 'Other.md']);
  expect(safeExtension('/a/b/file.HTML')).toBe('.html');
  expect(safeExtension('noext')).toBe('');
  expect(safeExtension(null)).toBe('');
});
