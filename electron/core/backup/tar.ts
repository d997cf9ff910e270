// A minimal POSIX tar (ustar) writer and strict reader for backups: regular files only, written
// and read in bounded chunks with synchronous I/O (the caller yields between files). Any tar tool
// opens what the writer makes; the reader refuses anything it did not expect, so every byte of a
// backup is checked: header checksums, data against the manifest, padding and the end marker.
import fs from 'node:fs';

export const BLOCK = 512;
/** ustar's size field holds 11 octal digits; larger sizes use the base-256 form GNU tar reads. */
const maxOctalSize = 0o77777777777;

/** One 512-byte ustar header for a regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar name too long: ${name}`);
  nameBytes.copy(header, 0);
  header.write('0000644\0', 100, 'ascii'); // mode
  header.write('0000000\0', 108, 'ascii'); // uid
  header.write('0000000\0', 116, 'ascii'); // gid
  if (size <= maxOctalSize) header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  else {
    header[124] = 0x80;
    let rest = BigInt(size);
    for (let i = 135; i > 124; i--) {
      header[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }
  const seconds = Math.floor(mtime.getTime() / 1000);
  header.write(`${seconds.toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum field counts as spaces while summing
  header.write('0', 156, 'ascii'); // typeflag: regular file
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(`${checksum(header).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** Zero bytes that pad `size` up to a whole block. */
export function paddingFor(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

export interface TarEntryHeader {
  name: string;
  size: number;
}

/** Why a tar stream was refused; the caller words the message for the user. */
export class TarFormatError extends Error {
  constructor(
    readonly reason: 'truncated' | 'damaged' | 'not-tar',
    message: string,
  ) {
    super(message);
  }
}

/** Parses a header block: null for an end-of-archive (zero) block; throws TarFormatError otherwise. */
export function parseTarHeader(block: Buffer): TarEntryHeader | null {
  if (block.every((b) => b === 0)) return null;
  if (block.toString('ascii', 257, 262) !== 'ustar') throw new TarFormatError('not-tar', 'not a ustar header');
  const stored = parseInt(block.toString('ascii', 148, 156).replace(/[\0 ]+$/, '').trim(), 8);
  if (!Number.isFinite(stored) || stored !== checksum(block)) throw new TarFormatError('damaged', 'a header checksum does not match');
  const type = block.toString('ascii', 156, 157);
  if (type !== '0' && type !== '\0') throw new TarFormatError('damaged', `an entry is not a regular file (type ${JSON.stringify(type)})`);
  const end = block.indexOf(0, 0);
  const name = block.toString('utf8', 0, end === -1 || end > 100 ? 100 : end);
  const prefixEnd = block.indexOf(0, 345);
  const prefix = block.toString('utf8', 345, prefixEnd === -1 || prefixEnd > 500 ? 500 : prefixEnd);
  return { name: prefix ? `${prefix}/${name}` : name, size: parseSize(block) };
}

function parseSize(block: Buffer): number {
  if (block[124]! & 0x80) {
    let size = 0n;
    for (let i = 125; i < 136; i++) size = (size << 8n) | BigInt(block[i]!);
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarFormatError('damaged', 'an entry size is out of range');
    return Number(size);
  }
  const text = block.toString('ascii', 124, 136).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('damaged', 'an entry size is not a number');
  return parseInt(text, 8);
}

/** Reads a file front to back in exact amounts; throws TarFormatError('truncated') at a premature end. */
export interface ExactReader {
  /** Fills and returns `length` bytes (a view that is valid until the next call). */
  read(length: number): Buffer;
  /** Bytes read so far. */
  readonly position: number;
  /** Up to `length` bytes from the start of the file, whatever was read before. */
  peek(length: number): Buffer;
}

/** An ExactReader over an open file descriptor, with one reusable buffer of `chunk` bytes at most per call. */
export function exactReader(fd: number, chunk = 1 << 20): ExactReader {
  const buffer = Buffer.allocUnsafe(chunk);
  let position = 0;
  return {
    read(length) {
      if (length > buffer.length) throw new Error(`read of ${length} bytes exceeds the ${buffer.length}-byte buffer`);
      let filled = 0;
      while (filled < length) {
        const n = fs.readSync(fd, buffer, filled, length - filled, position + filled);
        if (n === 0) throw new TarFormatError('truncated', 'the file ends in the middle of an entry');
        filled += n;
      }
      position += length;
      return buffer.subarray(0, length);
    },
    get position() {
      return position;
    },
    peek(length) {
      const start = Buffer.alloc(length);
      return start.subarray(0, fs.readSync(fd, start, 0, length, 0));
    },
  };
}
