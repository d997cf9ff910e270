// A reader thread: answers the archive's read-only methods (contract.ts methodAccess) on its own
// read-only connection, so a slow search holds up neither the writer nor the other readers.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { isMethodName, isReadMethod, parseArgs } from '../../shared/contract.js';
import { ArchiveError, toErrorShape } from '../../shared/errors.js';
import { readHandlers } from '../read-handlers.js';
import { createVocabulary } from '../search/vocabulary.js';
import type { Db } from '../storage/database.js';
import { openReadConnection } from '../storage/read-connection.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('reader-worker must run in a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const dir = path.resolve((workerData as WorkerInit).dir);

let db: Db;
try {
  db = openReadConnection(dir);
  // Searches read the index mostly through the OS's file cache: 8 MB of SQLite cache per reader
  // answers the query mix as fast as 32 MB did at 100,000 articles, for ~20 MiB less memory.
  db.pragma('cache_size = -8000');
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', error: toErrorShape(error) });
  process.exit(1);
}
const vocabulary = createVocabulary(db);
const handlers = readHandlers(db, vocabulary, dir);

port.on('message', async (message: ToWorker) => {
  if (message.type === 'changed') {
    vocabulary.invalidate();
    return;
  }
  if (message.type === 'warm') {
    // Between requests, slice by slice: searches meanwhile are answered (vocabulary.ts).
    await vocabulary.warm();
    post({ type: 'warmed' });
    return;
  }
  if (message.type === 'close') {
    db.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  try {
    const { method } = message;
    if (!isMethodName(method) || !isReadMethod(method)) throw new ArchiveError('invalid-argument', `${String(method)} is not a read-only method`);
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    post({ type: 'result', id: message.id, ok: true, value: await handler(parseArgs(method, message.args)) });
  } catch (error) {
    post({ type: 'result', id: message.id, ok: false, error: toErrorShape(error) });
  }
});
