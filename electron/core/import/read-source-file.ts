// Reads a file to import: regular files only, never blocking, never more than the size limit.
import fs from 'node:fs';
import { ArchiveError } from '../../shared/errors.js';

/** What a path that is not a regular file or folder is, in words ("a named pipe (FIFO)"), or null for a file or folder. */
export function describeSpecialFile(stat: fs.Stats): string | null {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFile() || stat.isDirectory()) return null;
  return 'not a regular file';
}

/** The per-file error for `what` (from describeSpecialFile): such a file has no end, or no content of its own. */
export function notRegularFile(what: string): ArchiveError {
  return new ArchiveError('unsupported', `${what}, not a regular file: Khizana imports regular files only (copy its content into a file to import it)`);
}

/** Formats a byte count for messages. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

// O_NONBLOCK: opening a FIFO must not wait for a writer (it has no meaning for regular files).
// Windows has no such flag, and no FIFOs in its file system either.
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const chunkBytes = 1024 * 1024;

/** The calls a file is read with. */
interface FileCalls {
  open(file: string | Buffer): Promise<number>;
  stat(fd: number): Promise<fs.Stats>;
  read(fd: number, buffer: Buffer, offset: number, length: number): Promise<number>;
  close(fd: number): Promise<void>;
}

// The callback API, not FileHandle: the import's writer thread reads every file, and FileHandle's
// promises cost it ~25 % more CPU per small file (3,000 files: 290–360 ms → 235–255 ms, measured).
const call = <T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> =>
  new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
const callbackCalls: FileCalls = {
  open: (file) => call((done) => fs.open(file, openFlags, done)),
  stat: (fd) => call((done) => fs.fstat(fd, done)),
  read: (fd, buffer, offset, length) => call((done) => fs.read(fd, buffer, offset, length, null, done)),
  close: (fd) => call((done) => fs.close(fd, (error) => done(error ?? null, undefined))),
};
// A small file is read with blocking calls: its five hand-offs to libuv's threads and back (open,
// stat, read, the read that finds the end, close) cost more than the reading (300 small uploaded
// files: 343–373 → 355–396 files/s; `khizana import` of them 265–278 → 294–323 files/s). A large
// one is read in the background, so the writer's thread goes on answering while it is read.
const blockingCalls: FileCalls = {
  open: async (file) => fs.openSync(file, openFlags),
  stat: async (fd) => fs.fstatSync(fd),
  read: async (fd, buffer, offset, length) => fs.readSync(fd, buffer, offset, length, null),
  close: async (fd) => fs.closeSync(fd),
};
/** Files up to this size (as listed, and on the open descriptor) are read with blocking calls. */
export const smallFileBytes = 256 * 1024;

/**
 * Reads a whole regular file of at most `maxBytes`. The kind is checked on the open descriptor
 * (no window between a check and the open), and the limit while reading: a file can grow while
 * it is read, and a device reports size 0. Throws ArchiveError 'unsupported' (not a regular
 * file), 'too-large' or 'unreadable'. `listedBytes`: its size when it was listed (small files are
 * read with blocking calls; the checks are the same).
 */
export async function readSourceFile(file: string | Buffer, maxBytes: number, listedBytes = Infinity): Promise<Uint8Array> {
  const { open: openFile, stat: statFile } = listedBytes <= smallFileBytes ? blockingCalls : callbackCalls;
  // What is read with blocking calls stays small whatever the listing said: the size on the open
  // descriptor decides, and past smallFileBytes read so far (a file that grows, or says 0) the rest
  // is read in the background.
  let calls: FileCalls = callbackCalls;
  const readInto: FileCalls['read'] = (fd, buffer, offset, length) => calls.read(fd, buffer, offset, length);
  let fd: number;
  try {
    fd = await openFile(file);
  } catch (error) {
    // A socket cannot be opened at all (ENXIO).
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw notRegularFile('a socket or a device with nothing behind it');
    throw unreadable(error);
  }
  try {
    const stat = await statFile(fd);
    if (!stat.isFile()) throw notRegularFile(describeSpecialFile(stat) ?? 'a folder');
    if (stat.size > maxBytes) throw new ArchiveError('too-large', `the file is ${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)}`);
    if (listedBytes <= smallFileBytes && stat.size <= smallFileBytes) calls = blockingCalls;
    // One byte more than the file should hold: reading it means the file grew.
    let buffer = Buffer.allocUnsafeSlow(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw new ArchiveError('too-large', `the file grew past the limit of ${formatBytes(maxBytes)} while it was read`);
        const grown = Buffer.allocUnsafeSlow(Math.min(maxBytes + 1, Math.max(buffer.length * 2, length + chunkBytes)));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const bytesRead = await readInto(fd, buffer, length, Math.min(chunkBytes, buffer.length - length));
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > smallFileBytes) calls = callbackCalls;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw error instanceof ArchiveError ? error : unreadable(error);
  } finally {
    await calls.close(fd).catch(() => undefined);
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'it no longer exists',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ELOOP: 'a link that leads round in a loop',
  EIO: 'the disk reported an input/output error',
};

/** An 'unreadable' error saying why in words (the system's message names the path and the call). */
export function unreadable(error: unknown, what = 'the file'): ArchiveError {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = code ? `${reasons[code] ?? 'error'} (${code})` : String(message).split('\n')[0];
  return new ArchiveError('unreadable', `cannot read ${what}: ${reason}`);
}
