// Backup and restore on real archives: a round trip gives the same archive (counts, searches,
// items, originals byte for byte), and every kind of bad file — cut short, bit-flipped, foreign,
// newer — is refused with one clear line, leaving nothing in or beside the target folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import { writeBackup } from '../../../electron/core/backup/backup.js';
import { restoreBackup } from '../../../electron/core/backup/restore.js';
import { BLOCK, paddingFor, parseTarHeader, tarHeader } from '../../../electron/core/backup/tar.js';
import type { ArchiveApi } from '../../../electron/shared/contract.js';
import { ArchiveError } from '../../../electron/shared/errors.js';
import { writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';
import { fixturesDir, samplePath } from '../../support/shared.js';

/** An archive with articles of several formats, tags with a colour, notes and a saved search. */
async function populatedArchive(dir: string): Promise<ArchiveSession> {
  const session = await openArchive({ dir, parseWorkers: 0 });
  const { api } = session;
  const texts = writeFiles({
    'walrus.txt': 'The walrus and the carpenter walked on the beach',
    'oil.md': '---\ntitle: Oil prices\ntags: [economy]\n---\nOil prices rose sharply in March.',
    'nested/idlib.txt': 'تقرير عن ادلب والقرى المحيطة',
  });
  await api.importPaths({ paths: [samplePath], tags: ['syria/idlib'] });
  await api.importPaths({ paths: [texts, path.join(fixturesDir, 'office/kreuzberg-word_sample.docx')], tags: ['reading'] });
  await api.setTagColor({ tag: 'syria', color: '#aa3300' });
  await api.addNote({ text: 'تحقق من عدد القرى', on: 1 });
  await api.addNote({ text: 'a standalone walrus note' });
  await api.saveSearch({ name: 'idlib', query: 'ادلب', sort: 'newest' });
  return session;
}

const queries = ['ادلب', '"ولا تهنوا"', 'walrus', 'tag:syria', 'in:notes القرى', 'oil prices', 'tag:economy'];

/** Everything a user sees of an archive, for comparing two of them. */
async function view(api: ArchiveApi) {
  const searches = [];
  for (const query of queries) {
    const result = await api.search({ query, limit: 50 });
    searches.push({ query, total: result.total, hits: result.hits.map((h) => [h.id, h.title, h.snippet]) });
  }
  const stats = await api.stats({});
  const items = [];
  for (let id = 1; id <= stats.articles + stats.notes; id++) items.push(await api.getItem({ id }));
  return {
    stats: { ...stats, archiveDir: null },
    tags: await api.listTags({}),
    saved: await api.listSavedSearches({}),
    notes: await api.listNotes({}),
    searches,
    items,
  };
}

/** sha256 of every file under files/, by relative path. */
function originals(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const root = path.join(dir, 'files');
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

/** Where each tar entry's header and data start. */
function entries(tar: Buffer): Array<{ name: string; header: number; data: number; size: number }> {
  const list = [];
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = parseTarHeader(tar.subarray(at, at + BLOCK));
    if (!header) break;
    list.push({ name: header.name, header: at, data: at + BLOCK, size: header.size });
    at += BLOCK + header.size + paddingFor(header.size);
  }
  return list;
}

/** Restoring `file` must fail with `code` and a message matching `message`, leaving nothing at or beside the target. */
function expectRefused(file: string, code: string, message: RegExp): void {
  const parent = tempDir('khizana-restore-');
  const target = path.join(parent, 'restored');
  let error: unknown = null;
  try {
    restoreBackup({ file, targetDir: target });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as ArchiveError).code).toBe(code);
  expect((error as ArchiveError).message).toMatch(message);
  expect((error as ArchiveError).message).not.toContain('\n');
  expect(fs.readdirSync(parent)).toEqual([]);
}

function withBytes(source: string, change: (bytes: Buffer) => Buffer): string {
  const file = path.join(tempDir('khizana-bad-'), path.basename(source));
  fs.writeFileSync(file, change(Buffer.from(fs.readFileSync(source))));
  return file;
}

function flipBit(bytes: Buffer, offset: number): Buffer {
  bytes[offset] = bytes[offset]! ^ 0x10;
  return bytes;
}

let sourceDir: string;
let backupFile: string;
let sourceView: Awaited<ReturnType<typeof view>>;

beforeAll(async () => {
  sourceDir = path.join(tempDir(), 'archive');
  const session = await populatedArchive(sourceDir);
  // Written by this session and not yet checkpointed: the backup must still hold it (the WAL).
  await session.api.addNote({ text: 'the very last note before the backup, zanzibar' });
  sourceView = await view(session.api);
  backupFile = path.join(tempDir(), 'backup.tar');
  const result = (await session.api.backupNow({ file: backupFile }))!;
  expect(result).toMatchObject({ file: backupFile, missingOriginals: [], damagedOriginals: [] });
  expect(result.counts).toEqual({ articles: 5, notes: 3, tags: 4, savedSearches: 1, originals: 5 });
  await session.close();
});

describe('restore round trip', () => {
  it('gives an archive that opens and searches the same, with byte-identical originals', async () => {
    const target = path.join(tempDir(), 'restored');
    const result = restoreBackup({ file: backupFile, targetDir: target });
    expect(result.counts).toEqual({ articles: 5, notes: 3, tags: 4, savedSearches: 1, originals: 5 });
    expect(fs.readdirSync(target).sort()).toEqual(['files', 'khizana.sqlite']);
    expect(originals(target)).toEqual(originals(sourceDir));
    expect(Object.keys(originals(target))).toHaveLength(5);
    const restored = await openArchive({ dir: target, parseWorkers: 0 });
    try {
      const restoredView = await view(restored.api);
      expect(restoredView).toEqual(sourceView);
      expect(restoredView.searches.find((s) => s.query === 'walrus')!.total).toBe(2);
      expect((await restored.api.search({ query: 'zanzibar' })).total).toBe(1);
      // The restored archive is a working archive: it takes new writes.
      await restored.api.addNote({ text: 'written after the restore' });
      expect((await restored.api.search({ query: 'restore' })).total).toBe(1);
    } finally {
      await restored.close();
    }
  });

  it('restores into an existing empty folder', () => {
    const target = tempDir('khizana-empty-');
    restoreBackup({ file: backupFile, targetDir: target });
    expect(fs.existsSync(path.join(target, 'khizana.sqlite'))).toBe(true);
  });

  it('refuses a folder that is not empty, and a file, changing neither', () => {
    const target = tempDir('khizana-full-');
    fs.writeFileSync(path.join(target, 'keep.txt'), 'mine');
    expect(() => restoreBackup({ file: backupFile, targetDir: target })).toThrow(/is not empty: restore into a new or empty folder/);
    expect(fs.readdirSync(target)).toEqual(['keep.txt']);
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    expect(() => restoreBackup({ file: backupFile, targetDir: file })).toThrow(/is a file/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('a damaged backup is refused and nothing is restored', () => {
  it.each([
    ['inside the first header', 100],
    ['after the first header', 600],
    ['in the middle', 0.5],
    ['inside the manifest', -3000],
    ['before the end marker', -1024],
    ['inside the end marker', -512],
    ['one byte short', -1],
  ])('cut %s', (_where, at) => {
    const size = fs.statSync(backupFile).size;
    const cut = at < 0 ? size + at : at < 1 ? Math.floor(size * at) : at;
    expectRefused(withBytes(backupFile, (b) => b.subarray(0, cut)), 'corrupt', /is incomplete \(|is damaged \(/);
  });

  it('cut anywhere says "incomplete"', () => {
    expectRefused(withBytes(backupFile, (b) => b.subarray(0, Math.floor(b.length / 3))), 'corrupt', /is incomplete \(it ends early/);
  });

  const flipIn = (pick: (list: ReturnType<typeof entries>) => number) => withBytes(backupFile, (b) => flipBit(b, pick(entries(b))));

  it.each([
    ['an original', (list: ReturnType<typeof entries>) => list.find((e) => e.name.startsWith('files/'))!.data + 7, /files\/[0-9a-f]{2}\/[0-9a-f]{64} does not match its checksum/],
    ['the database', (list: ReturnType<typeof entries>) => list.find((e) => e.name === 'khizana.sqlite')!.data + 5000, /khizana\.sqlite does not match its checksum/],
    ['the manifest', (list: ReturnType<typeof entries>) => list.find((e) => e.name === 'manifest.json')!.data + 40, /the manifest does not match its checksum/],
    ['the manifest checksum', (list: ReturnType<typeof entries>) => list.find((e) => e.name === 'manifest.json.sha256')!.data + 3, /the manifest does not match its checksum/],
    ['the identity', (list: ReturnType<typeof entries>) => list.find((e) => e.name === 'khizana-backup.json')!.data + 30, /its identity entry cannot be read|khizana-backup.json does not match/],
    ['a header', (list: ReturnType<typeof entries>) => list.find((e) => e.name.startsWith('files/'))!.header + 20, /a header checksum does not match/],
    ['padding', (list: ReturnType<typeof entries>) => { const e = list.find((x) => paddingFor(x.size) > 0)!; return e.data + e.size + 1; }, /padding between entries is not zero/],
  ])('a flipped bit in %s', (_where, pick, message) => {
    expectRefused(flipIn(pick), 'corrupt', message);
  });

  it('refuses a backup whose manifest lists an original that is not in it', () => {
    // A whole entry taken out (header, data, padding), everything else intact.
    const file = withBytes(backupFile, (b) => {
      const e = entries(b).find((x) => x.name.startsWith('files/'))!;
      return Buffer.concat([b.subarray(0, e.header), b.subarray(e.data + e.size + paddingFor(e.size))]);
    });
    expectRefused(file, 'corrupt', /is incomplete \(files\/.* is missing\)/);
  });
});

describe('a file that is not a Khizana backup is refused', () => {
  const foreignTar = (): Buffer => {
    const body = Buffer.from('just some notes\n');
    return Buffer.concat([tarHeader('notes.txt', body.length, new Date()), body, Buffer.alloc(paddingFor(body.length)), Buffer.alloc(BLOCK * 2)]);
  };
  it.each([
    ['a zip', () => Buffer.from(zipSync({ 'khizana.sqlite': strToU8('not a database'), 'files/ab/cd': strToU8('x') }))],
    ['another tar', foreignTar],
    ['random bytes', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251))],
    ['an empty file', () => Buffer.alloc(0)],
  ])('%s', (_what, bytes) => {
    const file = path.join(tempDir(), 'backup.tar');
    fs.writeFileSync(file, bytes());
    expectRefused(file, 'unsupported', /backup\.tar is not a Khizana backup/);
  });

  it('a gzip-compressed backup is refused with what to do', () => {
    const file = path.join(tempDir(), 'backup.tar.gz');
    fs.writeFileSync(file, gzipSync(fs.readFileSync(backupFile)));
    expectRefused(file, 'unsupported', /is compressed \(gzip\): decompress it first/);
  });

  it('a missing file', () => {
    expectRefused(path.join(tempDir(), 'nothing.tar'), 'unreadable', /nothing\.tar does not exist/);
  });

  it('a backup of a newer format is refused before anything is read', () => {
    const identity = Buffer.from(JSON.stringify({ format: 'khizana-backup', formatVersion: 2, khizanaVersion: '9.0.0', createdAt: new Date().toISOString() }));
    const file = path.join(tempDir(), 'future.tar');
    fs.writeFileSync(file, Buffer.concat([tarHeader('khizana-backup.json', identity.length, new Date()), identity, Buffer.alloc(paddingFor(identity.length)), Buffer.alloc(BLOCK * 2)]));
    expectRefused(file, 'unsupported', /written by a newer Khizana \(9\.0\.0, backup format 2; this one reads format 1\): update Khizana/);
  });

  it('a backup of a newer database schema is refused', async () => {
    const dir = path.join(tempDir(), 'archive');
    await (await openArchive({ dir, parseWorkers: 0 })).close();
    const db = new Database(path.join(dir, 'khizana.sqlite'));
    db.pragma('user_version = 99');
    const file = path.join(tempDir(), 'newer-schema.tar');
    await writeBackup({ db, archiveDir: dir, file });
    db.close();
    expectRefused(file, 'unsupported', /newer-schema\.tar was written by a newer Khizana \(.*database schema 99/);
  });
});

describe('writing a backup', () => {
  it('never overwrites a file, and a failed backup leaves neither FILE nor FILE.partial', async () => {
    const dir = path.join(tempDir(), 'archive');
    const session = await populatedArchive(dir);
    try {
      const folder = tempDir('khizana-backups-');
      const existing = path.join(folder, 'exists.tar');
      fs.writeFileSync(existing, 'precious');
      await expect(session.api.backupNow({ file: existing })).rejects.toThrow(/exists.tar already exists: choose another name/);
      expect(fs.readFileSync(existing, 'utf8')).toBe('precious');
      await expect(session.api.backupNow({ file: path.join(folder, 'no/such/folder/b.tar') })).rejects.toMatchObject({ code: 'invalid-argument' });

      // An original that cannot be read (a folder where the file should be) fails the backup midway.
      const sha = (await session.api.getItem({ id: 1 })).source!.sha256;
      const original = path.join(dir, 'files', sha.slice(0, 2), sha);
      fs.rmSync(original);
      fs.mkdirSync(original);
      await expect(session.api.backupNow({ file: path.join(folder, 'failed.tar') })).rejects.toMatchObject({ message: /^the backup was not written: / });
      expect(fs.readdirSync(folder)).toEqual(['exists.tar']);
    } finally {
      await session.close();
    }
  });

  it('holds only the originals the snapshot refers to, and lists missing ones', async () => {
    const dir = path.join(tempDir(), 'archive');
    const session = await populatedArchive(dir);
    try {
      // A stray file (as a crash might leave) is not an item's original: not backed up.
      fs.writeFileSync(path.join(dir, 'files', 'stray-upload.tmp'), 'half-written');
      const sha = (await session.api.getItem({ id: 1 })).source!.sha256;
      fs.rmSync(path.join(dir, 'files', sha.slice(0, 2), sha));
      const file = path.join(tempDir(), 'b.tar');
      const result = (await session.api.backupNow({ file }))!;
      expect(result.missingOriginals).toEqual([sha]);
      const names = entries(fs.readFileSync(file)).map((e) => e.name);
      expect(names.filter((n) => n.startsWith('files/'))).toHaveLength(4);
      expect(names.some((n) => n.includes('stray'))).toBe(false);
      expect(names[0]).toBe('khizana-backup.json');
      expect(names.slice(-2)).toEqual(['manifest.json', 'manifest.json.sha256']);
      const target = path.join(tempDir(), 'restored');
      expect(restoreBackup({ file, targetDir: target }).missingOriginals).toEqual([sha]);
    } finally {
      await session.close();
    }
  });

  it('is consistent while another connection keeps writing (the online backup restarts, then finishes)', async () => {
    const dir = path.join(tempDir(), 'archive');
    const writer = await populatedArchive(dir);
    for (let i = 0; i < 200; i++) await writer.api.addNote({ text: `padding note ${i} ${'lorem ipsum '.repeat(200)}` });
    // Many originals, so imports keep committing while the backup copies them.
    await writer.api.importPaths({ paths: [writeFiles(Object.fromEntries(Array.from({ length: 400 }, (_, k) => [`old${k}.txt`, `an older article ${k}`])))] });
    const reader = new Database(path.join(dir, 'khizana.sqlite'));
    let written = 0;
    let stop = false;
    const writing = (async () => {
      while (!stop) {
        // Notes, and imports that add originals: the snapshot decides which originals are in.
        if (written % 5 === 4) await writer.api.importPaths({ paths: [writeFiles({ [`new${written}.txt`]: `imported during the backup ${written}` })] });
        else await writer.api.addNote({ text: `concurrent note ${written}` });
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      const file = path.join(tempDir(), 'b.tar');
      // One page per step: every step sees another connection's commit, so without the whole-copy
      // fallback the online backup would restart forever.
      const result = await writeBackup({ db: reader, archiveDir: dir, file, stepPages: 1 });
      stop = true;
      await writing;
      expect(written).toBeGreaterThan(0);
      const target = path.join(tempDir(), 'restored');
      // Restore checks that every original the snapshot refers to is in the backup.
      const restoredCounts = restoreBackup({ file, targetDir: target }).counts;
      expect(restoredCounts).toEqual(result.counts);
      expect(result.counts.originals).toBe(result.counts.articles);
      const restored = await openArchive({ dir: target, parseWorkers: 0 });
      try {
        expect((await restored.api.search({ query: 'imported during the backup' })).total).toBe(result.counts.articles - 405);
        const notes = await restored.api.listNotes({});
        expect(notes.length).toBe(result.counts.notes);
        // Every concurrent note in the snapshot is whole and found by search.
        const concurrent = notes.filter((n) => n.text.startsWith('concurrent note'));
        for (const note of concurrent.slice(0, 20)) expect((await restored.api.search({ query: `"${note.text}"` })).hits.map((h) => h.id)).toContain(note.id);
      } finally {
        await restored.close();
      }
    } finally {
      stop = true;
      await writing;
      reader.close();
      await writer.close();
    }
  });
});
