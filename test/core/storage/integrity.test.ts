// Damaged archives (issue 8, item 4): a lost or emptied database beside stored originals is
// refused; garbage inside the database is found before anything more is written; reads of a
// damaged database fail with `corrupt`, never `internal`.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFileName, openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import { fileState, integrityGuard, verifiedStateFile } from '../../../electron/core/storage/integrity.js';
import { writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

const open = (dir: string) => openArchive({ dir, parseWorkers: 0 });

/** An archive with one imported file (so files/ holds an original) and `notes` notes. */
async function archiveWithContent(notes = 0): Promise<string> {
  const dir = path.join(tempDir(), 'archive');
  const session = await open(dir);
  const report = await session.api.importPaths({ paths: [writeFiles({ 'a.txt': 'Harbour news from Idlib' })], tags: [] });
  expect(report.imported).toBe(1);
  // Varied words, so the index has many pages too; ~1.5 KB per note.
  for (let k = 0; k < notes; k++) {
    const words = Array.from({ length: 200 }, (_, w) => `harbour w${(k * 7919 + w * 104729) % 50_000}`).join(' ');
    await session.api.addNote({ text: words });
  }
  await session.close();
  return dir;
}

/** Overwrites 64 KB in the middle of the file with deterministic noise (a small LCG). */
function writeGarbage(file: string, offset?: number): void {
  const size = fs.statSync(file).size;
  const at = offset ?? Math.floor(size / 2 / 4096) * 4096 + 1000;
  const noise = Buffer.alloc(Math.min(65_536, size - at));
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, noise, 0, noise.length, at);
  fs.closeSync(fd);
}

/** sha256 of the file after its 100-byte header (where SQLite keeps the journal mode and change counter). */
function bodyHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file).subarray(100)).digest('hex');
}

describe('a lost or emptied database beside stored originals', () => {
  it('refuses a 0-byte database: corrupt, says what is wrong and how to recover, creates nothing', async () => {
    const dir = await archiveWithContent();
    const db = path.join(dir, databaseFileName);
    fs.writeFileSync(db, '');
    const error = await open(dir).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'corrupt' });
    expect((error as Error).message).toMatch(/khizana\.sqlite is empty \(0 bytes\) while 1 original file is stored in .*files; .*restore a backup/);
    expect((error as Error).message).not.toContain('\n');
    expect(fs.statSync(db).size).toBe(0);
  });

  it('refuses a missing database and does not create one', async () => {
    const dir = await archiveWithContent();
    const db = path.join(dir, databaseFileName);
    fs.rmSync(db);
    await expect(open(dir)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(/khizana\.sqlite is missing while 1 original file is stored/) });
    expect(fs.existsSync(db)).toBe(false);
  });

  it('still creates a new archive in a new folder, or one whose files/ folder is empty', async () => {
    const fresh = path.join(tempDir(), 'new');
    archive = await open(fresh);
    expect((await archive.api.addNote({ text: 'first' })).id).toBe(1);
    await archive.close();
    const emptied = path.join(tempDir(), 'emptied');
    fs.mkdirSync(path.join(emptied, 'files', 'ab'), { recursive: true });
    archive = await open(emptied);
    expect((await archive.api.stats({})).notes).toBe(0);
  });

  it('files on their way in (an upload waiting, a temp original) are not stored originals', async () => {
    const dir = path.join(tempDir(), 'only-uploads');
    fs.mkdirSync(path.join(dir, 'files', '.uploads', 'khizana-upload-1-AbCdEf', 'batch'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'files', '.uploads', 'khizana-upload-1-AbCdEf', 'batch', 'a.txt'), 'an upload');
    fs.mkdirSync(path.join(dir, 'files', '.incoming'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'files', '.incoming', `${'a'.repeat(64)}.1.1`), 'a temp original');
    archive = await open(dir);
    expect((await archive.api.stats({})).articles).toBe(0);
  });
});

describe('uploads a crashed serve left in the archive', () => {
  it('are removed when the archive is opened; those of a process still running stay', async () => {
    const dir = path.join(tempDir(), 'archive');
    await (await open(dir)).close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const uploads = path.join(dir, 'files', '.uploads');
    for (const pid of [dead, process.ppid]) {
      fs.mkdirSync(path.join(uploads, `khizana-upload-${pid}-AbCdEf`, 'batch'), { recursive: true });
      fs.writeFileSync(path.join(uploads, `khizana-upload-${pid}-AbCdEf`, 'batch', 'dropped.txt'), 'left behind');
    }
    archive = await open(dir);
    expect(fs.readdirSync(uploads)).toEqual([`khizana-upload-${process.ppid}-AbCdEf`]);
  });
});

describe('garbage inside the database', () => {
  it('is found before the next write: corrupt, with how to recover, and nothing more is written', async () => {
    const dir = await archiveWithContent(300);
    const db = path.join(dir, databaseFileName);
    writeGarbage(db);
    const before = bodyHash(db);
    archive = await open(dir);
    for (const write of [() => archive!.api.addNote({ text: 'after the damage' }), () => archive!.api.addTag({ id: 1, tag: 'x' })]) {
      const error = await write().then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'corrupt' });
      expect((error as Error).message).toMatch(/khizana\.sqlite is damaged \(.+\); nothing more is written to it: restore a backup \(see "Damaged or read-only archives" in the README\)$/);
      expect((error as Error).message).not.toContain('\n');
    }
    await archive.close();
    archive = null;
    expect(bodyHash(db)).toBe(before);
  });

  it('makes reads fail with corrupt, never internal', async () => {
    const dir = await archiveWithContent(300);
    writeGarbage(path.join(dir, databaseFileName));
    archive = await open(dir);
    await expect(archive.api.search({ query: 'harbour', limit: 1000 })).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('in the header (not a database at all) is corrupt, not archive-unavailable', async () => {
    const dir = await archiveWithContent();
    writeGarbage(path.join(dir, databaseFileName), 0);
    await expect(open(dir)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(/is damaged \(file is not a database\)/) });
  });
});

describe('the integrity check is remembered per file state', () => {
  it('is skipped while the file is as a good session left it, and runs again once anything else changed it', async () => {
    const dir = await archiveWithContent(300);
    const file = path.join(dir, databaseFileName);
    // The good session's close recorded the file's state.
    expect(JSON.parse(fs.readFileSync(verifiedStateFile(file), 'utf8'))).toEqual(fileState(file));

    // Damage the file, then record its damaged state as if a good session had left it so: the
    // guard trusts the record and does not check (which is what makes unchanged files free).
    writeGarbage(file);
    fs.writeFileSync(verifiedStateFile(file), JSON.stringify(fileState(file)));
    const db = new Database(file, { readonly: true });
    try {
      expect(() => integrityGuard(file).beforeWrite(db)).not.toThrow();
      // Anything that changes the file without recording (here only its times) means a check.
      const later = new Date(Date.now() + 5000);
      fs.utimesSync(file, later, later);
      expect(() => integrityGuard(file).beforeWrite(db)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    } finally {
      db.close();
    }
  });

  it('records the state after each write, so a second session does not check again', async () => {
    const dir = await archiveWithContent();
    const file = path.join(dir, databaseFileName);
    archive = await open(dir);
    await archive.api.addNote({ text: 'one' });
    const other = await open(dir); // a concurrent session (serve and the CLI)
    try {
      await other.api.addTag({ id: 1, tag: 'x' });
      expect(JSON.parse(fs.readFileSync(verifiedStateFile(file), 'utf8'))).toEqual(fileState(file));
    } finally {
      await other.close();
    }
  });
});

describe('closing an archive', () => {
  it('leaves its database out of WAL mode, with no -wal or -shm file, so it can be opened from a read-only place', async () => {
    const dir = await archiveWithContent(3);
    const file = path.join(dir, databaseFileName);
    const header = fs.readFileSync(file).subarray(18, 20);
    expect([...header]).toEqual([1, 1]); // 1, 1: rollback journal; 2, 2: WAL
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
    // And it is WAL again while open.
    archive = await open(dir);
    expect([...fs.readFileSync(file).subarray(18, 20)]).toEqual([2, 2]);
  });
});
