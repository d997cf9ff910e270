// `khizana serve`: the same UI in a browser, on 127.0.0.1 only, behind a per-run token (DESIGN §6).
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { isMethodName, parseArgs, type ArchiveApi } from '../shared/contract.js';
import type { ArchiveEvent } from '../shared/dto.js';
import { ArchiveError, toErrorShape } from '../shared/errors.js';
import { originalDownloadHeaders, originalIdFromPath } from '../shared/original-download.js';
import { locateOriginal } from '../core/original-file.js';
import { sweepStaleUploads, uploadsDir } from '../core/storage/original-files.js';
import { bearerToken, hostAllowed, newToken, originAllowed, tokensMatch } from './auth.js';
import { createEventHub, streamEvents, type EventHub } from './event-hub.js';
import { closeAfterAnswer, readJsonBody, sendError, sendJson, setSecurityHeaders, watchBodyArrival } from './http-io.js';
import { pipeline } from 'node:stream/promises';
import { serveStatic } from './static-files.js';
import { createUploadStore, type UploadLimits } from './uploads.js';

/** What the server needs of an open archive (an `ArchiveSession` from the core fits). */
export interface ServedSession {
  api: ArchiveApi;
  /** The archive folder; needed to hand out originals (`GET /api/original/<id>`). */
  dir?: string;
}

export interface WebServerOptions {
  session: ServedSession;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** The built UI, normally dist/renderer. */
  staticDir: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** Where archive events come from; `publish` on the returned server feeds it too. */
  events?: EventHub;
  /** JSON body limit for API calls. */
  bodyLimit?: number;
  /** How long a request body may stop arriving before the request is answered 408 (default 60 s). */
  bodyTimeoutMs?: number;
  uploadLimits?: Partial<UploadLimits>;
}

export interface WebServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  /** Forwards an archive event to every connected browser. */
  publish(event: ArchiveEvent): void;
  close(): Promise<void>;
}

const defaultBodyLimit = 10 * 1024 * 1024;
const defaultBodyTimeoutMs = 60_000;

/** Starts the web bridge on 127.0.0.1 and resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const staticDir = await realpath(options.staticDir).catch(() => {
    throw new ArchiveError('archive-unavailable', `the built UI is missing at ${options.staticDir} (run the build first)`);
  });
  // Uploads a crashed serve left in the temp folder (never those of one still running); those in
  // the archive's upload area went when the archive was opened (core/archive.ts).
  const uploadsRoot = options.session.dir === undefined ? undefined : uploadsDir(options.session.dir);
  await sweepStaleUploads(os.tmpdir());
  const token = options.token ?? newToken();
  const hub = options.events ?? createEventHub();
  const uploads = createUploadStore(options.uploadLimits, uploadsRoot);
  const bodyLimit = options.bodyLimit ?? defaultBodyLimit;
  const streams = new Set<() => void>();
  const api = options.session.api;
  let port = 0;

  // Progress events of uploaded files should name what the user dropped, not our temp folder.
  const rewrite = (event: ArchiveEvent): ArchiveEvent => {
    if (event.type !== 'importProgress') return event;
    const p = event.progress;
    return {
      ...event,
      progress: {
        ...p,
        currentFile: p.currentFile === null ? null : uploads.displayPath(p.currentFile),
        ...(p.last ? { last: { ...p.last, path: uploads.displayPath(p.last.path) } } : {}),
        ...(p.pages ? { pages: { ...p.pages, file: uploads.displayPath(p.pages.file) } } : {}),
      },
    };
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const route = url.pathname.slice('/api/'.length);
    if (route === 'events') {
      // EventSource cannot send headers, so this one route takes the token from the query.
      if (!tokensMatch(url.searchParams.get('token'), token)) throw new ArchiveError('unauthorized', 'missing or wrong token');
      if (req.method !== 'GET') throw new ArchiveError('invalid-argument', 'events are read with GET');
      const close = streamEvents(res, hub, rewrite);
      streams.add(close);
      res.on('close', () => streams.delete(close));
      return;
    }
    if (!tokensMatch(bearerToken(req), token)) throw new ArchiveError('unauthorized', 'missing or wrong token');
    if (!originAllowed(req, port)) {
      sendError(res, { code: 'unauthorized', message: 'cross-origin request refused' }, 403);
      return;
    }
    if (route.startsWith('original/')) {
      await sendOriginal(req, res, originalIdFromPath(url.pathname));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, { code: 'invalid-argument', message: 'API calls use POST' }, 405);
      return;
    }
    watchBodyArrival(req, res, options.bodyTimeoutMs ?? defaultBodyTimeoutMs);
    if (route.startsWith('upload/')) {
      await handleUpload(req, res, route.slice('upload/'.length));
      return;
    }
    if (!isMethodName(route)) throw new ArchiveError('not-found', `no method ${JSON.stringify(route.slice(0, 100))}`);
    const args = parseArgs(route, await readJsonBody(req, bodyLimit));
    const call = api[route] as (args: unknown) => Promise<unknown>;
    sendJson(res, 200, await call(args));
  };

  // An item's archived original, always as a download (see originalDownloadHeaders).
  const sendOriginal = async (req: IncomingMessage, res: ServerResponse, id: number | null): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendError(res, { code: 'invalid-argument', message: 'an original is read with GET' }, 405);
      return;
    }
    if (id === null) throw new ArchiveError('invalid-argument', 'an original is asked for as /api/original/<item id>');
    const dir = options.session.dir;
    if (dir === undefined) throw new ArchiveError('archive-unavailable', 'this server was started without an archive folder, so it has no originals');
    const original = await locateOriginal({ api, archiveDir: dir, id });
    res.statusCode = 200;
    for (const [name, value] of Object.entries(originalDownloadHeaders(original.source, id, original.size))) res.setHeader(name, value);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // pipeline closes the file when the client goes away mid-download; nothing to report then.
    await pipeline(createReadStream(original.file), res).catch(() => res.destroy());
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, step: string): Promise<void> => {
    if (step === 'begin') {
      const batch = await uploads.begin(api);
      // The parser workers start while the files stream in, so the commit does not wait for them.
      void api.prepareImport({}).catch(() => undefined);
      sendJson(res, 200, { batch });
    } else if (step === 'file') {
      const batch = header(req, 'x-upload-batch');
      const name = decodeName(header(req, 'x-file-name'));
      sendJson(res, 200, await uploads.receive(batch, name, req));
    } else if (step === 'files') {
      // Several small files in one body (shared/upload-pack.ts).
      sendJson(res, 200, await uploads.receivePack(header(req, 'x-upload-batch'), req));
    } else if (step === 'commit') {
      const body = ((await readJsonBody(req, bodyLimit)) ?? {}) as { batch?: unknown; jobId?: unknown; tags?: unknown };
      if (typeof body !== 'object' || typeof body.batch !== 'string') throw new ArchiveError('invalid-argument', 'commit needs a batch');
      const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
      const jobId = typeof body.jobId === 'string' ? body.jobId : undefined;
      sendJson(res, 200, await uploads.commit(body.batch, api, { tags, ...(jobId ? { jobId } : {}) }));
    } else if (step === 'abort') {
      const body = ((await readJsonBody(req, bodyLimit)) ?? {}) as { batch?: unknown };
      if (typeof body === 'object' && typeof body.batch === 'string') await uploads.abort(body.batch);
      sendJson(res, 200, { aborted: true });
    } else {
      throw new ArchiveError('not-found', 'no such upload step');
    }
  };

  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    // DNS rebinding: a hostile page whose name resolves to 127.0.0.1 still sends its own Host.
    if (!hostAllowed(req, port)) {
      sendError(res, { code: 'unauthorized', message: 'wrong Host header' }, 421);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      sendError(res, { code: 'invalid-argument', message: 'bad URL' });
      return;
    }
    const work = url.pathname.startsWith('/api/') || url.pathname === '/api'
      ? handleApi(req, res, url)
      : serveStatic(req, res, staticDir, url.pathname);
    work.catch((error: unknown) => {
      // Answered already (a 408), or the client went away mid-upload or mid-answer: there is
      // nobody to tell, and a disconnect is not worth a line on the terminal.
      if (res.headersSent || res.destroyed || !req.socket || req.socket.destroyed) {
        res.destroy();
        return;
      }
      const shape = toErrorShape(error);
      if (shape.code === 'internal') console.error('khizana serve:', error);
      if (!req.complete) closeAfterAnswer(res);
      sendError(res, shape);
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // uploads and big imports may take long

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    publish: (event) => hub.publish(event),
    async close() {
      for (const close of [...streams]) close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await uploads.closeAll();
    },
  };
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  if (typeof value !== 'string' || value === '') throw new ArchiveError('invalid-argument', `missing ${name} header`);
  return value;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ArchiveError('invalid-argument', 'x-file-name must be percent-encoded');
  }
}
