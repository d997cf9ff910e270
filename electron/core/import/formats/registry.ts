// Which parser handles which file extension. Parsers are loaded on first use (pdf.js and jsdom are heavy).
import type { Parser } from '../parsed-document.js';

export interface FormatEntry {
  /** Stable format name stored with the item: txt, md, html, pdf … */
  format: string;
  load: () => Promise<Parser>;
}

const txt: FormatEntry = { format: 'txt', load: async () => (await import('./txt.js')).parseTxt };
const md: FormatEntry = { format: 'md', load: async () => (await import('./markdown.js')).parseMarkdown };

const byExtension: Record<string, FormatEntry> = {
  '.txt': txt,
  '.text': txt,
  '.md': md,
  '.markdown': md,
};

/** The format entry for a file name, or null when Khizana cannot import it. */
export function formatForPath(filePath: string): FormatEntry | null {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0 || dot < filePath.lastIndexOf('/') || dot < filePath.lastIndexOf('\\')) return null;
  return byExtension[filePath.slice(dot).toLowerCase()] ?? null;
}

/** Every supported extension, for help texts and file dialogs. */
export function supportedExtensions(): string[] {
  return Object.keys(byExtension);
}
