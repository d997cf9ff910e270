// Finding an item's archived original for whoever hands it out (the desktop's "Open original",
// the web bridge's download): the content-addressed copy, never the import path, which may have
// moved or changed.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveApi } from '../shared/contract.js';
import type { SourceInfo } from '../shared/dto.js';
import { ArchiveError } from '../shared/errors.js';
import { originalPath } from './storage/original-files.js';

export interface OriginalFile {
  /** The real path of the archived copy, inside the archive folder. */
  file: string;
  size: number;
  source: SourceInfo;
}

function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Item `id`'s archived original; `not-found` for an item without one, or a copy missing or outside the archive. */
export async function locateOriginal(options: { api: Pick<ArchiveApi, 'getItem'>; archiveDir: string; id: number }): Promise<OriginalFile> {
  const item = await options.api.getItem({ id: options.id });
  if (!item.source) {
    const what = item.kind === 'note' ? 'it is a note written here' : 'it was not imported from a file';
    throw new ArchiveError('not-found', `item ${options.id} has no original file: ${what}`);
  }
  const archiveDir = await realpath(options.archiveDir);
  let file: string;
  try {
    file = await realpath(originalPath(archiveDir, item.source.sha256));
  } catch {
    throw new ArchiveError('not-found', `the archived copy of item ${options.id} is missing (restore a backup to get it back)`);
  }
  // Only files inside the archive folder are ever handed out.
  if (!isInside(archiveDir, file)) throw new ArchiveError('not-found', `the archived copy of item ${options.id} is outside the archive`);
  const info = await stat(file);
  if (!info.isFile()) throw new ArchiveError('not-found', `the archived copy of item ${options.id} is not a file`);
  return { file, size: info.size, source: item.source };
}
