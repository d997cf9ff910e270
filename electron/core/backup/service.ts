// The archive's backup methods (backupNow, backupStatus, setBackupSettings): settings and history
// in settings.json, one backup at a time, the newest `keepBackups` kept in the backup folder.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupResult, BackupStatus, RestoredBackup } from '../../shared/dto.js';
import { ArchiveError, toErrorShape } from '../../shared/errors.js';
import type { Db } from '../storage/database.js';
import { writeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { backupDue, backupFileName, keepBackups, readBackupSettings, updateBackupSettings, type BackupSettings } from './settings.js';

export interface BackupServiceOptions {
  db: Db;
  archiveDir: string;
  now?: () => Date;
}

/** Backups of one open archive. */
export function backupService(options: BackupServiceOptions) {
  const { db, archiveDir } = options;
  const now = options.now ?? (() => new Date());
  let running = false;
  /** The backup being written, so closing the archive can stop it and wait for its cleanup. */
  let current: { promise: Promise<unknown>; abort: AbortController } | null = null;

  const status = (settings = readBackupSettings(archiveDir)): BackupStatus => ({
    folder: settings.folder,
    auto: settings.auto,
    keep: keepBackups,
    lastBackupAt: settings.lastBackupAt,
    lastBackupFile: settings.lastBackupFile,
    lastError: settings.lastError,
    running,
  });

  /** Records a settings change; an archive on a read-only disk still backs up, it just cannot remember it. */
  const remember = (change: (settings: BackupSettings) => BackupSettings): void => {
    try {
      updateBackupSettings(archiveDir, change);
    } catch {
      // best effort
    }
  };

  return {
    status: () => status(),

    /** Sets the backup folder (an existing folder outside the archive) and/or automatic backups. */
    setSettings(change: { folder?: string | null; auto?: boolean }): BackupStatus {
      let folder = change.folder;
      if (typeof folder === 'string') folder = checkFolder(folder, archiveDir);
      const current = readBackupSettings(archiveDir);
      const nextFolder = folder === undefined ? current.folder : folder;
      const nextAuto = change.auto ?? current.auto;
      if (nextAuto && !nextFolder) throw new ArchiveError('invalid-argument', 'choose a backup folder before turning on automatic backups');
      try {
        return status(updateBackupSettings(archiveDir, (s) => ({ ...s, folder: nextFolder, auto: nextAuto })));
      } catch (error) {
        throw new ArchiveError('read-only', `cannot save the backup settings in ${archiveDir}: ${toErrorShape(error).message.split('\n')[0]}`);
      }
    },

    /**
     * Writes a backup to `file`, or into the backup folder. With `ifDue`, only when an automatic
     * backup is due (else, and while another backup runs, it returns null).
     */
    async backupNow(args: { file?: string; ifDue?: boolean }): Promise<BackupResult | null> {
      if (running) {
        if (args.ifDue) return null;
        throw new ArchiveError('busy', 'a backup is already being written: wait for it to finish');
      }
      const settings = readBackupSettings(archiveDir);
      if (args.ifDue && !backupDue(settings, now())) return null;
      const intoFolder = args.file === undefined;
      let target: string;
      if (args.file !== undefined) target = path.resolve(args.file);
      else if (settings.folder) target = freshName(settings.folder, now(), settings.made);
      else throw new ArchiveError('invalid-argument', 'choose a backup folder first');
      running = true;
      const abort = new AbortController();
      const writing = writeBackup({ db, archiveDir, file: target, createdAt: now(), signal: abort.signal });
      current = { promise: writing.catch(() => undefined), abort };
      try {
        const result = await writing;
        remember((s) => {
          const made = intoFolder ? pruneMade(s.folder, [...s.made, result.file]) : s.made;
          return { ...s, lastBackupAt: result.createdAt, lastBackupFile: result.file, lastError: null, made };
        });
        return result;
      } catch (error) {
        // A failed backup into the folder (the automatic ones) is shown in the app until one succeeds.
        if (intoFolder && !abort.signal.aborted) remember((s) => ({ ...s, lastError: { at: now().toISOString(), message: toErrorShape(error).message } }));
        throw error;
      } finally {
        running = false;
        current = null;
      }
    },

    /** Restores `file` into `target`, a new or empty folder outside this archive's (restore.ts checks the rest). */
    restore(args: { file: string; target: string }): RestoredBackup {
      const target = path.resolve(args.target);
      if (isInside(target, archiveDir)) {
        throw new ArchiveError('invalid-argument', `${target} is this archive's folder or inside it: restore into a new folder elsewhere (nothing was changed)`);
      }
      const r = restoreBackup({ file: args.file, targetDir: target });
      return { target: r.dir, createdAt: r.createdAt, counts: r.counts, bytes: r.bytes, seconds: r.seconds, missingOriginals: r.missingOriginals, damagedOriginals: r.damagedOriginals };
    },

    /** Stops a backup being written (its partial file is removed) and waits for it; call before closing the database. */
    async close(): Promise<void> {
      if (!current) return;
      current.abort.abort();
      await current.promise;
    },
  };
}

function checkFolder(folder: string, archiveDir: string): string {
  const resolved = path.resolve(folder);
  let isFolder = false;
  try {
    isFolder = fs.statSync(resolved).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new ArchiveError('invalid-argument', `${resolved} is not an existing folder: create it first or choose another`);
  const relative = path.relative(fs.realpathSync(archiveDir), fs.realpathSync(resolved));
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new ArchiveError('invalid-argument', 'choose a backup folder outside the archive folder (a backup inside it would be lost with it)');
  }
  return resolved;
}

/** Whether `target` (which may not exist yet) is `dir` or inside it, following symlinks of the parts that exist. */
function isInside(target: string, dir: string): boolean {
  let existing = target;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const real = path.join(fs.realpathSync(existing), ...rest);
  const relative = path.relative(fs.realpathSync(dir), real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A backup file name in `folder` that neither exists nor was used before. */
function freshName(folder: string, date: Date, made: string[]): string {
  const base = backupFileName(date);
  const taken = (name: string): boolean => fs.existsSync(name) || made.includes(name);
  let name = path.join(folder, base);
  for (let n = 2; taken(name); n++) name = path.join(folder, base.replace(/\.tar$/, `-${n}.tar`));
  return name;
}

/** Keeps the newest `keepBackups` backups made into `folder`, deleting older ones; forgets files gone or elsewhere. */
function pruneMade(folder: string | null, made: string[]): string[] {
  const mine = made.filter((file) => folder !== null && path.dirname(file) === path.resolve(folder) && fs.existsSync(file));
  const drop = mine.slice(0, Math.max(0, mine.length - keepBackups));
  for (const file of drop) fs.rmSync(file, { force: true });
  return mine.slice(drop.length);
}
