// Content-addressed copies of imported originals: files/ab/abcdef… inside the archive folder.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../shared/errors.js';

/** Where the original with this sha256 lives inside the archive. */
export function originalPath(archiveDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ArchiveError('invalid-argument', `not a sha256: ${sha256}`);
  return path.join(archiveDir, 'files', sha256.slice(0, 2), sha256);
}

/** Stores the bytes under their hash (atomically); returns true if a new file was written. */
export function storeOriginal(archiveDir: string, sha256: string, bytes: Uint8Array): boolean {
  const target = originalPath(archiveDir, sha256);
  if (fs.existsSync(target)) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, target);
  return true;
}

/** Removes a stored original (used when the item that brought it failed to commit). */
export function removeOriginal(archiveDir: string, sha256: string): void {
  fs.rmSync(originalPath(archiveDir, sha256), { force: true });
}
