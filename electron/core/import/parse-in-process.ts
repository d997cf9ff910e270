// Parses a file in this thread: used by tests and as the fallback when no worker pool is running.
import type { FileJob } from './collect-files.js';
import type { ParsedDocument, ParseLimits } from './parsed-document.js';

/** Loads the file's parser and runs it on the bytes. */
export async function parseInProcess(job: FileJob, bytes: Uint8Array, limits: ParseLimits): Promise<ParsedDocument> {
  const parser = await job.format.load();
  return parser(bytes, { path: job.path, limits });
}
