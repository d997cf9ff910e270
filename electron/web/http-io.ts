// Small helpers for answering HTTP requests the same way everywhere in the web bridge.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
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
  // Thrown only while reading a request body that stopped arriving (parser time-outs are
  // per-file results inside a 200 import report).
  timeout: 408,
  'too-large': 413,
  'archive-unavailable': 503,
  // A method that throws `corrupt` found the ARCHIVE damaged (a damaged imported file is a
  // per-file result inside a 200 report): the server's state, not the request's content, so not
  // 422; and not a bug, so not 500. 503 as for an archive that cannot be opened: nothing the
  // client can retry its way out of; the code in the body tells the person to restore a backup.
  corrupt: 503,
  'disk-full': 507,
  'read-only': 403,
  busy: 503,
  internal: 500,
};

/** HTTP status for an error code: the client branches on the code in the body, not on this. */
export function statusFor(code: ErrorCode): number {
  // Other per-file import problems (encrypted, unsupported …) thrown for a request are its content.
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

/**
 * Makes the answer to `req` close the connection: a request body that was not read (an upload
 * without the token, a body over the limit) is never read just to be thrown away.
 */
export function closeAfterAnswer(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

/**
 * Answers 408 and closes the connection when `req`'s body stops arriving for `ms`: a stalled or
 * very slow client must not hold a request (and its half-written upload) open for ever. The
 * watch ends with the body, so a long answer (an import) is not cut.
 */
export function watchBodyArrival(req: IncomingMessage, res: ServerResponse, ms: number): void {
  if (ms <= 0 || req.complete) return;
  req.setTimeout(ms, () => {
    if (req.complete) return;
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    closeAfterAnswer(res);
    sendError(res, { code: 'timeout', message: `the request body stopped arriving (nothing for ${Math.round(ms / 1000)} s): send it again` });
  });
  req.once('end', () => req.socket?.setTimeout(0));
}

/**
 * A request body of at most `limit` bytes, whole. One over it is refused (`tooLarge`) by its
 * Content-Length before it is read, or as soon as it passes the limit; the request is left paused,
 * not destroyed, so that the server can still answer 413 (then it closes the connection).
 */
export function readBody(body: Readable & { headers?: IncomingMessage['headers'] }, limit: number, tooLarge: () => ArchiveError): Promise<Buffer> {
  if (Number(body.headers?.['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      body.off('data', take);
      body.off('end', end);
      body.off('error', fail);
      body.off('close', cut);
    };
    const take = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      body.pause();
      reject(tooLarge());
    };
    const end = (): void => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const fail = (error: Error): void => {
      stop();
      reject(error);
    };
    const cut = (): void => fail(new Error('the request body was cut off'));
    body.on('data', take);
    body.once('end', end);
    body.once('error', fail);
    body.once('close', cut);
  });
}

/** Reads a JSON request body of at most `limit` bytes; an empty body is `{}`. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  // Requiring JSON also means a cross-site form can never reach the API without a CORS preflight.
  if (type !== 'application/json') {
    throw new ArchiveError('invalid-argument', 'the request body must be application/json');
  }
  const text = (await readBody(req, limit, () => new ArchiveError('too-large', `the request body is over ${limit} bytes`))).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ArchiveError('invalid-argument', 'the request body is not valid JSON');
  }
}
