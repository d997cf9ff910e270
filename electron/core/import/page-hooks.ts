// What a paged parser (PDF) is given besides bytes: an OCR engine for scanned pages, a page
// progress callback and a clock that says when the file's time is up (issue 13). All optional: a
// parser given none reads every page and leaves scans without text, as before.
import type { OcrEngine } from './ocr/ocr-text.js';

/** Where a paged parser is: pages read of the total, and how many of them went through OCR. */
export interface PageProgress {
  done: number;
  total: number;
  ocrPages: number;
}

export interface PageHooks {
  /** Reads scanned pages; absent, scanned pages keep the "no text layer" warning. */
  ocr?: OcrEngine;
  /** Told the page count first, then before each OCR page and after every page. */
  onPage?(progress: PageProgress): void;
  /** True once the file's time limit is used up: the parser stops and keeps the pages read so far. */
  outOfTime?(): boolean;
  /** Aborted when the import is cancelled: the parser stops between pages with `cancelled` (in-process parsing; the pool ends its worker instead). */
  signal?: AbortSignal;
}

/** How long one file may take: a base, plus an allowance per page and a larger one per OCR page. */
export interface PageTimeLimits {
  baseMs: number;
  perPageMs: number;
  perOcrPageMs: number;
}

/**
 * Defaults measured here (bench/README.md): pdf.js reads ~100 text pages/s, so 50 ms per page
 * leaves room for heavy pages; OCR takes ~5–10 s per page on one core, so 60 s per OCR page.
 */
export const defaultPageTimeLimits: PageTimeLimits = { baseMs: 120_000, perPageMs: 50, perOcrPageMs: 60_000 };

/** The time a file with `progress` pages (so far) is allowed, in ms. */
export function pageTimeLimitMs(limits: PageTimeLimits, progress: PageProgress | null): number {
  if (!progress) return limits.baseMs;
  return limits.baseMs + limits.perPageMs * progress.total + limits.perOcrPageMs * progress.ocrPages;
}

/** The warning of a document whose reading stopped at the time limit. */
export function outOfTimeWarning(read: number, total: number): string {
  return `only the first ${read} of ${total} pages were read: the time limit for this file ran out; the rest is not searchable (import the file again on a less busy machine, or split it)`;
}
