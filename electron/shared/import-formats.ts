// Which files Khizana imports (DESIGN §5). One table, read by the core's parser registry, the
// desktop file dialog and the browser's file picker, so all three offer the same files.

/** Each import format (the name stored with an item) and the extensions it is read from. */
export const importFormats = {
  txt: ['.txt', '.text'],
  md: ['.md', '.markdown'],
  html: ['.html', '.htm', '.xhtml'],
  pdf: ['.pdf'],
  docx: ['.docx'],
  odt: ['.odt'],
  epub: ['.epub'],
  eml: ['.eml'],
  mhtml: ['.mhtml', '.mht'],
  doc: ['.doc'],
  rtf: ['.rtf'],
  // Scans and photos of pages: their text comes from OCR (Arabic and English, offline).
  image: ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp'],
} as const satisfies Record<string, readonly `.${string}`[]>;

/** The name of an import format: txt, md, html, pdf … */
export type ImportFormat = keyof typeof importFormats;

const formatByExtension = new Map<string, ImportFormat>(
  Object.entries(importFormats).flatMap(([format, extensions]) => extensions.map((ext) => [ext, format as ImportFormat] as const)),
);

/** Every importable extension, lower case, with its dot. */
export const importExtensions: readonly string[] = [...formatByExtension.keys()];

/** The `accept` attribute of a file input that offers every importable file. */
export const importAccept = importExtensions.join(',');

/** The format a file is imported as, by its extension (any case); null when Khizana cannot import it. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot < fileName.lastIndexOf('/') || dot < fileName.lastIndexOf('\\')) return null;
  return formatByExtension.get(fileName.slice(dot).toLowerCase()) ?? null;
}
