// Serves the built UI (dist/renderer) on app://khizana/. Files are read by the main process, so
// the renderer never gets file:// access, and every response carries the CSP.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { OriginalFile } from '../core/original-file.js';
import { contentSecurityPolicy } from '../shared/content-security-policy.js';
import { ArchiveError, toErrorShape } from '../shared/errors.js';
import { mimeTypeFor } from '../shared/mime-types.js';
import { originalDownloadHeaders, originalIdFromPath } from '../shared/original-download.js';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-origin.js';

/**
 * The file under `root` that an app:// URL names, or null when the URL is not the app's, or would
 * escape `root` (`..`, encoded separators, NUL).
 */
export function resolveAppFile(url: string, root: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  return file.startsWith(base + path.sep) ? file : null;
}

function response(status: number, body: ConstructorParameters<typeof Response>[0], contentType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** What the handler needs beyond the built UI: an item's archived original (core/original-file.ts). */
export interface AppProtocolOptions {
  original?(id: number): Promise<OriginalFile>;
}

/** app://khizana/api/original/<id>: the item's original, as the web bridge sends it (the page view reads PDFs here). */
async function originalResponse(pathname: string, options: AppProtocolOptions, method: string | undefined): Promise<Response> {
  const id = originalIdFromPath(pathname);
  try {
    if (id === null) throw new ArchiveError('invalid-argument', 'an original is asked for as /api/original/<item id>');
    if (!options.original) throw new ArchiveError('not-found', 'originals are not served here');
    const original = await options.original(id);
    const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(original.file)) as ReadableStream<Uint8Array>);
    return new Response(body, { status: 200, headers: originalDownloadHeaders(original.source, id, original.size) });
  } catch (error) {
    const shape = toErrorShape(error);
    const status = shape.code === 'not-found' ? 404 : shape.code === 'invalid-argument' ? 400 : 500;
    return response(status, JSON.stringify({ error: shape }), 'application/json; charset=utf-8');
  }
}

/**
 * A `protocol.handle` handler serving files from `root`; extension-less paths fall back to
 * index.html; /api/original/<id> is an item's original.
 */
export function appProtocolHandler(root: string, options: AppProtocolOptions = {}): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return response(405, 'method not allowed', 'text/plain; charset=utf-8');
    }
    const parsed = parseUrl(request.url);
    if (parsed?.host === APP_HOST && parsed.pathname.startsWith('/api/original/')) return originalResponse(parsed.pathname, options, request.method);
    let file = resolveAppFile(request.url, root);
    if (!file) return response(404, 'not found', 'text/plain; charset=utf-8');
    if (!(await isFile(file))) {
      // Client-side routes (no extension) get the app shell; missing assets are a plain 404.
      if (path.extname(file) !== '') return response(404, 'not found', 'text/plain; charset=utf-8');
      file = path.join(path.resolve(root), 'index.html');
    }
    try {
      return response(200, await readFile(file), mimeTypeFor(file));
    } catch {
      return response(404, 'not found', 'text/plain; charset=utf-8');
    }
  };
}
