// Where an export is written: a new folder, or a zip file. Either is written under a temp name
// and renamed when complete, so a failed export never leaves something that looks whole.
import fs from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
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
  const entry = (name: string): ZipDeflate | ZipPassThrough => {
    const input = compressed.test(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    input.mtime = mtime;
    zip.add(input);
    return input;
  };
  const buffer = Buffer.allocUnsafe(chunkSize);
  return {
    add(name, data) {
      entry(name).push(data, true);
      check();
    },
    copy(name, source) {
      const input = entry(name);
      const from = fs.openSync(source, 'r');
      try {
        for (;;) {
          const n = fs.readSync(from, buffer, 0, buffer.length, null);
          // fflate may keep a reference to a pushed chunk until the entry ends: push copies.
          input.push(buffer.subarray(0, n).slice(), n === 0);
          check();
          if (n === 0) break;
        }
      } finally {
        fs.closeSync(from);
      }
    },
    open(name) {
      const input = entry(name);
      return {
        write(data) {
          input.push(data, false);
          check();
        },
        close() {
          input.push(new Uint8Array(0), true);
          check();
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
