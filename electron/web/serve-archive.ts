// What `khizana serve` calls: opens the archive in a worker, routes its events to the browser,
// and serves the UI.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scheduleAutoBackups } from '../core/backup/auto-backup.js';
import { openArchiveInWorker } from '../core/worker/worker-client.js';
import { createEventHub } from './event-hub.js';
import { startWebServer, type WebServer } from './server.js';

export interface ServeArchiveOptions {
  /** The archive directory. */
  dir: string;
  port?: number;
  token?: string;
  /** The built UI; found next to the compiled code or in the project's dist/ when omitted. */
  staticDir?: string;
  /** Run the core in a worker thread (default true, as in the app). */
  inWorker?: boolean;
}

export interface ServedArchive extends WebServer {
  /** The archive directory being served. */
  dir: string;
}

/** Where the built UI is: dist/renderer beside dist/electron/web, or under the project root. */
export function defaultStaticDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../../renderer'), // compiled: dist/electron/web → dist/renderer
    path.resolve(here, '../../dist/renderer'), // from source: electron/web → dist/renderer
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

/** Opens the archive at `dir` and serves it; `close()` stops the server, then the archive. */
export async function serveArchive(options: ServeArchiveOptions): Promise<ServedArchive> {
  const hub = createEventHub();
  // The core is loaded here only to run in this thread: in a worker, this thread never loads it (issue 14).
  const open = options.inWorker === false ? (await import('./in-process-archive.js')).openArchive : openArchiveInWorker;
  const session = await open({ dir: options.dir, onEvent: (event) => hub.publish(event) });
  // Daily automatic backups, when turned on in the app's backup dialog (as in the desktop app).
  const stopBackups = scheduleAutoBackups(session.api, { log: (message) => console.log(`khizana serve: ${message}`) });
  try {
    const server = await startWebServer({
      session,
      staticDir: options.staticDir ?? defaultStaticDir(),
      events: hub,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
    });
    return {
      ...server,
      dir: session.dir,
      async close() {
        stopBackups();
        await server.close();
        await session.close();
      },
    };
  } catch (error) {
    stopBackups();
    await session.close();
    throw error;
  }
}
