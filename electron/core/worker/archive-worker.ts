// The archive running in a worker thread, so the app's window and the web server never wait on SQLite.
import { parentPort, workerData } from 'node:worker_threads';
import { isMethodName } from '../../shared/contract.js';
import { ArchiveError, toErrorShape } from '../../shared/errors.js';
import { openArchive, type ArchiveSession } from '../archive.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('archive-worker must run in a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const init = workerData as WorkerInit;

let session: ArchiveSession;
try {
  session = await openArchive({ dir: init.dir, onEvent: (event) => post({ type: 'event', event }) });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', error: toErrorShape(error) });
  process.exit(1);
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'changed') return; // the writer made the change itself
  if (message.type === 'warm') return void post({ type: 'warmed' }); // only readers are sent it; the writer's vocabulary stays lazy
  if (message.type === 'close') {
    await session.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  try {
    if (!isMethodName(message.method)) throw new ArchiveError('invalid-argument', `unknown method ${String(message.method)}`);
    const method = session.api[message.method] as (args: unknown) => Promise<unknown>;
    post({ type: 'result', id: message.id, ok: true, value: await method(message.args) });
  } catch (error) {
    post({ type: 'result', id: message.id, ok: false, error: toErrorShape(error) });
  }
});
