// The archive's backup settings and history: settings.json in the archive folder, beside
// khizana.sqlite (not in the database, so restoring an old backup never brings back old settings,
// and not in backups: the folder it names belongs to one machine).
//
//   { "backup": { "folder": "/home/me/Backups/khizana", "auto": true,
//                 "lastBackupAt": "2026-11-27T09:00:00.000Z", "lastBackupFile": "…/khizana-backup-2026-11-27-100000.tar",
//                 "lastError": null, "made": ["…/khizana-backup-2026-11-26-093000.tar", "…"] } }
//
// `made` lists the backups Khizana wrote into `folder`, oldest first: only those are ever deleted
// when more than `keep` exist. Files someone else put in the folder are never touched.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const settingsFileName = 'settings.json';
/** Backups kept in the backup folder. */
export const keepBackups = 7;
/** An automatic backup is due when the last one is this old. */
export const autoBackupEveryMs = 24 * 60 * 60 * 1000;

const backupSettingsSchema = z.object({
  folder: z.string().min(1).nullable().catch(null),
  auto: z.boolean().catch(false),
  lastBackupAt: z.string().nullable().catch(null),
  lastBackupFile: z.string().nullable().catch(null),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable().catch(null),
  made: z.array(z.string()).catch([]),
});

export type BackupSettings = z.infer<typeof backupSettingsSchema>;

const emptySettings: BackupSettings = { folder: null, auto: false, lastBackupAt: null, lastBackupFile: null, lastError: null, made: [] };

/** The backup settings of the archive in `archiveDir` (defaults when there is no file or it is unreadable). */
export function readBackupSettings(archiveDir: string): BackupSettings {
  const all = readSettingsFile(archiveDir);
  const parsed = backupSettingsSchema.safeParse({ ...emptySettings, ...(isObject(all.backup) ? all.backup : {}) });
  return parsed.success ? parsed.data : { ...emptySettings };
}

/** Changes the backup settings (other keys of settings.json are kept); written to a temp file and renamed. */
export function updateBackupSettings(archiveDir: string, change: (settings: BackupSettings) => BackupSettings): BackupSettings {
  const all = readSettingsFile(archiveDir);
  const next = change(readBackupSettings(archiveDir));
  const file = path.join(archiveDir, settingsFileName);
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, `${JSON.stringify({ ...all, backup: next }, null, 2)}\n`);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return next;
}

/** The name of a backup made into the backup folder at `date` (local time, sorts by age). */
export function backupFileName(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `khizana-backup-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}.tar`;
}

/** True when automatic backups are on, a folder is set and the last backup is a day old (or none exists). */
export function backupDue(settings: BackupSettings, now: Date): boolean {
  if (!settings.auto || !settings.folder) return false;
  if (!settings.lastBackupAt) return true;
  const last = Date.parse(settings.lastBackupAt);
  return !Number.isFinite(last) || now.getTime() - last >= autoBackupEveryMs || last > now.getTime();
}

function readSettingsFile(archiveDir: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(archiveDir, settingsFileName), 'utf8'));
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
