// Serves the built UI (dist/renderer) on app://khizana/. Files are read by the main process, so
// the renderer never gets file:// access, and every response carries the CSP.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../shared/content-security-policy.js';
import { mimeTypeFor } from '../shared/mime-types.js';
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

/** A `protocol.handle` handler serving files from `root`; extension-less paths fall back to index.html. */
export function appProtocolHandler(root: string): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return response(405, 'method not allowed', 'text/plain; charset=utf-8');
    }
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
