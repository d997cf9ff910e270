// Parses a file in this thread: used by tests and where no worker pool is wanted.
import type { FileJob } from './collect-files.js';
import { createLazyOcrEngine } from './ocr/ocr-text.js';
import type { PageHooks } from './page-hooks.js';
import type { ParseLimits } from './parsed-document.js';
import { prepareDocument, type PreparedDocument } from './prepare-document.js';

/**
 * Loads the file's parser, runs it on the bytes and prepares the result for storing. Without an
 * OCR engine in `hooks`, one is made for this file (started only if it has a scan) and closed after.
 */
export async function parseInProcess(job: Pick<FileJob, 'path' | 'format'>, bytes: Uint8Array, limits: ParseLimits, hooks: PageHooks = {}): Promise<PreparedDocument> {
  const parser = await job.format.load();
  const ocr = hooks.ocr ?? createLazyOcrEngine();
  try {
    return prepareDocument(await parser(bytes, { path: job.path, limits, pages: { ...hooks, ocr } }), job.path);
  } finally {
    if (!hooks.ocr) await ocr.close();
  }
}
