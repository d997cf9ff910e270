// "Open original": the archive's content-addressed copy, never the import path (which may have
// moved or changed). The copy has no extension and must never be edited in place, so the system
// app gets a read-only temporary copy named like the original.
import { chmod, copyFile, mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveApi } from '../shared/contract.js';
import type { SourceInfo } from '../shared/dto.js';
import { ArchiveError } from '../shared/errors.js';
import { originalPath } from '../core/storage/original-files.js';
import { isInside } from './archive-dir.js';

/** A safe file name for the temporary copy: the original's base name, with an extension. */
export function openableName(source: Pick<SourceInfo, 'path' | 'format'>, id: number): string {
  // The stored path may come from another OS: split on both separators.
  const base = source.path.split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(-120);
  if (!name) name = `item-${id}`;
  if (!path.extname(name) && /^[a-z0-9]{1,8}$/i.test(source.format)) name += `.${source.format.toLowerCase()}`;
  return name;
}

/** Copies item `id`'s archived original to `tempRoot` (read-only) and returns the copy's path. */
export async function prepareOriginal(options: {
  api: Pick<ArchiveApi, 'getItem'>;
  archiveDir: string;
  tempRoot: string;
  id: number;
}): Promise<string> {
  const item = await options.api.getItem({ id: options.id });
  if (!item.source) throw new ArchiveError('not-found', `item ${options.id} has no original file`);
  const archiveDir = await realpath(options.archiveDir);
  let copy: string;
  try {
    copy = await realpath(originalPath(archiveDir, item.source.sha256));
  } catch {
    throw new ArchiveError('not-found', `the archived copy of item ${options.id} is missing`);
  }
  // Only files inside the archive folder are ever handed to the system.
  if (!isInside(archiveDir, copy)) throw new ArchiveError('not-found', `the archived copy of item ${options.id} is outside the archive`);

  const folder = path.join(options.tempRoot, `${options.id}-${item.source.sha256.slice(0, 12)}`);
  const target = path.join(folder, openableName(item.source, options.id));
  const [source, existing] = await Promise.all([stat(copy), stat(target).catch(() => null)]);
  if (!existing || existing.size !== source.size) {
    await mkdir(folder, { recursive: true });
    if (existing) await chmod(target, 0o644);
    await copyFile(copy, target);
    await chmod(target, 0o444);
  }
  return target;
}
