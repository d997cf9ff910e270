// A parser worker thread: parses one file at a time, so a parser that hangs, throws or runs out
// of memory on a hostile file fails that file only (the pool replaces the worker).
import { parentPort } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors.js';
import { formatForPath } from './formats/registry.js';
import { parseInProcess } from './parse-in-process.js';
import type { ParseRequest, ParseResponse } from './parse-pool.js';
import { ArchiveError } from '../../shared/errors.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

// The pool posts several files ahead; they are parsed one after the other, never side by side.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: ParseRequest) => {
  queue = queue.then(() => parseOne(request));
});

async function parseOne(request: ParseRequest): Promise<void> {
  let response: ParseResponse;
  try {
    const format = formatForPath(request.path);
    if (!format) throw new ArchiveError('unsupported', `Khizana cannot import ${request.path}`);
    response = { id: request.id, ok: true, prepared: await parseInProcess({ path: request.path, format }, request.bytes, request.limits) };
  } catch (error) {
    response = { id: request.id, ok: false, error: toErrorShape(error) };
  }
  port.postMessage(response);
}
