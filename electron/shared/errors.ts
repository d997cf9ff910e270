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

const maxMessageLength = 1000;

/**
 * `text` as one line: its first non-blank line (what libraries put after it is a stack, a
 * position or advice to report a bug to them), whitespace collapsed, at most 1,000 characters.
 */
export function oneLine(text: string): string {
  const first = text.split(/\r?\n/u).find((line) => line.trim() !== '') ?? '';
  const line = first.replace(/\s+/gu, ' ').trim();
  return line.length > maxMessageLength ? `${line.slice(0, maxMessageLength - 1)}…` : line;
}

/** Errors of the disk, the file system or the database, by the code the system gives them: what happened, what to do. */
const environmentErrors: Array<{ test: RegExp; code: ErrorCode; what: string; todo: string }> = [
  { test: /^(SQLITE_FULL|ENOSPC|EDQUOT)$/, code: 'disk-full', what: 'the disk is full', todo: 'free some space, then try again' },
  { test: /^(SQLITE_READONLY(_\w+)?|EROFS)$/, code: 'read-only', what: 'the archive cannot be written here (a read-only folder or disk)', todo: 'open it where you can write' },
  { test: /^(SQLITE_BUSY(_\w+)?|SQLITE_LOCKED(_\w+)?)$/, code: 'busy', what: 'another program kept the archive busy too long', todo: 'try again' },
  { test: /^(SQLITE_CORRUPT(_\w+)?|SQLITE_NOTADB)$/, code: 'corrupt', what: 'the archive database is damaged', todo: 'restore it from a backup' },
];

/**
 * Turns anything thrown into a `{code, message}` that can cross a boundary: one line, and an
 * environment error (disk full, read-only, busy, damaged database) under its own code, not `internal`.
 */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof ArchiveError) return { code: error.code, message: oneLine(error.message) };
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = oneLine(typeof message === 'string' ? message : String(error));
    if (isErrorCode(code)) return { code, message: text };
    const environment = typeof code === 'string' ? environmentErrors.find((e) => e.test.test(code)) : undefined;
    if (environment) return { code: environment.code, message: `${environment.what} (${text}): ${environment.todo}` };
    return { code: 'internal', message: text };
  }
  return { code: 'internal', message: oneLine(String(error)) };
}

/** Rebuilds a thrown ArchiveError from its shape (client side of a transport). */
export function fromErrorShape(shape: ErrorShape): ArchiveError {
  return new ArchiveError(shape.code, shape.message);
}
