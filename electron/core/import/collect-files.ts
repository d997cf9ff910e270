// Expands the paths a user gave into the files to import: folders recursively, hidden entries skipped.
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileResult } from '../../shared/dto.js';
import { ArchiveError, type ErrorShape } from '../../shared/errors.js';
import { formatForPath, type FormatEntry } from './formats/registry.js';
import { describeSpecialFile, notRegularFile, unreadable } from './read-source-file.js';

export interface FileJob {
  /** The path shown in reports and stored as the source (names that are not UTF-8 show U+FFFD for their bad bytes). */
  path: string;
  /** What to open: the path itself, or its raw bytes when a name in it is not valid UTF-8. */
  file: string | Buffer;
  size: number;
  format: FormatEntry;
}

export interface Collected {
  jobs: FileJob[];
  /** Paths settled without reading: missing or not a regular file (failed), hidden, unsupported, links not followed (skipped). */
  settled: ImportFileResult[];
}

/**
 * A path on disk: a string, or raw bytes once a name on the way is not valid UTF-8 (Node would
 * replace its bad bytes with U+FFFD in a string, and that path does not exist).
 */
type RawPath = string | Buffer;

const sepByte = Buffer.from(path.sep);

function childPath(dir: RawPath, name: Buffer): RawPath {
  if (typeof dir === 'string' && isUtf8(name)) return path.join(dir, name.toString());
  const parent = Buffer.from(dir);
  return Buffer.concat(parent.subarray(-1).equals(sepByte) ? [parent, name] : [parent, sepByte, name]);
}

/** How a path reads in a report: bytes that are not UTF-8 become U+FFFD. */
function shown(file: RawPath): string {
  return typeof file === 'string' ? file : file.toString('utf8');
}

/** True when `real` lies under the folder `root` (both real paths, as bytes). */
function isInside(real: Buffer, root: Buffer): boolean {
  if (root.subarray(-1).equals(sepByte)) return real.subarray(0, root.length).equals(root); // the file system root
  return real.length > root.length && real.subarray(0, root.length).equals(root) && real.subarray(root.length, root.length + sepByte.length).equals(sepByte);
}

/**
 * A path given as a string whose names on disk are not UTF-8 arrives with U+FFFD in their place
 * (command-line arguments, a dropped file): the one real path it stands for, or null.
 */
function findRawPath(given: string): Buffer | null {
  if (!given.includes('\uFFFD')) return null;
  const { root } = path.parse(given);
  let raw: RawPath = root;
  for (const part of given.slice(root.length).split(path.sep).filter(Boolean)) {
    let name: Buffer = Buffer.from(part);
    if (part.includes('\uFFFD')) {
      let names: Buffer[];
      try {
        names = fs.readdirSync(raw, { encoding: 'buffer' });
      } catch {
        return null;
      }
      const matches = names.filter((n) => n.toString('utf8') === part);
      if (matches.length !== 1) return null;
      name = matches[0]!;
    }
    raw = childPath(raw, name);
  }
  return typeof raw === 'string' ? null : raw;
}

/** The entry itself and, for a link, what it points to (throws when either is missing). */
function lookUp(file: RawPath): { link: fs.Stats; stat: fs.Stats } {
  const link = fs.lstatSync(file);
  return { link, stat: link.isSymbolicLink() ? fs.statSync(file) : link };
}

/** Saved web pages a browser may have written a resources folder beside. */
const savedPageExtension = /\.(?:html?|xhtml)$/i;

/** The base names (without extension) of the saved web pages among a folder's entries, mapped to their full names. */
function savedPageNames(names: string[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const name of names) if (savedPageExtension.test(name)) pages.set(name.replace(savedPageExtension, ''), name);
  return pages;
}

/**
 * The page whose resources folder `name` is, or null: browsers save `page.html` with a folder
 * named after it plus a separator and one localised word (page_files, page-Dateien,
 * page_archivos, page-fichiers, page_file …).
 */
function pageOfResourceFolder(name: string, pages: Map<string, string>): string | null {
  const match = /^(.+)[_\-. ]\p{L}+$/u.exec(name);
  if (!match || pages.size === 0) return null;
  // The base itself may contain separators ("my_page_files"): try each split, longest base first.
  for (let cut = name.length - 1; cut > 0; cut--) {
    if (!/[_\-. ]/.test(name[cut]!) || !/^\p{L}+$/u.test(name.slice(cut + 1))) continue;
    const page = pages.get(name.slice(0, cut));
    if (page !== undefined) return page;
  }
  return null;
}

/**
 * True for a folder holding no document of its own: a browser's resources folder has images
 * (importable for OCR, but not documents here), styles, scripts and perhaps framed pages; a folder of the user's that happens to share the
 * name ("report_drafts" beside report.html) holds documents and is walked as usual.
 */
function isResourceFolder(file: RawPath): boolean {
  try {
    if (!fs.lstatSync(file).isDirectory()) return false;
    return fs.readdirSync(file).every((entry) => {
      if (savedPageExtension.test(entry)) return true;
      const format = formatForPath(entry)?.format;
      return format === undefined || format === 'image';
    });
  } catch {
    return false;
  }
}

/**
 * Walks the given files and folders. Only regular files are imported: a FIFO, socket or device
 * (or a link to one) is failed when given, skipped when found in a folder. Inside a folder, a
 * link is followed only to a file in that folder (never to a folder: no loops, nothing outside
 * what was chosen); a link given explicitly is followed.
 */
export function collectFiles(paths: string[]): Collected {
  const jobs: FileJob[] = [];
  const settled: ImportFileResult[] = [];
  const seen = new Set<string>();

  const settle = (file: RawPath, explicit: boolean, error: ErrorShape): void => {
    settled.push({ path: shown(file), status: explicit ? 'failed' : 'skipped', error });
  };
  const fail = (file: RawPath, error: ArchiveError): void => {
    settled.push({ path: shown(file), status: 'failed', error: { code: error.code, message: error.message } });
  };

  const addFile = (file: RawPath, size: number, explicit: boolean): void => {
    const display = shown(file);
    const format = formatForPath(display);
    if (!format) {
      const ext = path.extname(display) || 'files without an extension';
      settle(file, explicit, { code: 'unsupported', message: `Khizana cannot import ${ext} files` });
      return;
    }
    // Keyed by the real bytes: two names that differ only in bytes that are not UTF-8 look alike.
    const key = typeof file === 'string' ? file : `\0${file.toString('latin1')}`;
    if (seen.has(key)) return;
    seen.add(key);
    jobs.push({ path: display, file, size, format });
  };

  /** A link found in a folder whose real path is `root`. */
  const followLink = (link: RawPath, root: Buffer): void => {
    let target: fs.Stats;
    let real: Buffer;
    try {
      target = fs.statSync(link);
      real = fs.realpathSync(link, { encoding: 'buffer' });
    } catch (error) {
      const dangling = (error as NodeJS.ErrnoException).code === 'ENOENT';
      fail(link, dangling ? new ArchiveError('unreadable', 'a link to nothing: what it points to does not exist') : unreadable(error, 'the link'));
      return;
    }
    const what = describeSpecialFile(target);
    if (target.isDirectory()) {
      settle(link, false, { code: 'unsupported', message: 'a link to a folder is not followed' });
    } else if (what !== null) {
      settle(link, false, { code: 'unsupported', message: notRegularFile(`a link to ${what} (${shown(real)})`).message });
    } else if (!isInside(real, root)) {
      settle(link, false, { code: 'unsupported', message: `a link to a file outside the imported folder is not followed (it leads to ${shown(real)})` });
    } else addFile(link, target.size, false);
  };

  const walk = (dir: RawPath, root: Buffer): void => {
    let names: Buffer[];
    try {
      names = fs.readdirSync(dir, { encoding: 'buffer' });
    } catch (error) {
      fail(dir, unreadable(error, 'the folder'));
      return;
    }
    const byName = names.map((name) => ({ name, text: name.toString('utf8') }));
    byName.sort((a, b) => a.text.localeCompare(b.text) || Buffer.compare(a.name, b.name));
    const pages = savedPageNames(byName.map((n) => n.text));
    for (const { name, text } of byName) {
      const full = childPath(dir, name);
      if (text.startsWith('.')) {
        settle(full, false, { code: 'unsupported', message: 'hidden file or folder' });
        continue;
      }
      const page = pageOfResourceFolder(text, pages);
      if (page !== null && isResourceFolder(full)) {
        settle(full, false, { code: 'unsupported', message: `the images and scripts a browser saved with ${page}: part of that page, not imported on their own` });
        continue;
      }
      let entry: fs.Stats;
      try {
        entry = fs.lstatSync(full);
      } catch (error) {
        fail(full, unreadable(error)); // vanished since the folder was listed
        continue;
      }
      if (entry.isDirectory()) walk(full, root);
      else if (entry.isSymbolicLink()) followLink(full, root);
      else if (entry.isFile()) addFile(full, entry.size, false);
      else settle(full, false, { code: 'unsupported', message: notRegularFile(describeSpecialFile(entry) ?? 'not a regular file').message });
    }
  };

  for (const given of paths) {
    let full: RawPath = path.resolve(given);
    let found: { link: fs.Stats; stat: fs.Stats };
    try {
      found = lookUp(full);
    } catch (error) {
      const raw = (error as NodeJS.ErrnoException).code === 'ENOENT' ? findRawPath(full) : null;
      try {
        if (raw === null) throw error;
        found = lookUp(raw);
        full = raw;
      } catch (error) {
        fail(full, (error as NodeJS.ErrnoException).code === 'ENOENT' ? new ArchiveError('unreadable', 'no such file or folder') : unreadable(error));
        continue;
      }
    }
    const { link, stat } = found;
    const what = describeSpecialFile(stat);
    try {
      if (stat.isDirectory()) walk(full, fs.realpathSync(full, { encoding: 'buffer' }));
      else if (what === null) addFile(full, stat.size, true);
      else fail(full, notRegularFile(link.isSymbolicLink() ? `a link to ${what} (${shown(fs.realpathSync(full, { encoding: 'buffer' }))})` : what));
    } catch (error) {
      fail(full, unreadable(error)); // removed or replaced while we looked
    }
  }
  return { jobs, settled };
}
