// Expands the paths a user gave into the files to import: folders recursively, hidden entries skipped.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileResult } from '../../shared/dto.js';
import { formatForPath, type FormatEntry } from './formats/registry.js';

export interface FileJob {
  path: string;
  size: number;
  format: FormatEntry;
}

export interface Collected {
  jobs: FileJob[];
  /** Paths settled without parsing: missing (failed), hidden or unsupported (skipped). */
  settled: ImportFileResult[];
}

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** Walks the given files and folders; never follows a symlinked folder (no loops, nothing outside). */
export function collectFiles(paths: string[]): Collected {
  const jobs: FileJob[] = [];
  const settled: ImportFileResult[] = [];
  const seen = new Set<string>();

  const addFile = (filePath: string, size: number, explicit: boolean): void => {
    const format = formatForPath(filePath);
    if (!format) {
      const ext = path.extname(filePath) || 'files without an extension';
      const error = { code: 'unsupported' as const, message: `Khizana cannot import ${ext} files` };
      settled.push(explicit ? { path: filePath, status: 'failed', error } : { path: filePath, status: 'skipped', error });
      return;
    }
    if (seen.has(filePath)) return;
    seen.add(filePath);
    jobs.push({ path: filePath, size, format });
  };

  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      settled.push({ path: dir, status: 'failed', error: { code: 'unreadable', message: `cannot read folder: ${(error as Error).message}` } });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (isHidden(entry.name)) {
        settled.push({ path: full, status: 'skipped', error: { code: 'unsupported', message: 'hidden file or folder' } });
        continue;
      }
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      let stat: fs.Stats | undefined;
      try {
        // Follows a symlink to a file; a loop, a dangling link or a vanished file fails alone.
        stat = fs.statSync(full);
      } catch (error) {
        settled.push({ path: full, status: 'failed', error: { code: 'unreadable', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } });
        continue;
      }
      if (stat.isFile()) addFile(full, stat.size, false);
      else if (entry.isSymbolicLink() && stat.isDirectory()) {
        // Symlinked folders are not followed (no loops, nothing outside what was chosen): say so.
        settled.push({ path: full, status: 'skipped', error: { code: 'unsupported', message: 'a link to a folder is not followed' } });
      }
    }
  };

  for (const given of paths) {
    const full = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(error as Error).message}`;
      settled.push({ path: full, status: 'failed', error: { code: 'unreadable', message } });
      continue;
    }
    if (stat.isDirectory()) walk(full);
    else addFile(full, stat.size, true);
  }
  return { jobs, settled };
}
