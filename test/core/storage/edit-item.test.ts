// Editing an article's details (editItem): the fields change in one transaction with a change-log
// 'update', the title is searchable at once, the edited fields are recorded; bad values are refused
// with one line and nothing changes; notes are refused; edits survive importing the same file again
// and an export imported into a new archive.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFileName, openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import { ArchiveError } from '../../../electron/shared/errors.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

let session: ArchiveSession;
let files: string;
let id: number;

beforeEach(async () => {
  session = await freshArchive();
  files = writeFiles({ 'wire.txt': 'Walrus sighting on the northern beach\n\nA walrus was seen on the beach today by fishermen.' });
  const report = await session.api.importPaths({ paths: [files] });
  id = report.results[0]!.id!;
});

afterEach(async () => {
  await session.close();
});

function rawRow(dir: string, itemId: number): Record<string, unknown> {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    return db.prepare('SELECT * FROM items WHERE id = ?').get(itemId) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

function changeOps(dir: string): string[] {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    return db.prepare('SELECT op FROM change_log ORDER BY seq').pluck().all() as string[];
  } finally {
    db.close();
  }
}

async function expectRefused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as ArchiveError).code).toBe('invalid-argument');
  expect((error as ArchiveError).message).toMatch(message);
  expect((error as ArchiveError).message).not.toContain('\n');
}

describe('editItem', () => {
  it('sets every field, records them as edited, bumps updated_at and logs one update', async () => {
    const before = await session.api.getItem({ id });
    const ops = changeOps(session.dir);
    const after = await session.api.editItem({
      id,
      title: 'تقدم الفصائل في إدلب',
      authors: ['محمد الأحمد', 'Smith, John'],
      publication: 'الجزيرة نت',
      publishedAt: '2015-07',
      url: 'https://www.aljazeera.net/news/2015/7/21/ادلب',
      lang: 'AR',
    });
    expect(after).toMatchObject({
      title: 'تقدم الفصائل في إدلب',
      authors: ['محمد الأحمد', 'Smith, John'],
      publication: 'الجزيرة نت',
      publishedAt: '2015-07',
      url: 'https://www.aljazeera.net/news/2015/7/21/ادلب',
      lang: 'ar', // canonical BCP 47
      text: before.text,
    });
    expect(after.edited).toEqual(['title', 'authors', 'publication', 'publishedAt', 'url', 'lang']);
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.importedAt).toBe(before.importedAt);
    expect(changeOps(session.dir)).toEqual([...ops, 'update']);
    expect(JSON.parse(String(rawRow(session.dir, id).authors))).toEqual(['محمد الأحمد', 'Smith, John']);
  });

  it('makes a new title searchable at once, and the old one is gone from titles', async () => {
    expect((await session.api.search({ query: 'title:تقدم' })).total).toBe(0);
    await session.api.editItem({ id, title: 'تقدم الفصائل في إدلب' });
    const hits = (await session.api.search({ query: 'title:تقدم' })).hits;
    expect(hits.map((h) => [h.id, h.title])).toEqual([[id, 'تقدم الفصائل في إدلب']]);
    expect((await session.api.search({ query: 'title:sighting' })).total).toBe(0);
    expect((await session.api.search({ query: 'walrus fishermen' })).total).toBe(1); // the body is still indexed
  });

  it('adds to the edited list across edits and clears a field with null or an empty string', async () => {
    await session.api.editItem({ id, publishedAt: '2015', url: 'http://example.org/a', publication: 'The Paper' });
    let item = await session.api.editItem({ id, url: null, publication: '' });
    expect(item).toMatchObject({ publishedAt: '2015', url: null, publication: null });
    expect(item.edited).toEqual(['publication', 'publishedAt', 'url']);
    item = await session.api.editItem({ id, publishedAt: null, authors: [] });
    expect(item.publishedAt).toBeNull();
    expect(item.authors).toEqual([]);
    expect(item.edited).toEqual(['authors', 'publication', 'publishedAt', 'url']);
  });

  it('accepts a full, a year-month and a year date, including 29 February of a leap year', async () => {
    for (const date of ['2015', '2015-07', '2015-07-21', '2016-02-29', '2000-02-29']) {
      expect((await session.api.editItem({ id, publishedAt: date })).publishedAt).toBe(date);
    }
  });

  it('refuses bad values with one line and stores nothing', async () => {
    const row = rawRow(session.dir, id);
    const ops = changeOps(session.dir);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ publishedAt: '2015-13-40' }, /publishedAt: "2015-13-40" is not a date: the month must be 01 to 12/],
      [{ publishedAt: '2015-02-29' }, /publishedAt: "2015-02-29" is not a date: that month has no day 29/],
      [{ publishedAt: '1900-02-29' }, /no day 29/],
      [{ publishedAt: '21/07/2015' }, /write 2015, 2015-07 or 2015-07-21/],
      [{ publishedAt: '2015-7' }, /write 2015, 2015-07 or 2015-07-21/],
      [{ url: 'ftp://example.org/a' }, /url: "ftp:\/\/example.org\/a" is not a web address: it must start with http:\/\/ or https:\/\//],
      [{ url: 'javascript:alert(1)' }, /must start with http/],
      [{ url: 'https://' }, /needs a host name/],
      [{ url: 'https://exa mple.org' }, /needs a host name and no spaces/],
      [{ title: '   ' }, /title: a title cannot be empty/],
      [{ authors: ['Jane Doe', ' '] }, /authors.1: an author cannot be empty/],
      [{ lang: 'not a tag' }, /lang: "not a tag" is not a language tag/],
      [{}, /give at least one field to change/],
      // One bad field refuses the whole edit, the good ones included.
      [{ title: 'A good title', publishedAt: '2015-00' }, /the month must be 01 to 12/],
    ];
    for (const [args, message] of cases) await expectRefused(session.api.editItem({ id, ...args }), message);
    expect(rawRow(session.dir, id)).toEqual(row);
    expect(changeOps(session.dir)).toEqual(ops);
  });

  it('refuses notes (their title is their first line) and unknown ids', async () => {
    const note = await session.api.addNote({ text: 'a note on the walrus', on: id });
    await expectRefused(session.api.editItem({ id: note.id, title: 'x' }), /is a note: its title is its first line/);
    const error = await session.api.editItem({ id: 9999, title: 'x' }).catch((e: unknown) => e);
    expect((error as ArchiveError).code).toBe('not-found');
  });

  it('keeps the edits when the same file is imported again (a duplicate)', async () => {
    await session.api.editItem({ id, title: 'Corrected title', authors: ['Jane Doe'], publishedAt: '2015-07-21' });
    const again = await session.api.importPaths({ paths: [files] });
    expect(again.results.map((r) => [r.status, r.duplicateOf])).toEqual([['duplicate', id]]);
    const item = await session.api.getItem({ id });
    expect(item).toMatchObject({ title: 'Corrected title', authors: ['Jane Doe'], publishedAt: '2015-07-21' });
    expect(item.edited).toEqual(['title', 'authors', 'publishedAt']);
  });

  it('keeps the edits through an export imported into a new archive', async () => {
    await session.api.editItem({ id, title: 'تقدم الفصائل', authors: ['محمد الأحمد'], publishedAt: '2015-07', url: 'https://example.org/x', publication: 'الجزيرة نت', lang: 'ar' });
    const target = path.join(tempDir(), 'export');
    await session.api.exportItems({ target });
    const other = await openArchive({ dir: path.join(tempDir(), 'other'), parseWorkers: 0 });
    try {
      const report = await other.api.importPaths({ paths: [target] });
      const restored = await other.api.getItem({ id: report.results.find((r) => r.status === 'imported')!.id! });
      expect(restored).toMatchObject({ title: 'تقدم الفصائل', authors: ['محمد الأحمد'], publishedAt: '2015-07', url: 'https://example.org/x', publication: 'الجزيرة نت', lang: 'ar' });
      expect(restored.edited).toEqual(['title', 'authors', 'publication', 'publishedAt', 'url', 'lang']);
      expect((await other.api.search({ query: 'title:تقدم' })).total).toBe(1);
    } finally {
      await other.close();
    }
  });
});
