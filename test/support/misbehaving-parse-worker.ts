// A parser worker that misbehaves on request, to prove the pool's limits: the file name says how.
import { parentPort } from 'node:worker_threads';
import { emptyDocument } from '../../electron/core/import/parsed-document.js';
import { prepareDocument } from '../../electron/core/import/prepare-document.js';
import type { ParseRequest, ParseResponse } from '../../electron/core/import/parse-pool.js';

parentPort!.on('message', (request: ParseRequest) => {
  const started = Date.now();
  if (request.path.includes('hang')) {
    for (;;) {
      // a parser stuck in a loop
    }
  }
  if (request.path.includes('oom')) {
    const hog: string[][] = [];
    for (;;) hog.push(new Array(1_000_000).fill('x'));
  }
  if (request.path.includes('crash')) process.exit(3);
  // 'slow': a parse that takes 50 ms (a long HTML page, a DOCX), against ~1 ms for a small text.
  if (request.path.includes('slow')) {
    const until = Date.now() + 50;
    while (Date.now() < until) {
      // parsing
    }
  }
  // 'stamp': the title says when the worker parsed the file (to see whether files wait for the pool).
  const text = request.path.includes('stamp') ? String(Date.now()) : new TextDecoder().decode(request.bytes);
  const prepared = prepareDocument({ ...emptyDocument(), text }, request.path);
  parentPort!.postMessage({ id: request.id, ok: true, prepared, parseMs: Date.now() - started } satisfies ParseResponse);
});
