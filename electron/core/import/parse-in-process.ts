// Parses a file in this thread: used by tests and where no worker pool is wanted.
import type { FileJob } from './collect-files.js';
import type { ParseLimits } from './parsed-document.js';
import { prepareDocument, type PreparedDocument } from './prepare-document.js';

/** Loads the file's parser, runs it on the bytes and prepares the result for storing. */
export async function parseInProcess(job: Pick<FileJob, 'path' | 'format'>, bytes: Uint8Array, limits: ParseLimits): Promise<PreparedDocument> {
  const parser = await job.format.load();
  return prepareDocument(await parser(bytes, { path: job.path, limits }), job.path);
}
