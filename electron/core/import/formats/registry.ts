// Which parser handles which format; which extensions each format has is electron/shared's table.
// Parsers are loaded on first use (pdf.js and jsdom are heavy).
import { importFormatOf, type ImportFormat } from '../../../shared/import-formats.js';
import type { Parser } from '../parsed-document.js';

export interface FormatEntry {
  /** Stable format name stored with the item: txt, md, html, pdf … */
  format: string;
  load: () => Promise<Parser>;
}

const txt: FormatEntry = { format: 'txt', load: async () => (await import('./txt.js')).parseTxt };
const md: FormatEntry = { format: 'md', load: async () => (await import('./markdown.js')).parseMarkdown };

const html: FormatEntry = { format: 'html', load: async () => (await import('./html.js')).parseHtml };
const pdf: FormatEntry = { format: 'pdf', load: async () => (await import('./pdf.js')).parsePdf };
const docx: FormatEntry = { format: 'docx', load: async () => (await import('./docx.js')).parseDocx };
const odt: FormatEntry = { format: 'odt', load: async () => (await import('./odt.js')).parseOdt };
const epub: FormatEntry = { format: 'epub', load: async () => (await import('./epub.js')).parseEpub };
const eml: FormatEntry = { format: 'eml', load: async () => (await import('./eml.js')).parseEml };
const doc: FormatEntry = { format: 'doc', load: async () => (await import('./doc.js')).parseDoc };
const rtf: FormatEntry = { format: 'rtf', load: async () => (await import('./rtf.js')).parseRtf };
const mhtml: FormatEntry = { format: 'mhtml', load: async () => (await import('./mhtml.js')).parseMhtml };
const image: FormatEntry = { format: 'image', load: async () => (await import('./image.js')).parseImage };

const parsers: Record<ImportFormat, FormatEntry> = { txt, md, html, pdf, docx, odt, epub, eml, mhtml, doc, rtf, image };

/** The format entry for a file name, or null when Khizana cannot import it. */
export function formatForPath(filePath: string): FormatEntry | null {
  const format = importFormatOf(filePath);
  return format === null ? null : parsers[format];
}
