// "Open original": the archive's content-addressed copy, never the import path (which may have
// moved or changed). The copy has no extension and must never be edited in place, so the system
// app gets a read-only temporary copy named like the original.
import { chmod, copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveApi } from '../shared/contract.js';
import type { SourceInfo } from '../shared/dto.js';
import { originalFileName } from '../shared/original-download.js';
import { locateOriginal } from '../core/original-file.js';

/** A safe file name for the temporary copy: the original's base name, with an extension. */
export function openableName(source: Pick<SourceInfo, 'path' | 'format'>, id: number): string {
  return originalFileName(source, id);
}

/** Copies item `id`'s archived original to `tempRoot` (read-only) and returns the copy's path. */
export async function prepareOriginal(options: {
  api: Pick<ArchiveApi, 'getItem'>;
  archiveDir: string;
  tempRoot: string;
  id: number;
}): Promise<string> {
  const { file: copy, size, source } = await locateOriginal(options);
  const folder = path.join(options.tempRoot, `${options.id}-${source.sha256.slice(0, 12)}`);
  const target = path.join(folder, openableName(source, options.id));
  const existing = await stat(target).catch(() => null);
  if (!existing || existing.size !== size) {
    await mkdir(folder, { recursive: true });
    if (existing) await chmod(target, 0o644);
    await copyFile(copy, target);
    await chmod(target, 0o444);
  }
  return target;
}
