// Restores a backup file (format: manifest.ts) into a new or empty folder. Everything is written
// into a temp folder beside the target and checked — every tar header, every file's size and
// sha256 against the manifest, the manifest against its own checksum, the database's counts —
// before one rename puts it in place, so a refused backup leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupCounts } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { sqliteOptions } from '../storage/database.js';
import { migrations } from '../storage/migrations.js';
import {
  backupCounts,
  backupFormatVersion,
  databaseEntry,
  identityEntry,
  manifestChecksumEntry,
  manifestEntry,
  originalEntrySha,
  parseIdentity,
  parseManifest,
  referencedOriginals,
  type BackupIdentity,
  type BackupManifest,
} from './manifest.js';
import { syncFolder } from './backup.js';
import { BLOCK, exactReader, paddingFor, parseTarHeader, TarFormatError, type ExactReader, type TarEntryHeader } from './tar.js';

export interface RestoreResult {
  dir: string;
  createdAt: string;
  khizanaVersion: string;
  counts: BackupCounts;
  bytes: number;
  seconds: number;
  missingOriginals: string[];
  damagedOriginals: string[];
}

/** Largest identity / manifest entry read into memory (a manifest line is ~130 bytes per file). */
const maxIdentityBytes = 64 * 1024;
const maxManifestBytes = 512 * 1024 * 1024;
const chunkSize = 1 << 20;

/** Restores `file` into `targetDir`, which must not exist or be an empty folder. */
export function restoreBackup(options: { file: string; targetDir: string }): RestoreResult {
  const started = performance.now();
  const file = path.resolve(options.file);
  const target = path.resolve(options.targetDir);
  checkTarget(target);
  const fd = openBackup(file);
  const temp = `${target}.restoring-${randomBytes(4).toString('hex')}`;
  const name = path.basename(file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.mkdirSync(temp);
    const extracted = extract(exactReader(fd, chunkSize), temp, name);
    const manifest = verifyManifest(extracted, name);
    const counts = verifyDatabase(path.join(temp, databaseEntry), manifest, name);
    if (fs.existsSync(target)) fs.rmdirSync(target); // empty, checked above
    fs.renameSync(temp, target);
    syncFolder(path.dirname(target));
    return {
      dir: target,
      createdAt: manifest.createdAt,
      khizanaVersion: manifest.khizanaVersion,
      counts,
      bytes: fs.fstatSync(fd).size,
      seconds: (performance.now() - started) / 1000,
      missingOriginals: manifest.missingOriginals,
      damagedOriginals: manifest.damagedOriginals,
    };
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw restoreError(error, name, target);
  } finally {
    fs.closeSync(fd);
  }
}

function checkTarget(target: string): void {
  let entries: string[];
  try {
    if (!fs.statSync(target).isDirectory()) throw new ArchiveError('invalid-argument', `${target} is a file: restore into a new or empty folder`);
    entries = fs.readdirSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0) {
    throw new ArchiveError('invalid-argument', `${target} is not empty: restore into a new or empty folder (nothing was changed)`);
  }
}

function openBackup(file: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArchiveError('unreadable', code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${code ?? 'error'})`);
  }
}

interface Extracted {
  identity: BackupIdentity;
  /** Every entry but the manifest and its checksum: name → size and sha256 as read. */
  files: Map<string, { bytes: number; sha256: string }>;
  manifest: Buffer;
  manifestChecksum: string;
}

/** Reads the whole tar, writing the database and originals under `dir`; refuses anything unexpected. */
function extract(reader: ExactReader, dir: string, name: string): Extracted {
  const identity = readIdentity(reader, name);
  const files = new Map<string, { bytes: number; sha256: string }>();
  files.set(identityEntry, identity.entry);
  let manifest: Buffer | null = null;
  let manifestChecksum: string | null = null;
  const folders = new Set<string>([dir]);
  for (;;) {
    const header = nextHeader(reader);
    if (header === null) {
      if (manifestChecksum === null) throw new TarFormatError('damaged', 'the end marker comes before the manifest');
      const second = reader.read(BLOCK);
      if (!second.every((b) => b === 0)) throw new TarFormatError('damaged', 'the end marker is damaged');
      break;
    }
    if (manifestChecksum !== null) throw new TarFormatError('damaged', `an entry follows the manifest checksum (${header.name})`);
    if (files.has(header.name) || header.name === manifestEntry && manifest !== null) throw new TarFormatError('damaged', `${header.name} appears twice`);
    if (header.name === manifestEntry) {
      manifest = readSmallEntry(reader, header, maxManifestBytes);
    } else if (header.name === manifestChecksumEntry) {
      if (manifest === null) throw new TarFormatError('damaged', 'the manifest checksum comes before the manifest');
      manifestChecksum = readSmallEntry(reader, header, 1024).toString('utf8');
    } else if (header.name === databaseEntry || originalEntrySha(header.name) !== null) {
      const dest = path.join(dir, ...header.name.split('/'));
      if (!folders.has(path.dirname(dest))) {
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        folders.add(path.dirname(dest));
      }
      files.set(header.name, copyEntry(reader, header, dest));
    } else {
      throw new TarFormatError('damaged', `unexpected entry ${JSON.stringify(header.name)}`);
    }
  }
  if (manifest === null || manifestChecksum === null) throw new TarFormatError('truncated', 'the manifest is missing');
  return { identity: identity.identity, files, manifest, manifestChecksum };
}

/** The first entry must be the identity: else the file is foreign; a newer format is refused here. */
function readIdentity(reader: ExactReader, name: string): { identity: BackupIdentity; entry: { bytes: number; sha256: string } } {
  const foreign = (): ArchiveError =>
    new ArchiveError('unsupported', `${name} is not a Khizana backup (made by \`khizana backup\` or the app's Back Up Now); nothing was restored`);
  // A file that begins with the identity's name is a backup, however damaged: say so, not "foreign".
  const looksLikeBackup = startsWithIdentity(reader);
  let first: Buffer;
  try {
    first = reader.read(BLOCK);
  } catch (error) {
    if (looksLikeBackup) throw error;
    throw foreign();
  }
  if (first[0] === 0x1f && first[1] === 0x8b) throw new ArchiveError('unsupported', `${name} is compressed (gzip): decompress it first (gunzip), then restore the .tar`);
  let header: TarEntryHeader | null;
  try {
    header = parseTarHeader(first);
  } catch (error) {
    if (looksLikeBackup && error instanceof TarFormatError) throw new TarFormatError('damaged', error.message);
    throw foreign();
  }
  if (header === null || header.name !== identityEntry) throw foreign();
  const bytes = readSmallEntry(reader, header, maxIdentityBytes);
  let identity: BackupIdentity | null = null;
  try {
    identity = parseIdentity(JSON.parse(bytes.toString('utf8')));
  } catch {
    identity = null;
  }
  if (!identity) throw new TarFormatError('damaged', 'its identity entry cannot be read');
  if (identity.formatVersion > backupFormatVersion) {
    throw new ArchiveError('unsupported', `${name} was written by a newer Khizana (${identity.khizanaVersion}, backup format ${identity.formatVersion}; this one reads format ${backupFormatVersion}): update Khizana to restore it`);
  }
  return { identity, entry: { bytes: bytes.length, sha256: sha256(bytes) } };
}

/** True when the file begins like a backup (the identity entry's name), however short it is. */
function startsWithIdentity(reader: ExactReader): boolean {
  const expected = Buffer.from(`${identityEntry}\0`);
  const start = reader.peek(expected.length);
  return start.equals(expected);
}

function nextHeader(reader: ExactReader): TarEntryHeader | null {
  const block = reader.read(BLOCK);
  try {
    return parseTarHeader(block);
  } catch (error) {
    // After the identity, anything that is not a valid header is damage, not a foreign file.
    if (error instanceof TarFormatError) throw new TarFormatError(error.reason === 'not-tar' ? 'damaged' : error.reason, error.message);
    throw error;
  }
}

function readSmallEntry(reader: ExactReader, header: TarEntryHeader, max: number): Buffer {
  if (header.size > max) throw new TarFormatError('damaged', `${header.name} is implausibly large`);
  const parts: Buffer[] = [];
  let left = header.size;
  while (left > 0) {
    const n = Math.min(left, chunkSize);
    parts.push(Buffer.from(reader.read(n)));
    left -= n;
  }
  readPadding(reader, header.size);
  return Buffer.concat(parts);
}

/** Copies an entry's data to `dest`, hashing it; the padding after it must be zeros. */
function copyEntry(reader: ExactReader, header: TarEntryHeader, dest: string): { bytes: number; sha256: string } {
  const out = fs.openSync(dest, 'wx');
  const hash = createHash('sha256');
  try {
    let left = header.size;
    while (left > 0) {
      const chunk = reader.read(Math.min(left, chunkSize));
      hash.update(chunk);
      let written = 0;
      while (written < chunk.length) written += fs.writeSync(out, chunk, written, chunk.length - written);
      left -= chunk.length;
    }
    if (header.name === databaseEntry) fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
  readPadding(reader, header.size);
  return { bytes: header.size, sha256: hash.digest('hex') };
}

function readPadding(reader: ExactReader, size: number): void {
  const n = paddingFor(size);
  if (n > 0 && !reader.read(n).every((b) => b === 0)) throw new TarFormatError('damaged', 'padding between entries is not zero');
}

/** The manifest, checked against its checksum, and every file read against the manifest. */
function verifyManifest(extracted: Extracted, name: string): BackupManifest {
  const damaged = (what: string): ArchiveError => new ArchiveError('corrupt', `${name} is damaged (${what}): use another backup; nothing was restored`);
  const expected = /^([0-9a-f]{64}) [ *]manifest\.json\n?$/.exec(extracted.manifestChecksum)?.[1];
  if (!expected || expected !== sha256(extracted.manifest)) throw damaged('the manifest does not match its checksum');
  let manifest: BackupManifest | null = null;
  try {
    manifest = parseManifest(JSON.parse(extracted.manifest.toString('utf8')));
  } catch {
    manifest = null;
  }
  if (!manifest) throw damaged('the manifest cannot be read');
  const { identity } = extracted;
  if (manifest.formatVersion !== identity.formatVersion || manifest.createdAt !== identity.createdAt) throw damaged('the manifest does not belong to this backup');
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    const found = extracted.files.get(entry.path);
    if (!found) throw new ArchiveError('corrupt', `${name} is incomplete (${entry.path} is missing): use another backup; nothing was restored`);
    if (found.bytes !== entry.bytes || found.sha256 !== entry.sha256) throw damaged(`${entry.path} does not match its checksum`);
    listed.add(entry.path);
  }
  for (const path of extracted.files.keys()) if (!listed.has(path)) throw damaged(`${path} is not in the manifest`);
  if (!listed.has(databaseEntry)) throw damaged('the database is missing');
  return manifest;
}

/** The restored database must be readable by this Khizana and hold what the manifest counts. */
function verifyDatabase(file: string, manifest: BackupManifest, name: string): BackupCounts {
  const latest = migrations.at(-1)?.version ?? 0;
  if (manifest.schemaVersion > latest) {
    throw new ArchiveError('unsupported', `${name} was written by a newer Khizana (${manifest.khizanaVersion}, database schema ${manifest.schemaVersion}; this one knows ${latest}): update Khizana to restore it`);
  }
  const db = new Database(file, sqliteOptions({ readonly: true, fileMustExist: true }));
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new ArchiveError('corrupt', `${name} holds a damaged database (${String(check)}): use another backup; nothing was restored`);
    const counts = backupCounts(db);
    for (const key of Object.keys(manifest.counts) as Array<keyof BackupCounts>) {
      if (counts[key] !== manifest.counts[key]) throw new ArchiveError('corrupt', `${name} is damaged (the database holds ${counts[key]} ${key}, the manifest says ${manifest.counts[key]}): use another backup; nothing was restored`);
    }
    const present = new Set(manifest.files.map((f) => originalEntrySha(f.path)).filter((sha) => sha !== null));
    const missing = new Set(manifest.missingOriginals);
    for (const sha of referencedOriginals(db)) {
      if (!present.has(sha) && !missing.has(sha)) throw new ArchiveError('corrupt', `${name} is incomplete (the original ${sha} is missing): use another backup; nothing was restored`);
    }
    return counts;
  } finally {
    db.close();
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One-line errors: what is wrong with the backup or the disk, and that nothing was restored. */
function restoreError(error: unknown, name: string, target: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  if (error instanceof TarFormatError) {
    if (error.reason === 'truncated') return new ArchiveError('corrupt', `${name} is incomplete (it ends early: cut short while written or copied): use another backup; nothing was restored`);
    return new ArchiveError('corrupt', `${name} is damaged (${error.message}): use another backup; nothing was restored`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new ArchiveError('disk-full', `no space left on the disk of ${target}: free some space and restore again; nothing was restored`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ArchiveError('read-only', `cannot write ${target} (permissions or a read-only disk); nothing was restored`);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new ArchiveError('corrupt', `${name} holds a damaged database: use another backup; nothing was restored`);
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
  return new ArchiveError('internal', `restoring ${name} failed: ${message}; nothing was restored`);
}
