/** Stable error codes: the UI and the CLI branch on these, never on messages. */
export const errorCodes = [
  'invalid-argument', // a caller passed something the contract does not accept
  'not-found', // no item, note or tag with that id/name
  'unsupported', // file type Khizana cannot import
  'unreadable', // the file could not be read from disk
  'empty', // the file holds no text at all
  'corrupt', // the file (or the archive's database) is damaged or not what it should be
  'encrypted', // password-protected document
  'too-large', // over a size limit (file, decompressed archive, text)
  'timeout', // a parser took too long
  'no-text', // a document without a text layer
  'cancelled', // the user cancelled the operation
  'archive-unavailable', // the archive folder or database cannot be opened
  'disk-full', // no space left on the archive's disk: nothing more can be written
  'read-only', // the archive is opened read-only (read-only folder, mount or another user's): no writes
  'busy', // another process held the archive's write lock for too long; try again
  'unauthorized', // web bridge: missing or wrong token
  'internal', // a bug: anything not expected
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** How an error crosses any boundary (IPC, worker, HTTP, CLI --json). */
export interface ErrorShape {
  code: ErrorCode;
  message: string;
}

/** An error with a stable code; thrown by the core, rebuilt on the other side of a transport. */
export class ArchiveError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ArchiveError';
    this.code = code;
  }
}

/** True when `value` is an ErrorCode. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Turns anything thrown into a `{code, message}` that can cross a boundary. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof ArchiveError) return { code: error.code, message: error.message };
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (isErrorCode(code) && typeof message === 'string') return { code, message };
    if (typeof message === 'string') return { code: 'internal', message };
  }
  return { code: 'internal', message: String(error) };
}

/** Rebuilds a thrown ArchiveError from its shape (client side of a transport). */
export function fromErrorShape(shape: ErrorShape): ArchiveError {
  return new ArchiveError(shape.code, shape.message);
}
