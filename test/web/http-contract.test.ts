// The contract suite over HTTP: the browser's client against the real bridge and a real archive.
import path from 'node:path';
import { describe } from 'vitest';
import { openArchiveInWorker } from '../../electron/core/worker/worker-client.js';
import type { ArchiveApi } from '../../electron/shared/contract.js';
import { createEventHub } from '../../electron/web/event-hub.js';
import { startWebServer } from '../../electron/web/server.js';
import { createHttpArchiveApi } from '../../renderer/src/api/http-client.js';
import { contractSuite } from '../support/contract-suite.js';
import { tempDir } from '../support/paths.js';
import { listenEvents, makeStaticDir, waitFor } from './helpers.js';

describe('HTTP transport (web bridge + browser client)', () => {
  contractSuite(async (onEvent) => {
    const hub = createEventHub();
    const session = await openArchiveInWorker({ dir: path.join(tempDir(), 'a'), onEvent: (e) => hub.publish(e) });
    const server = await startWebServer({ session, staticDir: makeStaticDir().staticDir, events: hub });
    const stream = listenEvents(`http://127.0.0.1:${server.port}/api/events?token=${server.token}`);
    await stream.ready;
    let forwarded = 0;
    const pump = setInterval(() => {
      while (forwarded < stream.events.length) onEvent(stream.events[forwarded++]!);
    }, 5);
    const http = createHttpArchiveApi(server.token, `http://127.0.0.1:${server.port}`);
    // Events travel on their own connection: let the last progress event of a job arrive
    // before its report is handed back, as the in-process transports guarantee.
    const api: ArchiveApi = {
      ...http,
      async importPaths(args) {
        const report = await http.importPaths(args);
        const seen = (): boolean => stream.events.slice(0, forwarded).some((e) => e.type === 'importProgress' && e.progress.jobId === report.jobId && e.progress.filesDone === e.progress.filesTotal);
        if (report.cancelled) await new Promise((r) => setTimeout(r, 50)); // a cancelled job never reaches the total
        else await waitFor(seen);
        return report;
      },
    };
    return {
      api,
      async close() {
        clearInterval(pump);
        stream.stop();
        await server.close();
        await session.close();
      },
    };
  });
});
