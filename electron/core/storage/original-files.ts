// Content-addressed copies of imported originals: files/ab/abcdef… inside the archive folder.
//
// A new original is first written to files/.incoming/<sha256>.<pid>.<n> (before its item's
// transaction, so file writes never hold the database's write lock) and renamed into place after
// the commit. So files/ab/… only ever holds complete originals of committed items, and a writer
// only ever deletes its own temp files. A crash leaves at most temp files: the next opening of the
// archive finishes them (item committed: rename) or deletes them (not committed), unless the
// process that wrote them is still running (another import on the same archive). A file uploaded
// into the archive's upload area becomes the temp file itself (adoptIncoming): moved, not copied.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../shared/errors.js';
import { storageError } from './write-transaction.js';

/** Where the original with this sha256 lives inside the archive. */
export function originalPath(archiveDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ArchiveError('invalid-argument', `not a sha256: ${sha256}`);
  return path.join(archiveDir, 'files', sha256.slice(0, 2), sha256);
}

/** The folder of originals being written (temp files). */
export function incomingDir(archiveDir: string): string {
  return path.join(archiveDir, 'files', '.incoming');
}

/**
 * The archive's own upload area: `khizana serve` streams a browser's files here (web/uploads.ts),
 * on the archive's disk, so that importing one moves it into files/ instead of writing it again.
 */
export function uploadsDir(archiveDir: string): string {
  return path.join(archiveDir, 'files', '.uploads');
}

/** True when `file` lies inside the archive's upload area: a temp copy the archive owns. */
export function isArchiveUpload(archiveDir: string, file: string): boolean {
  const relative = path.relative(uploadsDir(archiveDir), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const incomingName = /^([0-9a-f]{64})\.(\d+)\.\d+$/;
let written = 0;

function newIncomingPath(archiveDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ArchiveError('invalid-argument', `not a sha256: ${sha256}`);
  return path.join(incomingDir(archiveDir), `${sha256}.${process.pid}.${++written}`);
}

/**
 * Writes an original to a new temp file and returns its path. A full disk (ENOSPC, EDQUOT) is a
 * `disk-full` error; whatever fails, no part of the file is left behind.
 */
export function writeIncoming(archiveDir: string, sha256: string, bytes: Uint8Array): string {
  const temp = newIncomingPath(archiveDir, sha256);
  try {
    try {
      fs.writeFileSync(temp, bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fs.mkdirSync(path.dirname(temp), { recursive: true }); // first import, or the folder was cleaned
      fs.writeFileSync(temp, bytes);
    }
    return temp;
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw storageError(error);
  }
}

/**
 * writeIncoming for bytes read from `file`, a regular file of the archive's upload area
 * (isArchiveUpload) that nothing else uses: the file itself becomes the temp file (a rename; creating
 * and writing a file cost this disk ~0.25–0.9 ms each, a rename ~0.03). Anything else, or a rename
 * that fails, writes the bytes as writeIncoming does; `file` is then left where it is.
 */
export function adoptIncoming(archiveDir: string, sha256: string, bytes: Uint8Array, file: string): string {
  if (!isArchiveUpload(archiveDir, file)) return writeIncoming(archiveDir, sha256, bytes);
  const temp = newIncomingPath(archiveDir, sha256);
  try {
    // Only the file itself, as it was read: never what a link points to (the file, or a folder on
    // the way out of the upload area), never a file with other names or that changed size.
    const stat = fs.lstatSync(file);
    const folder = fs.realpathSync(path.dirname(file));
    if (stat.isFile() && stat.size === bytes.length && stat.nlink === 1 && isArchiveUpload(fs.realpathSync(archiveDir), folder)) {
      try {
        fs.renameSync(file, temp);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(file)) throw error;
        fs.mkdirSync(path.dirname(temp), { recursive: true }); // first import, or the folder was cleaned
        fs.renameSync(file, temp);
      }
      return temp;
    }
  } catch {
    // not movable after all: written below
  }
  return writeIncoming(archiveDir, sha256, bytes);
}

/** Moves the temp file of a committed item's original into place (replacing any damaged copy). */
export function placeOriginal(archiveDir: string, temp: string, sha256: string): void {
  const target = originalPath(archiveDir, sha256);
  try {
    fs.renameSync(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(temp)) throw storageError(error);
    fs.mkdirSync(path.dirname(target), { recursive: true }); // the fan-out folder is new
    fs.renameSync(temp, target);
  }
}

/**
 * Moves the original with this sha256 out of files/ into a temp file, or returns null if there is
 * none. Call it inside the write transaction that deletes the last row referring to it: an importer
 * that stores the same file again commits after that transaction and only then places its copy, so
 * its copy is never the one removed. After the commit, discardIncoming the temp file; after a
 * rollback, placeOriginal it back. A crash in between leaves a temp file that the next opening
 * puts back (a row still refers to it) or deletes (none does): sweepIncoming.
 */
export function withdrawOriginal(archiveDir: string, sha256: string): string | null {
  const from = originalPath(archiveDir, sha256);
  const temp = path.join(incomingDir(archiveDir), `${sha256}.${process.pid}.${++written}`);
  try {
    fs.mkdirSync(path.dirname(temp), { recursive: true });
    fs.renameSync(from, temp);
    return temp;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(from)) return null; // already gone
    throw storageError(error);
  }
}

/** Deletes a temp file whose item was not stored (a duplicate, a failure, a rollback). */
export function discardIncoming(temp: string): void {
  fs.rmSync(temp, { force: true });
}

/**
 * Finishes or deletes the temp files that writers which are no longer running left behind (a
 * crash between writing an original and renaming it). `storedBytes(sha)` is the size recorded for
 * a committed item with that original, undefined if none. One readdir when there is nothing to do.
 */
export function sweepIncoming(archiveDir: string, storedBytes: (sha256: string) => number | undefined): { placed: number; removed: number } {
  const done = { placed: 0, removed: 0 };
  const folder = incomingDir(archiveDir);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return done; // no folder yet (nothing was ever imported), or unreadable: nothing to sweep
  }
  for (const name of names) {
    const match = incomingName.exec(name);
    if (!match) continue;
    const sha = match[1]!;
    const pid = Number(match[2]);
    if (pid === process.pid || processRuns(pid)) continue; // an import running right now owns it
    const temp = path.join(folder, name);
    try {
      const bytes = storedBytes(sha);
      if (bytes !== undefined && !hasOriginal(archiveDir, sha, bytes) && fileSha256(temp) === sha) {
        placeOriginal(archiveDir, temp, sha);
        done.placed++;
      } else {
        fs.rmSync(temp, { force: true });
        done.removed++;
      }
    } catch {
      // Another process swept it first, or the archive is read-only: leave it for the next opening.
    }
  }
  return done;
}

function hasOriginal(archiveDir: string, sha256: string, bytes: number): boolean {
  try {
    return fs.statSync(originalPath(archiveDir, sha256)).size === bytes;
  } catch {
    return false;
  }
}

function fileSha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** True when process `pid` runs (perhaps as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by someone else
  }
}

/** How the upload folders of `khizana serve` begin: `khizana-upload-<pid>-XXXXXX` (web/uploads.ts). */
export const uploadFolderPrefix = 'khizana-upload-';

/**
 * Deletes the upload folders under `root` (the system temp folder, or an archive's uploadsDir)
 * that serves which have stopped left behind (a crash, a kill): `khizana-upload-<pid>-…` of a
 * process that no longer runs, and folders of older versions (no pid in the name) not touched for
 * a day. Folders of a serve still running are left alone. Returns the folders removed.
 */
export async function sweepStaleUploads(root: string): Promise<string[]> {
  const removed: string[] = [];
  const names = await fs.promises.readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(uploadFolderPrefix)) continue;
    const match = /^(?:(\d+)-)?[A-Za-z0-9]{6}$/u.exec(name.slice(uploadFolderPrefix.length));
    if (!match) continue;
    const dir = path.join(root, name);
    const pid = match[1] === undefined ? null : Number(match[1]);
    if (pid === process.pid) continue;
    if (pid !== null ? processRuns(pid) : Date.now() - (await fs.promises.stat(dir).then((st) => st.mtimeMs, () => Date.now())) < 24 * 3600_000) continue;
    await fs.promises.rm(dir, { recursive: true, force: true }).then(() => removed.push(dir), () => undefined);
  }
  return removed;
}
