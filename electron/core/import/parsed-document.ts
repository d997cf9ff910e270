// What every format parser returns. The importer turns it into an item; parsers never touch storage.
import type { SourceMetadata } from '../../shared/dto.js';
import type { PageHooks } from './page-hooks.js';

export interface ParsedDocument {
  /** Null when the format carries no title; the importer then uses the first line or file name. */
  title: string | null;
  /** Clean text for search and reading; paragraphs separated by blank lines ("\n\n"). */
  text: string;
  /** Sanitised HTML (see sanitize-html.ts) where the source had structure, else null. */
  html: string | null;
  /** Authors' names as the source states them, one per entry, in order. */
  authors: string[];
  /** The publication, site or publisher name the source states. */
  publication: string | null;
  /** The web address the source came from (http/https only), when it states one. */
  url: string | null;
  /** ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or full timestamp) when the source states one; never the import date. */
  publishedAt: string | null;
  /** Further facts the source states (publisher, ISBN, subject, e-mail headers …). */
  sourceMeta: SourceMetadata;
  /** BCP 47 language tag if the source states it (html lang, OPF, front matter), else null. */
  lang: string | null;
  /** Text encoding the bytes were decoded from (txt, html, eml), else null. */
  encoding: string | null;
  /** PDF page count, else null. */
  pages: number | null;
  /** For PDFs: offset in `text` where each page starts (pageStarts[0] === 0). */
  pageStarts: number[] | null;
  /** Tags the source itself carries (Markdown front matter). */
  tags: string[];
  /** Human-readable warnings shown with the item, e.g. "no text layer: only the title and notes are searchable". */
  warnings: string[];
  /**
   * Words indexed for search but never shown: other readings of words the source may have garbled
   * (a PDF's scrambled lam-alef ligatures). Null for almost every document.
   */
  hiddenSearchWords: string | null;
}

/** Limits a parser must respect; exceeding one throws ArchiveError('too-large' | 'timeout'). */
export interface ParseLimits {
  /** Largest input file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total decompressed size of a zip-based format (docx, odt, epub). */
  maxUnzippedBytes: number;
  /** Largest number of entries in a zip-based format. */
  maxZipEntries: number;
  /** Largest extracted text, in characters. */
  maxTextChars: number;
}

export const defaultParseLimits: ParseLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxUnzippedBytes: 500 * 1024 * 1024,
  maxZipEntries: 20_000,
  maxTextChars: 50_000_000,
};

export interface ParseContext {
  /** The file's path, for messages and extension sniffing only; parsers read `bytes`, never the disk. */
  path: string;
  limits: ParseLimits;
  /** OCR, page progress and the time limit of paged formats (PDF); see page-hooks.ts. */
  pages?: PageHooks;
}

/** A format parser: bytes in, document out; throws ArchiveError with one of these codes on bad input. */
export type Parser = (bytes: Uint8Array, ctx: ParseContext) => Promise<ParsedDocument>;

/** A ParsedDocument with every optional field empty: parsers spread their own fields over it. */
export function emptyDocument(): ParsedDocument {
  return {
    title: null,
    text: '',
    html: null,
    authors: [],
    publication: null,
    url: null,
    publishedAt: null,
    sourceMeta: {},
    lang: null,
    encoding: null,
    pages: null,
    pageStarts: null,
    tags: [],
    warnings: [],
    hiddenSearchWords: null,
  };
}
