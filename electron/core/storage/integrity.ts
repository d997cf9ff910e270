// Damage detection: a lost or emptied database beside stored originals, and SQLite's quick_check
// before the first write of a session, skipped while the file is as a good session left it.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../shared/errors.js';
import { damagedError, joinLines, recoveryHelp, type Db } from './database.js';

/**
 * One version of the database file on disk. The change time (ctime) cannot be set back by
 * `touch` or a copy tool, and a replaced file has a new inode, so a file written by anything
 * else has a different state; Khizana's own writes are recorded as they happen.
 */
export interface FileState {
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
}

/** The state of `file`, or null when it does not exist. */
export function fileState(file: string): FileState | null {
  try {
    const st = fs.statSync(file, { bigint: true });
    return { ino: String(st.ino), size: String(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function sameState(a: FileState | null, b: FileState | null): boolean {
  return a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/** The sidecar that remembers the last state of the database known to be good. */
export function verifiedStateFile(file: string): string {
  return `${file}-checked`;
}

function readVerifiedState(file: string): FileState | null {
  try {
    const value = JSON.parse(fs.readFileSync(verifiedStateFile(file), 'utf8')) as Partial<FileState>;
    const { ino, size, mtimeNs, ctimeNs } = value;
    if ([ino, size, mtimeNs, ctimeNs].every((v) => typeof v === 'string')) return { ino, size, mtimeNs, ctimeNs } as FileState;
  } catch {
    // missing or unreadable: not known good
  }
  return null;
}

function writeVerifiedState(file: string, state: FileState): void {
  // Best effort: when it cannot be written, the next session only checks once more. Written under
  // a temporary name and renamed, so concurrent sessions never read half a file.
  const target = verifiedStateFile(file);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, `${JSON.stringify(state)}\n`);
    fs.renameSync(temp, target);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/** Runs SQLite's quick_check (every page and b-tree, not index contents); throws `corrupt` on damage. */
export function checkIntegrity(db: Db, file: string): void {
  let result: string;
  try {
    // (1): stop at the first problem; a damaged file can have thousands, and one is enough.
    result = String(db.pragma('quick_check(1)', { simple: true }));
  } catch (error) {
    throw damagedError(file, joinLines((error as Error).message));
  }
  if (result !== 'ok') throw damagedError(file, joinLines(result.replace(/^\*\*\* in database \w+ \*\*\*\s*/, '')));
}

export interface IntegrityGuard {
  /** Before a write: checks the database unless this session already knows it is good. */
  beforeWrite(db: Db): void;
  /** After a write, and after opening and closing: remembers the file's state if it is known good. */
  remember(): void;
}

/**
 * Tracks, for one session, whether the database is known good. It is when the file is new, when
 * it is in the state the last good session recorded (checked at open, before SQLite touches
 * it), or once quick_check has passed. Only then are states recorded, so a file changed by
 * anything but Khizana is checked before the next write. Concurrent sessions record after their
 * own writes, so another process's writes usually match; when they do not (a write between
 * another session's write and its record), the cost is one check more, never one less.
 */
export function integrityGuard(file: string): IntegrityGuard {
  const atOpen = fileState(file);
  let known = atOpen === null || atOpen.size === '0' || sameState(atOpen, readVerifiedState(file));
  let recorded: FileState | null = null;
  return {
    beforeWrite(db) {
      if (known) return;
      checkIntegrity(db, file);
      known = true;
    },
    remember() {
      if (!known) return;
      const now = fileState(file);
      if (now === null || sameState(now, recorded)) return;
      writeVerifiedState(file, now);
      recorded = now;
    },
  };
}

/** How many stored originals the archive's files/ folder holds (files/ab/abcdef…). */
function countOriginals(dir: string): number {
  let count = 0;
  let folders: fs.Dirent[];
  try {
    folders = fs.readdirSync(path.join(dir, 'files'), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const folder of folders) {
    // files/ab/…; not .incoming or .uploads, which hold files on their way in.
    if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
    try {
      count += fs.readdirSync(path.join(dir, 'files', folder.name)).length;
    } catch {
      // unreadable fan-out folder: counted as empty
    }
  }
  return count;
}

/**
 * Refuses to start a new archive where one was lost: a missing or empty database beside stored
 * originals means the database was deleted or emptied, and a new one would hide that.
 */
export function refuseLostDatabase(dir: string, file: string): void {
  const state = fileState(file);
  if (state !== null && state.size !== '0') return;
  const originals = countOriginals(dir);
  if (originals === 0) return;
  const what = state === null ? 'is missing' : 'is empty (0 bytes)';
  throw new ArchiveError(
    'corrupt',
    `the archive database ${file} ${what} while ${originals} original file${originals === 1 ? ' is' : 's are'} stored in ${path.join(dir, 'files')}; Khizana will not start a new archive on top of them: restore a backup (${recoveryHelp}), or choose another folder for a new archive`,
  );
}
