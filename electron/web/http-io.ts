// Small helpers for answering HTTP requests the same way everywhere in the web bridge.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../shared/content-security-policy.js';
import { ArchiveError, type ErrorCode, type ErrorShape } from '../shared/errors.js';

/** Headers sent with every response, API or static. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
}

const statusOfCode: Partial<Record<ErrorCode, number>> = {
  'invalid-argument': 400,
  unauthorized: 401,
  'not-found': 404,
  'too-large': 413,
  'archive-unavailable': 503,
  'disk-full': 507,
  'read-only': 403,
  busy: 503,
  internal: 500,
};

/** HTTP status for an error code: the client branches on the code in the body, not on this. */
export function statusFor(code: ErrorCode): number {
  // Per-file import problems (corrupt, encrypted …) are the request's content, not a server bug.
  return statusOfCode[code] ?? 422;
}

/** Sends `value` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Sends `{error: {code, message}}`, with `status` or the one the code implies. */
export function sendError(res: ServerResponse, error: ErrorShape, status = statusFor(error.code)): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error });
}

/** Reads a JSON request body of at most `limit` bytes; an empty body is `{}`. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  // Requiring JSON also means a cross-site form can never reach the API without a CORS preflight.
  if (type !== 'application/json') {
    throw new ArchiveError('invalid-argument', 'the request body must be application/json');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new ArchiveError('too-large', `the request body is over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ArchiveError('too-large', `the request body is over ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ArchiveError('invalid-argument', 'the request body is not valid JSON');
  }
}
