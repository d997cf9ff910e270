// The app's daily automatic backups: shortly after start one is written when due, and the hourly
// checks after it write none until a day has passed (the archive decides what is due).
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { scheduleAutoBackups } from '../../../electron/core/backup/auto-backup.js';
import { freshArchive } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

it('writes a backup when one is due, then none until the next day', async () => {
  const session = await freshArchive();
  const folder = tempDir('khizana-backups-');
  const logged: string[] = [];
  let stop = (): void => undefined;
  try {
    await session.api.addNote({ text: 'keep me' });
    stop = scheduleAutoBackups(session.api, { firstCheckMs: 10, everyMs: 30, log: (m) => logged.push(m) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fs.readdirSync(folder)).toEqual([]); // automatic backups are off until turned on
    await session.api.setBackupSettings({ folder, auto: true });
    const deadline = Date.now() + 10_000;
    while (fs.readdirSync(folder).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200)); // several more checks
    expect(fs.readdirSync(folder)).toHaveLength(1);
    expect(logged).toEqual([`automatic backup written: ${path.join(folder, fs.readdirSync(folder)[0]!)}`]);
    expect((await session.api.backupStatus({})).lastBackupFile).toBe(path.join(folder, fs.readdirSync(folder)[0]!));
  } finally {
    stop();
    await session.close();
  }
});
