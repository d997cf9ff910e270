// khizana backup [FILE] [--json]   and   khizana --archive DIR restore FILE [--json]
import fs from 'node:fs';
import path from 'node:path';
import { databaseFileName, openArchive } from '../../core/archive.js';
import { restoreBackup } from '../../core/backup/restore.js';
import type { BackupCounts } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { parseCommandArgs } from '../args.js';
import { printJson, UsageError } from '../output.js';
import { commandHelp } from '../usage.js';

const number = (n: number): string => n.toLocaleString('en-US');
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

const count = (n: number, one: string, many = `${one}s`): string => `${number(n)} ${n === 1 ? one : many}`;

function describeCounts(c: BackupCounts): string {
  return `${count(c.articles, 'article')}, ${count(c.notes, 'note')}, ${count(c.tags, 'tag')}, ${count(c.savedSearches, 'saved search', 'saved searches')} and ${count(c.originals, 'original file')}`;
}

function warnOriginals(missing: string[], damaged: string[], verb: string): void {
  if (missing.length) process.stderr.write(`khizana: warning: ${missing.length} original file(s) were missing from the archive folder and are not in the ${verb} (first: files/${missing[0]!.slice(0, 2)}/${missing[0]})\n`);
  if (damaged.length) process.stderr.write(`khizana: warning: ${damaged.length} original file(s) no longer match their checksum and are in the ${verb} as they were found (first: files/${damaged[0]!.slice(0, 2)}/${damaged[0]})\n`);
}

/** Backs up the archive in `dir` to FILE (or into the backup folder set in the app). */
export async function backupCommand(dir: string, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) {
    console.log(commandHelp.backup);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('usage: khizana backup [FILE] [--json]');
  if (!fs.existsSync(path.join(dir, databaseFileName))) throw new ArchiveError('not-found', `there is no archive in ${dir}: nothing to back up`);
  const session = await openArchive({ dir, parseWorkers: 0 });
  try {
    if (positionals[0] === undefined && (await session.api.backupStatus({})).folder === null) {
      throw new UsageError('backup needs a FILE to write (no backup folder is set; the app sets one: Back Up Now…)');
    }
    const result = await session.api.backupNow(positionals[0] === undefined ? {} : { file: path.resolve(positionals[0]) });
    if (!result) throw new ArchiveError('internal', 'no backup was written');
    if (values.json) printJson(result);
    else console.log(`Backed up ${describeCounts(result.counts)} to ${result.file} (${megabytes(result.bytes)}, ${result.seconds.toFixed(1)} s)`);
    warnOriginals(result.missingOriginals, result.damagedOriginals, 'backup');
    return 0;
  } finally {
    await session.close();
  }
}

/** Restores FILE into the archive folder `dir`, which must be new or empty. */
export async function restoreCommand(dir: string, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) {
    console.log(commandHelp.restore);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('usage: khizana --archive DIR restore FILE');
  const result = restoreBackup({ file: positionals[0]!, targetDir: dir });
  if (values.json) printJson(result);
  else {
    console.log(`Restored the backup of ${result.createdAt} (Khizana ${result.khizanaVersion}) into ${result.dir}: ${describeCounts(result.counts)} (${result.seconds.toFixed(1)} s)`);
    console.log(`Use it with: khizana --archive ${JSON.stringify(result.dir)} …  (or KHIZANA_ARCHIVE, or the app's --archive)`);
  }
  warnOriginals(result.missingOriginals, result.damagedOriginals, 'restored archive');
  return 0;
}
