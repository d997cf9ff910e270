// One table (electron/shared/import-formats.ts) decides what the core parses, what the desktop
// file dialog offers and what the browser's file picker accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatForPath } from '../../electron/core/import/formats/registry.js';
import { importDialogOptions } from '../../electron/main/menu.js';
import { importAccept, importExtensions, importFormatOf, importFormats } from '../../electron/shared/import-formats.js';

describe('import formats', () => {
  it('map each extension, in any case, to its format; anything else to null', () => {
    expect(importFormatOf('/a/b.TEXT')).toBe('txt');
    expect(importFormatOf('C:\\a\\page.xhtml')).toBe('html');
    expect(importFormatOf('a.DOC')).toBe('doc');
    expect(importFormatOf('saved.MHT')).toBe('mhtml');
    for (const name of ['a.xls', 'a', 'dir.txt/file', 'dir.md\\file', 'a.txt.bak']) expect(importFormatOf(name), name).toBeNull();
    expect(importExtensions).toEqual(Object.values(importFormats).flat());
    expect(new Set(importExtensions).size).toBe(importExtensions.length);
  });

  it('are what the core’s parser registry reads', () => {
    for (const [format, extensions] of Object.entries(importFormats)) {
      for (const ext of extensions) {
        expect(formatForPath(`/in/file${ext}`)?.format, ext).toBe(format);
        expect(formatForPath(`/in/FILE${ext.toUpperCase()}`)?.format, ext).toBe(format);
      }
    }
    expect(formatForPath('/in/file.xls')).toBeNull();
  });

  it('are what the desktop file dialog offers', () => {
    expect(importDialogOptions(false).filters?.[0]?.extensions).toEqual(importExtensions.map((ext) => ext.slice(1)));
  });

  it('are what the browser’s file picker accepts', () => {
    expect(importAccept.split(',')).toEqual(importExtensions);
    const picker = readFileSync(new URL('../../renderer/src/components/import/ImportSources.tsx', import.meta.url), 'utf8');
    expect(picker).toContain('accept={importAccept}');
    expect(picker).not.toMatch(/['"`,]\.(txt|md|html?|pdf|docx|odt|epub|eml)\b/); // no list of its own
  });
});
