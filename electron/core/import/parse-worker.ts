// A parser worker thread: parses one file at a time, so a parser that hangs, throws or runs out
// of memory on a hostile file fails that file only (the pool replaces the worker).
import { parentPort } from 'node:worker_threads';
import { ArchiveError, toErrorShape } from '../../shared/errors.js';
import { formatForPath } from './formats/registry.js';
import { createLazyOcrEngine } from './ocr/ocr-text.js';
import { pageTimeLimitMs, type PageProgress } from './page-hooks.js';
import { parseInProcess } from './parse-in-process.js';
import type { ParseRequest, ParseResponse } from './parse-pool.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

// One OCR engine per parser thread, started on the first scan; it ends with the thread.
const ocr = createLazyOcrEngine();

// The pool posts several files ahead; they are parsed one after the other, never side by side.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: ParseRequest) => {
  queue = queue.then(() => parseOne(request));
});

async function parseOne(request: ParseRequest): Promise<void> {
  let response: ParseResponse;
  const started = Date.now();
  let pages: PageProgress | null = null;
  try {
    const format = formatForPath(request.path);
    if (!format) throw new ArchiveError('unsupported', `Khizana cannot import ${request.path}`);
    const hooks = {
      ocr,
      onPage: (progress: PageProgress) => {
        pages = progress;
        port.postMessage({ id: request.id, progress });
      },
      // The pool's hard limit is this plus a grace for finishing: the pages read so far are kept.
      outOfTime: () => Date.now() - started > pageTimeLimitMs(request.time, pages),
    };
    response = { id: request.id, ok: true, prepared: await parseInProcess({ path: request.path, format }, request.bytes, request.limits, hooks) };
  } catch (error) {
    response = { id: request.id, ok: false, error: toErrorShape(error) };
  }
  // How long the parse took here, for the pool's choice of how many workers to run.
  port.postMessage({ ...response, parseMs: Date.now() - started });
}
