// Writes a backup file (format: manifest.ts) from an open archive, while it stays in use:
// the database through SQLite's online backup (what sits in the WAL included, never a copy of the
// live file), then the originals that snapshot refers to. Written to FILE.partial and renamed at
// the end, so a failed backup never leaves a file that looks whole.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupResult } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { sqliteOptions, type Db } from '../storage/database.js';
import { originalPath } from '../storage/original-files.js';
import {
  backupCounts,
  backupFormat,
  backupFormatVersion,
  databaseEntry,
  identityEntry,
  khizanaVersion,
  manifestChecksumEntry,
  manifestEntry,
  originalEntry,
  referencedOriginals,
  type BackupIdentity,
  type BackupManifest,
} from './manifest.js';
import { BLOCK, paddingFor, tarHeader } from './tar.js';

export interface WriteBackupOptions {
  /** The archive's open database (the snapshot is taken through it). */
  db: Db;
  archiveDir: string;
  /** The backup file to write; it must not exist yet. */
  file: string;
  /** Database pages copied per step of the online backup; the archive answers other calls between steps. */
  stepPages?: number;
  /** The backup's creation time (default: now). */
  createdAt?: Date;
  /** Aborts the backup (the archive is closing): nothing is left behind. */
  signal?: AbortSignal;
}

const chunkSize = 1 << 20;

/** Writes a backup of the archive to `file`; see the format in manifest.ts. */
export async function writeBackup(options: WriteBackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const file = path.resolve(options.file);
  checkTarget(file);
  const partial = `${file}.partial`;
  const snapshotFile = `${file}.snapshot.partial`;
  const created = options.createdAt ?? new Date();
  let fd: number | null = null;
  try {
    removeLeftovers(partial, snapshotFile);
    await snapshotDatabase(options.db, snapshotFile, options.stepPages ?? 256, options.signal);
    const snapshot = describeSnapshot(snapshotFile);

    fd = fs.openSync(partial, 'wx');
    const out = tarOutput(fd, created, options.signal);
    const identity: BackupIdentity = { format: backupFormat, formatVersion: backupFormatVersion, khizanaVersion: khizanaVersion(), createdAt: created.toISOString() };
    const files: BackupManifest['files'] = [];
    files.push(out.addBuffer(identityEntry, Buffer.from(`${JSON.stringify(identity, null, 2)}\n`)));
    files.push(await out.addFile(databaseEntry, snapshotFile));
    const missingOriginals: string[] = [];
    const damagedOriginals: string[] = [];
    for (const sha of snapshot.originals) {
      const source = originalPath(options.archiveDir, sha);
      if (!fs.existsSync(source)) {
        missingOriginals.push(sha);
        continue;
      }
      const entry = await out.addFile(originalEntry(sha), source);
      if (entry.sha256 !== sha) damagedOriginals.push(sha);
      files.push(entry);
    }
    const manifest: BackupManifest = { ...identity, schemaVersion: snapshot.schemaVersion, counts: snapshot.counts, files, missingOriginals, damagedOriginals };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    const manifestSha = out.addBuffer(manifestEntry, manifestBytes).sha256;
    out.addBuffer(manifestChecksumEntry, Buffer.from(`${manifestSha}  ${manifestEntry}\n`));
    out.finish();
    // Flushing hundreds of MB can take seconds on a slow disk: off this thread, so the archive keeps answering.
    await new Promise<void>((resolve, reject) => fs.fsync(fd!, (error) => (error ? reject(error) : resolve())));
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(partial, file);
    syncFolder(path.dirname(file));
    return {
      file,
      createdAt: identity.createdAt,
      bytes: fs.statSync(file).size,
      seconds: (performance.now() - started) / 1000,
      counts: snapshot.counts,
      missingOriginals,
      damagedOriginals,
    };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw backupError(error, file);
  } finally {
    fs.rmSync(snapshotFile, { force: true });
    fs.rmSync(`${snapshotFile}-journal`, { force: true });
  }
}

function checkTarget(file: string): void {
  if (fs.existsSync(file)) throw new ArchiveError('invalid-argument', `${file} already exists: choose another name (a backup never overwrites a file)`);
  const folder = path.dirname(file);
  if (!fs.existsSync(folder)) throw new ArchiveError('invalid-argument', `cannot write the backup: the folder ${folder} does not exist`);
}

function removeLeftovers(...files: string[]): void {
  for (const f of files) fs.rmSync(f, { force: true });
}

/**
 * Copies the database through SQLite's online backup, `stepPages` at a time so the archive keeps
 * answering. A write by this connection updates the copy as it goes; a write by another process
 * restarts it, so after one restart the rest is copied in one step (a consistent read, never starved).
 */
async function snapshotDatabase(db: Db, dest: string, stepPages: number, signal: AbortSignal | undefined): Promise<void> {
  let previous = Number.POSITIVE_INFINITY;
  let wholeStep = false;
  await db.backup(dest, {
    progress: ({ remainingPages }) => {
      throwIfAborted(signal);
      if (remainingPages >= previous) wholeStep = true;
      previous = remainingPages;
      return wholeStep ? 0x7fffffff : stepPages;
    },
  });
}

interface SnapshotFacts {
  schemaVersion: number;
  counts: BackupManifest['counts'];
  originals: string[];
}

/** Makes the snapshot one self-contained file (no WAL) and reads what the manifest needs from it. */
function describeSnapshot(file: string): SnapshotFacts {
  const db = new Database(file, sqliteOptions());
  try {
    db.pragma('journal_mode = DELETE');
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      counts: backupCounts(db),
      // The snapshot decides which originals belong in the backup: files an import adds meanwhile do not.
      originals: referencedOriginals(db),
    };
  } finally {
    db.close();
  }
}

/** Tar entries appended to `fd`, with small writes gathered into one buffer. */
function tarOutput(fd: number, mtime: Date, signal: AbortSignal | undefined) {
  const pending = Buffer.allocUnsafe(chunkSize);
  const data = Buffer.allocUnsafe(chunkSize);
  let used = 0;
  let lastYield = performance.now();

  const flush = (): void => {
    let written = 0;
    while (written < used) written += fs.writeSync(fd, pending, written, used - written);
    used = 0;
  };
  const write = (bytes: Buffer): void => {
    if (used + bytes.length > pending.length) flush();
    if (bytes.length >= pending.length) {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      return;
    }
    bytes.copy(pending, used);
    used += bytes.length;
  };
  const zeros = Buffer.alloc(BLOCK);
  const pad = (size: number): void => {
    const n = paddingFor(size);
    if (n > 0) write(zeros.subarray(0, n));
  };
  // File I/O here is synchronous (fast for thousands of small originals); in the app this runs in
  // the archive's worker thread, so it yields every ~20 ms and searches keep being answered.
  const breathe = async (): Promise<void> => {
    if (performance.now() - lastYield < 20) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
    throwIfAborted(signal);
  };

  return {
    addBuffer(name: string, bytes: Buffer): BackupManifest['files'][number] {
      write(tarHeader(name, bytes.length, mtime));
      write(bytes);
      pad(bytes.length);
      return { path: name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    async addFile(name: string, source: string): Promise<BackupManifest['files'][number]> {
      const input = fs.openSync(source, 'r');
      try {
        const size = fs.fstatSync(input).size;
        write(tarHeader(name, size, mtime));
        const hash = createHash('sha256');
        let done = 0;
        while (done < size) {
          const n = fs.readSync(input, data, 0, Math.min(data.length, size - done), done);
          if (n === 0) throw new ArchiveError('corrupt', `${source} got shorter while it was backed up; try again`);
          const chunk = data.subarray(0, n);
          hash.update(chunk);
          write(chunk);
          done += n;
          await breathe();
        }
        pad(size);
        return { path: name, bytes: size, sha256: hash.digest('hex') };
      } finally {
        fs.closeSync(input);
      }
    },
    finish(): void {
      write(Buffer.alloc(BLOCK * 2));
      flush();
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ArchiveError('cancelled', 'the backup was cancelled: the archive was closed while it was being written');
}

/** Makes a rename durable (best effort: folders cannot be opened on Windows). */
export function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** One-line errors with a code for what the disk said; ArchiveErrors pass through. */
function backupError(error: unknown, file: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const where = path.dirname(file);
  if (code === 'ENOSPC') return new ArchiveError('disk-full', `the backup was not written: no space left on the disk of ${where}; free some space or choose another folder`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ArchiveError('read-only', `the backup was not written: ${where} cannot be written to (permissions or a read-only disk); choose another folder`);
  if (code === 'SQLITE_FULL') return new ArchiveError('disk-full', `the backup was not written: no space left for the database snapshot in ${where}; free some space or choose another folder`);
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
  return new ArchiveError('internal', `the backup was not written: ${message}`);
}
