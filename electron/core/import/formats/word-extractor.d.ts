// Types for the parts of word-extractor 1.0.4 (no typings of its own) that doc.ts uses.
declare module 'word-extractor/lib/word-ole-extractor.js' {
  import type { Buffer } from 'node:buffer';
  /** One extracted Word document's text ranges. */
  export interface WordDocument {
    getBody(options?: { filterUnicode?: boolean }): string;
    getFootnotes(options?: { filterUnicode?: boolean }): string;
    getEndnotes(options?: { filterUnicode?: boolean }): string;
    getTextboxes(options?: { includeHeadersAndFooters?: boolean; includeBody?: boolean }): string;
  }
  /** Reads the Word Binary File Format from an OLE compound file. */
  export default class WordOleExtractor {
    extract(reader: unknown): Promise<WordDocument>;
    extractWordDocument(document: unknown, buffer: Buffer): Promise<WordDocument>;
  }
}
declare module 'word-extractor/lib/buffer-reader.js' {
  import type { Buffer } from 'node:buffer';
  /** word-extractor's reader over bytes in memory. */
  export default class BufferReader {
    constructor(buffer: Buffer);
    open(): Promise<unknown>;
    close(): Promise<unknown>;
  }
}
