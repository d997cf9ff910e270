// Many items at once, on a real archive: tag, untag and delete by ids and by a search's query, the
// undo of each restoring exactly the state before, progress events, short transactions, and the
// time bound for 10,000 results.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName, type ArchiveSession } from '../../../electron/core/archive.js';
import { runBulk } from '../../../electron/core/storage/bulk.js';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/database.js';
import type { ArchiveEvent } from '../../../electron/shared/dto.js';
import { changeLogSince as changeLog, freshArchive, writeFiles } from '../../support/archive.js';
import { seedNotes } from '../../support/many-items.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

async function open() {
  const events: ArchiveEvent[] = [];
  archive = await freshArchive({ onEvent: (event) => events.push(event) });
  return { api: archive.api, dir: archive.dir, events };
}

/** Every item's tags and whether it is in the trash: the state an undo must give back. */
async function snapshot(api: ArchiveSession['api'], ids: number[]) {
  const state: Record<number, { tags: string[]; trashed: boolean }> = {};
  for (const id of ids) {
    const item = await api.getItem({ id });
    state[id] = { tags: item.tags, trashed: item.deletedAt !== null };
  }
  return { state, tags: await api.listTags({}), trash: (await api.listTrash({})).map((e) => e.id) };
}

describe('bulk tag and untag', () => {
  it('tags chosen ids, changing only those without the tag; the undo removes exactly those', async () => {
    const { api, dir } = await open();
    const ids = seedNotes(dir, 6, 'olive harvest');
    await api.addTag({ id: ids[1]!, tag: 'Reading' });
    await api.addTag({ id: ids[2]!, tag: 'reading/later' });
    const before = await snapshot(api, ids);
    const seq = changeLog(dir, 0).length;
    const done = await api.bulkTag({ ids: [ids[0]!, ids[1]!, ids[2]!, ids[3]!, 99_999], tag: 'reading', jobId: 'j1' });
    expect(done).toMatchObject({ jobId: 'j1', action: 'tag', tag: 'Reading', matched: 4, changed: 3, ids: [ids[0], ids[2], ids[3]] });
    // One change-log row per changed item, by its uid, written with the change.
    const uids = await Promise.all(done.ids.map(async (id) => (await api.getItem({ id })).uid));
    expect(changeLog(dir, 0).slice(seq)).toEqual(uids.map((uid) => ({ entity: 'note', uid, op: 'update' })));
    expect((await api.listTags({})).find((t) => t.path === 'Reading')!.count).toBe(4);
    const undone = await api.bulkUntag({ ids: done.ids, tag: done.tag! });
    expect(undone.changed).toBe(3);
    expect(await snapshot(api, ids)).toEqual(before);
  });

  it('tags every item a search finds (all pages), except those left out; untag and its undo', async () => {
    const { api, dir } = await open();
    const ids = seedNotes(dir, 120, 'zebra crossing');
    const others = seedNotes(dir, 5, 'lion pride');
    const done = await api.bulkTag({ query: 'zebra', except: [ids[7]!], tag: 'stripes' });
    expect(done.changed).toBe(119);
    expect((await api.search({ query: 'tag:stripes' })).total).toBe(119);
    expect((await api.search({ query: 'tag:stripes lion' })).total).toBe(0);
    expect((await api.getItem({ id: ids[7]! })).tags).toEqual([]);

    await api.addTag({ id: others[0]!, tag: 'stripes' });
    const before = await snapshot(api, [...ids, ...others]);
    const removed = await api.bulkUntag({ query: 'zebra OR lion' , tag: 'stripes' });
    expect(removed.changed).toBe(120);
    expect((await api.search({ query: 'tag:stripes' })).total).toBe(0);
    await api.bulkTag({ ids: removed.ids, tag: removed.tag! });
    expect(await snapshot(api, [...ids, ...others])).toEqual(before);
  });

  it('untagging the last items removes a tag without a colour, and its undo brings it back', async () => {
    const { api, dir } = await open();
    const ids = seedNotes(dir, 3, 'dates');
    await api.bulkTag({ ids, tag: 'palm' });
    const removed = await api.bulkUntag({ ids, tag: 'palm' });
    expect(await api.listTags({})).toEqual([]);
    await api.bulkTag({ ids: removed.ids, tag: removed.tag! });
    expect(await api.listTags({})).toEqual([{ path: 'palm', color: null, count: 3 }]);
    await expect(api.bulkUntag({ ids, tag: 'nothing' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.bulkTag({ tag: 'x' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('either ids or a query') });
  });
});

describe('bulk delete', () => {
  it('moves the selection to the trash; the undo restores exactly what this delete moved', async () => {
    const { api, dir } = await open();
    const ids = seedNotes(dir, 5, 'market report');
    const article = (await api.importPaths({ paths: [writeFiles({ 'survey.txt': 'Market survey\n\nPrices at the market.' })] })).results[0]!.id!;
    const attached = (await api.addNote({ text: 'on the survey', on: article })).id;
    const attachedSelected = (await api.addNote({ text: 'market note on the survey', on: article })).id;
    await api.deleteItem({ id: ids[4]! }); // in the trash before: stays there
    const all = [...ids, article, attached, attachedSelected];
    const before = await snapshot(api, all);
    // The attached note comes first in the selection: it is trashed on its own, then its item.
    const done = await api.bulkDelete({ ids: [attachedSelected, ...ids, article] });
    expect(done.ids.sort((a, b) => a - b)).toEqual([...ids.slice(0, 4), article, attachedSelected].sort((a, b) => a - b));
    expect(done.notes).toBe(1);
    expect((await api.search({ query: 'market' })).total).toBe(0);
    const restored = await api.bulkRestore({ ids: done.ids });
    expect(restored.changed).toBe(5); // the selected note came back with its item
    expect(await snapshot(api, all)).toEqual(before);
    expect((await api.search({ query: 'market' })).total).toBe(6);
  });

  it('deletes every result of a search', async () => {
    const { api, dir } = await open();
    seedNotes(dir, 70, 'ferry timetable');
    const keep = seedNotes(dir, 2, 'bus timetable');
    const done = await api.bulkDelete({ query: 'ferry' });
    expect(done.changed).toBe(70);
    expect((await api.search({ query: 'timetable' })).hits.map((h) => h.id).sort()).toEqual(keep.sort());
    await api.bulkRestore({ ids: done.ids });
    expect((await api.search({ query: 'timetable' })).total).toBe(72);
  });
});

describe('bulk actions on thousands', () => {
  it('report progress, hold the write lock in short transactions, and tag 10,000 results in under 2 s', async () => {
    const { api, dir, events } = await open();
    seedNotes(dir, 10_000, 'harvest');
    const started = performance.now();
    const done = await api.bulkTag({ query: 'harvest', tag: 'season/2026', jobId: 'big' });
    const seconds = (performance.now() - started) / 1000;
    expect(done.changed).toBe(10_000);
    expect(seconds).toBeLessThan(2);
    const progress = events.flatMap((e) => (e.type === 'bulkProgress' && e.progress.jobId === 'big' ? [e.progress] : []));
    expect(progress[0]).toEqual({ jobId: 'big', action: 'tag', done: 0, total: 10_000 });
    expect(progress.at(-1)).toEqual({ jobId: 'big', action: 'tag', done: 10_000, total: 10_000 });
    expect((await api.listTags({})).find((t) => t.path === 'season')!.count).toBe(10_000);
    const undone = await api.bulkUntag({ ids: done.ids, tag: 'season/2026' });
    expect(undone.changed).toBe(10_000);
    expect(await api.listTags({})).toEqual([]);
  });

  it('commits in batches of about batchMs, letting another writer in between', async () => {
    const { dir } = await open();
    const ids = seedNotes(dir, 3000, 'batch');
    const db = openDatabase(path.join(dir, databaseFileName));
    try {
      const progress: number[] = [];
      let between = 0;
      const run = runBulk(db, 'tag', ids, { jobId: 'b', tag: 'b', batchMs: 1, onProgress: (p) => progress.push(p.done) });
      // Each pause between batches lets this timer's write in.
      const writer = setInterval(() => {
        db.prepare('INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)').run(`s${between++}`, 'q', 'now');
      }, 0);
      await run;
      clearInterval(writer);
      expect(progress.length).toBeGreaterThan(3);
      expect(between).toBeGreaterThan(0);
    } finally {
      closeDatabase(db);
    }
  });
});
