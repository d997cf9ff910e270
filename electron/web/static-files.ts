// Serves the built UI (dist/renderer) and nothing else: no listing, no way out of the folder.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { mimeTypeFor } from '../shared/mime-types.js';
import { sendError } from './http-io.js';

/** Resolves a URL path to a file inside `root`, or null when it would leave `root` or is malformed. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : null;
}

/** Answers a GET/HEAD for a static file of `root` (an absolute, real path). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, { code: 'invalid-argument', message: 'method not allowed' }, 405);
    return;
  }
  const file = resolveStaticPath(root, urlPath);
  if (file === null) {
    sendError(res, { code: 'not-found', message: 'not found' });
    return;
  }
  let real: string;
  try {
    // A symlink inside the folder must not lead out of it either.
    real = await realpath(file);
    if (!real.startsWith(root + path.sep) || !(await stat(real)).isFile()) throw new Error('outside');
  } catch {
    sendError(res, { code: 'not-found', message: 'not found' });
    return;
  }
  const size = (await stat(real)).size;
  res.statusCode = 200;
  res.setHeader('Content-Type', mimeTypeFor(real));
  res.setHeader('Content-Length', size);
  // Vite puts a content hash in every asset name; index.html must always be fresh.
  res.setHeader('Cache-Control', real.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-store');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // pipeline closes the file when the client goes away mid-download; nothing to report then.
  await pipeline(createReadStream(real), res).catch(() => res.destroy());
}
