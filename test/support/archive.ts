// A real archive in a temp folder, for tests.
import fs from 'node:fs';
import path from 'node:path';
import { openArchive, type ArchiveSession } from '../../electron/core/archive.js';
import { tempDir } from './paths.js';

/** Opens a fresh archive in a temp folder. */
export async function freshArchive(): Promise<ArchiveSession> {
  return openArchive({ dir: path.join(tempDir(), 'archive') });
}

/** Writes files (name → content) into a new temp folder and returns its path. */
export function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('khizana-files-');
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}
