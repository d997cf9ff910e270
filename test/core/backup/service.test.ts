// Backup settings, "Back up now" into the backup folder, the newest 7 kept, daily automatic
// backups: through the contract on a real archive, and with a clock for "a day later".
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import { backupService } from '../../../electron/core/backup/service.js';
import { readBackupSettings } from '../../../electron/core/backup/settings.js';
import { tempDir } from '../../support/paths.js';

let session: ArchiveSession | null = null;
const dbs: Database.Database[] = [];
afterEach(async () => {
  await session?.close();
  session = null;
  for (const db of dbs.splice(0)) db.close();
});

async function archiveWithNote(): Promise<ArchiveSession> {
  session = await openArchive({ dir: path.join(tempDir(), 'archive'), parseWorkers: 0 });
  await session.api.addNote({ text: 'something worth keeping' });
  return session;
}

it('remembers the folder and automatic backups in settings.json; refuses folders that cannot work', async () => {
  const { api, dir } = await archiveWithNote();
  expect(await api.backupStatus({})).toEqual({ folder: null, auto: false, keep: 7, lastBackupAt: null, lastBackupFile: null, lastError: null, running: false });
  await expect(api.setBackupSettings({ auto: true })).rejects.toThrow(/choose a backup folder before turning on automatic backups/);
  await expect(api.setBackupSettings({ folder: path.join(tempDir(), 'missing') })).rejects.toThrow(/is not an existing folder/);
  await expect(api.setBackupSettings({ folder: path.join(dir, 'files') })).rejects.toThrow(/outside the archive folder/);
  await expect(api.backupNow({})).rejects.toThrow(/choose a backup folder first/);

  const folder = tempDir('khizana-backups-');
  expect(await api.setBackupSettings({ folder, auto: true })).toMatchObject({ folder, auto: true });
  const saved = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')) as { backup: unknown };
  expect(saved.backup).toMatchObject({ folder, auto: true });
  // Another process (the CLI, serve) reads the same settings.
  await session!.close();
  session = await openArchive({ dir, parseWorkers: 0 });
  expect(await session.api.backupStatus({})).toMatchObject({ folder, auto: true });
});

it('"Back up now" writes into the folder and records the time', async () => {
  const { api } = await archiveWithNote();
  const folder = tempDir('khizana-backups-');
  await api.setBackupSettings({ folder });
  const result = (await api.backupNow({}))!;
  expect(path.dirname(result.file)).toBe(folder);
  expect(path.basename(result.file)).toMatch(/^khizana-backup-\d{4}-\d{2}-\d{2}-\d{6}\.tar$/);
  const status = await api.backupStatus({});
  expect(status.lastBackupFile).toBe(result.file);
  expect(Date.now() - Date.parse(status.lastBackupAt!)).toBeLessThan(60_000);
});

it('keeps the newest 7 backups it made in the folder, and never touches other files', async () => {
  const dir = path.join(tempDir(), 'archive');
  await (await openArchive({ dir, parseWorkers: 0 })).close();
  const db = new Database(path.join(dir, 'khizana.sqlite'));
  dbs.push(db);
  let now = new Date(2026, 2, 1, 9, 0, 0);
  const service = backupService({ db, archiveDir: dir, now: () => now });
  const folder = tempDir('khizana-backups-');
  fs.writeFileSync(path.join(folder, 'someone-elses.tar'), 'not ours');
  service.setSettings({ folder });
  const made: string[] = [];
  for (let day = 0; day < 9; day++) {
    made.push((await service.backupNow({}))!.file);
    now = new Date(now.getTime() + 24 * 3600_000);
  }
  expect(path.basename(made[0]!)).toBe('khizana-backup-2026-03-01-090000.tar');
  expect(fs.readdirSync(folder).sort()).toEqual([...made.slice(2).map((f) => path.basename(f)), 'someone-elses.tar'].sort());
  expect(readBackupSettings(dir).made).toEqual(made.slice(2));
  // Two in the same second get distinct names.
  now = new Date(now.getTime() - 24 * 3600_000);
  const again = (await service.backupNow({}))!.file;
  expect(path.basename(again)).toBe('khizana-backup-2026-03-09-090000-2.tar');
  expect(fs.existsSync(again)).toBe(true);
});

it('a backup to a chosen file also counts as the last backup, but is never pruned', async () => {
  const { api } = await archiveWithNote();
  const file = path.join(tempDir(), 'by-hand.tar');
  await api.backupNow({ file });
  expect(await api.backupStatus({})).toMatchObject({ lastBackupFile: file });
});

it('an automatic backup is due daily, only when turned on; a failure is shown until one succeeds', async () => {
  const dir = path.join(tempDir(), 'archive');
  await (await openArchive({ dir, parseWorkers: 0 })).close();
  const db = new Database(path.join(dir, 'khizana.sqlite'));
  dbs.push(db);
  let now = new Date('2026-03-01T09:00:00Z');
  const service = backupService({ db, archiveDir: dir, now: () => now });
  const folder = tempDir('khizana-backups-');

  expect(await service.backupNow({ ifDue: true })).toBeNull(); // not turned on
  service.setSettings({ folder, auto: true });
  const first = await service.backupNow({ ifDue: true });
  expect(first).not.toBeNull();
  now = new Date(now.getTime() + 23 * 3600_000);
  expect(await service.backupNow({ ifDue: true })).toBeNull(); // 23 hours later: not yet
  now = new Date(Date.parse(first!.createdAt) + 24 * 3600_000 + 1000);
  expect(await service.backupNow({ ifDue: true })).not.toBeNull();

  // The folder goes away (an unplugged disk): the attempt fails and the status says why.
  fs.rmSync(folder, { recursive: true });
  now = new Date(now.getTime() + 25 * 3600_000);
  await expect(service.backupNow({ ifDue: true })).rejects.toThrow(/does not exist/);
  expect(service.status().lastError).toMatchObject({ message: expect.stringMatching(/does not exist/) });
  fs.mkdirSync(folder);
  await service.backupNow({ ifDue: true });
  expect(service.status().lastError).toBeNull();
});

it('one backup at a time', async () => {
  const { api } = await archiveWithNote();
  const folder = tempDir('khizana-backups-');
  const first = api.backupNow({ file: path.join(folder, 'a.tar') });
  await expect(api.backupNow({ file: path.join(folder, 'b.tar') })).rejects.toMatchObject({ code: 'busy' });
  expect(await api.backupNow({ ifDue: true })).toBeNull();
  await first;
  expect(fs.readdirSync(folder)).toEqual(['a.tar']);
});

it('closing the archive during a backup stops it and leaves no partial file', async () => {
  const { api } = await archiveWithNote();
  for (let i = 0; i < 100; i++) await api.addNote({ text: `note ${i} ${'filler text '.repeat(500)}` });
  const folder = tempDir('khizana-backups-');
  const file = path.join(folder, 'stopped.tar');
  const writing = api.backupNow({ file }).then(
    () => 'written',
    (error: { code: string }) => error.code,
  );
  await session!.close();
  session = null;
  expect(await writing).toBe('cancelled');
  expect(fs.readdirSync(folder)).toEqual([]);
});

it('restores a backup through the API into a new folder; refuses a non-empty folder, the archive\'s own, a damaged file', async () => {
  const { api, dir } = await archiveWithNote();
  await api.saveSearch({ name: 'kept', query: 'keeping' });
  const backup = (await api.backupNow({ file: path.join(tempDir(), 'one.tar') }))!;
  const target = path.join(tempDir(), 'restored');
  const restored = await api.restoreBackup({ file: backup.file, target });
  expect(restored).toMatchObject({ target, createdAt: backup.createdAt, counts: backup.counts, missingOriginals: [], damagedOriginals: [] });
  expect(restored.counts).toMatchObject({ notes: 1, savedSearches: 1 });
  const reopened = await openArchive({ dir: target, parseWorkers: 0 });
  expect((await reopened.api.search({ query: 'keeping' })).total).toBe(1);
  await reopened.close();

  await expect(api.restoreBackup({ file: backup.file, target })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/is not empty/) });
  for (const own of [dir, path.join(dir, 'restored'), path.join(dir, 'files', 'new')]) {
    await expect(api.restoreBackup({ file: backup.file, target: own })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/this archive's folder or inside it: restore into a new folder elsewhere/),
    });
  }
  expect(fs.existsSync(path.join(dir, 'restored'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'files', 'new'))).toBe(false);

  const damaged = path.join(tempDir(), 'damaged.tar');
  const bytes = fs.readFileSync(backup.file);
  fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const parent = tempDir();
  await expect(api.restoreBackup({ file: damaged, target: path.join(parent, 'never') })).rejects.toThrow(/damaged\.tar/);
  expect(fs.readdirSync(parent)).toEqual([]); // neither the target nor a temp folder is left
  expect((await api.search({ query: 'keeping' })).total).toBe(1); // the open archive is unchanged
});
