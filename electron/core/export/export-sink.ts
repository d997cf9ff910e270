// Where an export is written: a new folder, or a zip file. Either is written under a temp name
// and renamed when complete, so a failed export never leaves something that looks whole.
import fs from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { ArchiveError } from '../../shared/errors.js';
import { syncFolder } from '../backup/backup.js';

export interface ExportSink {
  /** Writes a whole file. */
  add(name: string, bytes: Uint8Array): void;
  /** Copies a file from disk, chunk by chunk. */
  copy(name: string, source: string): void;
  /** A file written piece by piece (one at a time: close it before the next). */
  open(name: string): { write(bytes: Uint8Array): void; close(): void };
  /** Completes the export and renames it into place; returns its size in bytes. */
  finish(): number;
  /** Removes everything written so far. */
  abort(): void;
}

const chunkSize = 1 << 20;
/** Formats that are compressed already: stored in the zip as they are (deflating them again costs time for nothing). */
const compressed = /\.(pdf|docx|odt|epub|zip|png|jpe?g|gif|webp|gz|mp3|mp4)$/i;

/** A sink for `target`: a zip when it ends in .zip, else a folder that must be new or empty. */
export function openSink(target: string, mtime: Date): ExportSink {
  const resolved = path.resolve(target);
  const parent = path.dirname(resolved);
  if (!fs.existsSync(parent)) throw new ArchiveError('invalid-argument', `cannot export: the folder ${parent} does not exist`);
  return resolved.toLowerCase().endsWith('.zip') ? zipSink(resolved, mtime) : folderSink(resolved);
}

function folderSink(target: string): ExportSink {
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory()) throw new ArchiveError('invalid-argument', `cannot export to ${target}: it is a file (choose a new folder, or a name ending in .zip)`);
    if (fs.readdirSync(target).length > 0) throw new ArchiveError('invalid-argument', `cannot export to ${target}: the folder is not empty (choose a new or empty folder)`);
  }
  const temp = `${target}.partial-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp);
  let bytes = 0;
  const made = new Set<string>();
  const fileFor = (name: string): string => {
    const file = path.join(temp, ...name.split('/'));
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    return file;
  };
  return {
    add(name, data) {
      fs.writeFileSync(fileFor(name), data, { flag: 'wx' });
      bytes += data.length;
    },
    copy(name, source) {
      fs.copyFileSync(source, fileFor(name), fs.constants.COPYFILE_EXCL);
      bytes += fs.statSync(source).size;
    },
    open(name) {
      const fd = fs.openSync(fileFor(name), 'wx');
      return {
        write(data) {
          let done = 0;
          while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done);
          bytes += data.length;
        },
        close() {
          fs.closeSync(fd);
        },
      };
    },
    finish() {
      // An empty target folder is replaced by the complete export.
      if (fs.existsSync(target)) fs.rmdirSync(target);
      fs.renameSync(temp, target);
      syncFolder(path.dirname(target));
      return bytes;
    },
    abort() {
      fs.rmSync(temp, { recursive: true, force: true });
    },
  };
}

function zipSink(file: string, mtime: Date): ExportSink {
  if (fs.existsSync(file)) throw new ArchiveError('invalid-argument', `cannot export to ${file}: it already exists (an export never overwrites a file)`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const fd = fs.openSync(partial, 'wx');
  let closed = false;
  let failure: Error | null = null;
  // fflate hands out the zip as it is made; each piece goes straight to the file, so memory stays
  // at one chunk whatever the export's size.
  const zip = new Zip((error, data) => {
    if (error) {
      failure = error;
      return;
    }
    let done = 0;
    while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done);
  });
  const check = (): void => {
    if (failure) throw failure;
  };
  /**
   * A zip entry whose bytes this code deflates with Node's zlib (native; fflate's JS deflate took
   * 25 s for 30,000 articles): fflate writes the headers, and the data descriptor after the data.
   */
  const entry = (name: string) => {
    const store = compressed.test(name);
    const file: ZipInputFile & { flag: number } = { filename: name, compression: store ? 0 : 8, mtime, crc: 0, size: 0, flag: 0, terminate() {} };
    zip.add(file);
    const emit = (data: Uint8Array, final: boolean): void => {
      file.crc = crc32(data, file.crc);
      file.size += data.length;
      // Each piece is deflated on its own, ending in a sync flush (no final block): the pieces
      // concatenate into one valid deflate stream, which the empty final piece closes.
      const out = store ? data : deflateRawSync(data, { level: 6, finishFlush: final ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH });
      file.ondata!(null, out as Uint8Array<ArrayBuffer>, final);
      check();
    };
    return emit;
  };
  const buffer = Buffer.allocUnsafe(chunkSize);
  return {
    add(name, data) {
      entry(name)(data, true);
    },
    copy(name, source) {
      const emit = entry(name);
      const from = fs.openSync(source, 'r');
      try {
        for (;;) {
          const n = fs.readSync(from, buffer, 0, buffer.length, null);
          // fflate keeps pushed chunks until the entry is written out: give it a copy.
          emit(n === 0 ? new Uint8Array(0) : buffer.subarray(0, n).slice(), n === 0);
          if (n === 0) break;
        }
      } finally {
        fs.closeSync(from);
      }
    },
    open(name) {
      const emit = entry(name);
      return {
        write(data) {
          emit(data, false);
        },
        close() {
          emit(new Uint8Array(0), true);
        },
      };
    },
    finish() {
      zip.end();
      check();
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      closed = true;
      fs.renameSync(partial, file);
      syncFolder(path.dirname(file));
      return fs.statSync(file).size;
    },
    abort() {
      if (!closed) fs.closeSync(fd);
      closed = true;
      fs.rmSync(partial, { force: true });
    },
  };
}
