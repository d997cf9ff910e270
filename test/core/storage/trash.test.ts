// The trash on a real archive: deleting hides an item (and its notes) from every search, listing,
// facet and count; undelete brings it all back; emptying removes rows, index entries, notes, tag
// links and the original file on disk; the change log records the trail.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { originalPath } from '../../../electron/core/storage/original-files.js';
import { freshArchive, queryArchive as query, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

/** Reads the archive's database beside the session (WAL: sees what it committed). */

const files = {
  'zebra.txt': 'Zebras of Idlib\nThe striped zebra crossed the river at dawn, watched by the farmers.',
  'lion.txt': 'Lions of Hama\nA lion rested under the olive trees for the whole afternoon.',
};

async function setUp() {
  archive = await freshArchive();
  const { api } = archive;
  const report = await api.importPaths({ paths: [writeFiles(files)], tags: ['animals'] });
  const id = (name: string) => report.results.find((r) => r.path.endsWith(name))!.id!;
  const zebra = id('zebra.txt');
  const lion = id('lion.txt');
  await api.addTag({ id: zebra, tag: 'stripes' });
  const notes = [await api.addNote({ text: 'zebra note one: quagga', on: zebra }), await api.addNote({ text: 'zebra note two', on: zebra })];
  return { api, dir: archive.dir, zebra, lion, notes };
}

describe('trash', () => {
  it('delete hides an item and its notes everywhere; undelete brings them back; empty removes rows and the original', async () => {
    const { api, dir, zebra, lion, notes } = await setUp();
    const sha = (await api.getItem({ id: zebra })).source!.sha256;
    const uid = (await api.getItem({ id: zebra })).uid;
    expect(fs.existsSync(originalPath(dir, sha))).toBe(true);

    expect(await api.deleteItem({ id: zebra })).toEqual({ deleted: true, notes: 2 });
    // Word queries (the index), in notes too, and listings without words.
    expect((await api.search({ query: 'zebra' })).total).toBe(0);
    expect((await api.search({ query: 'quagga' })).total).toBe(0);
    const all = await api.search({ query: '', facets: true, limit: 100 });
    expect(all.hits.map((h) => h.id)).toEqual([lion]);
    expect(all.facets!.type).toEqual([{ value: 'article', count: 1 }]);
    expect(all.facets!.tag).toEqual([{ value: 'animals', count: 1 }]);
    expect((await api.search({ query: 'tag:stripes' })).total).toBe(0);
    expect((await api.search({ query: 'type:note' })).total).toBe(0);
    expect((await api.search({ query: '-lion' })).total).toBe(0);
    expect(await api.stats({})).toMatchObject({ articles: 1, notes: 0 });
    expect(Object.fromEntries((await api.listTags({})).map((t) => [t.path, t.count]))).toEqual({ animals: 1, stripes: 0 });
    expect(await api.listNotes({})).toEqual([]);
    expect(await api.listTrash({})).toEqual([
      { id: zebra, uid, kind: 'article', title: expect.any(String), deletedAt: expect.any(String), notes: 2 },
    ]);
    expect((await api.getItem({ id: zebra })).deletedAt).not.toBeNull();
    await expect(api.addNote({ text: 'late', on: zebra })).rejects.toMatchObject({ code: 'invalid-argument' });

    expect(await api.restoreItem({ id: zebra })).toEqual({ restored: true, notes: 2 });
    expect((await api.search({ query: 'zebra' })).hits.map((h) => h.id).sort()).toEqual([zebra, ...notes.map((n) => n.id)].sort());
    expect((await api.search({ query: 'quagga' })).hits.map((h) => h.id).sort()).toEqual([zebra, notes[0]!.id].sort());
    expect((await api.search({ query: '' })).total).toBe(4);
    expect(await api.stats({})).toMatchObject({ articles: 2, notes: 2 });
    expect((await api.getItem({ id: zebra })).notes.map((n) => n.id)).toEqual(notes.map((n) => n.id));
    expect((await api.getItem({ id: zebra })).tags).toEqual(['animals', 'stripes']);
    expect(await api.listTrash({})).toEqual([]);

    expect(await api.deleteItem({ id: zebra })).toEqual({ deleted: true, notes: 2 });
    expect(await api.emptyTrash({})).toEqual({ deleted: 1, notes: 2, files: 1 });
    expect(fs.existsSync(originalPath(dir, sha))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'files', '.incoming'))).toEqual([]);
    expect(query(dir, 'SELECT id FROM items WHERE id IN (?, ?, ?)', zebra, notes[0]!.id, notes[1]!.id)).toEqual([]);
    expect(query(dir, 'SELECT item_id FROM item_tags WHERE item_id = ?', zebra)).toEqual([]);
    expect(query(dir, 'SELECT rowid FROM items_fts WHERE rowid IN (?, ?, ?)', zebra, notes[0]!.id, notes[1]!.id)).toEqual([]);
    await expect(api.getItem({ id: zebra })).rejects.toMatchObject({ code: 'not-found' });
    expect(await api.listTrash({})).toEqual([]);
    expect((await api.search({ query: 'lion' })).total).toBe(1); // the other item is untouched
    const lionSha = (await api.getItem({ id: lion })).source!.sha256;
    expect(fs.existsSync(originalPath(dir, lionSha))).toBe(true);

    // The trail of the zebra item in the change log.
    expect(query<{ op: string }>(dir, 'SELECT op FROM change_log WHERE uid = ? ORDER BY seq', uid).map((r) => r.op))
      .toEqual(['create', 'update', 'trash', 'restore', 'trash', 'delete']);
    for (const note of notes) {
      expect(query<{ entity: string; op: string }>(dir, 'SELECT entity, op FROM change_log WHERE uid = ? ORDER BY seq', note.uid))
        .toEqual(['create', 'trash', 'restore', 'trash', 'delete'].map((op) => ({ entity: 'note', op })));
    }
  });

  it('a note deleted alone leaves its item\'s index; notes deleted before their item stay in the trash when it is restored', async () => {
    const { api, zebra, notes } = await setUp();
    expect(await api.deleteItem({ id: notes[0]!.id })).toEqual({ deleted: true, notes: 0 });
    expect((await api.search({ query: 'quagga' })).total).toBe(0); // neither the note nor its item by the note's words
    await api.deleteItem({ id: notes[1]!.id });
    expect((await api.search({ query: 'in:notes' })).total).toBe(0); // no item has a note outside the trash
    await api.restoreItem({ id: notes[1]!.id });
    expect((await api.search({ query: 'in:notes' })).hits.map((h) => h.id).sort()).toEqual([zebra, notes[1]!.id].sort());
    expect(await api.deleteItem({ id: zebra })).toEqual({ deleted: true, notes: 1 });
    expect((await api.listTrash({})).map((e) => [e.id, e.notes])).toEqual([[zebra, 1], [notes[0]!.id, 0]]);
    await expect(api.restoreItem({ id: notes[0]!.id })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await api.restoreItem({ id: zebra })).toEqual({ restored: true, notes: 1 });
    expect((await api.getItem({ id: zebra })).notes.map((n) => n.id)).toEqual([notes[1]!.id]);
    expect(await api.restoreItem({ id: notes[0]!.id })).toEqual({ restored: true, notes: 0 });
    expect((await api.search({ query: 'quagga' })).hits.map((h) => h.id).sort()).toEqual([zebra, notes[0]!.id].sort());
    await expect(api.restoreItem({ id: zebra })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('importing a file that is in the trash reports it as a duplicate in the trash; after emptying it imports anew', async () => {
    const { api, dir, zebra } = await setUp();
    const sha = (await api.getItem({ id: zebra })).source!.sha256;
    await api.deleteItem({ id: zebra });
    const again = await api.importPaths({ paths: [writeFiles({ 'zebra.txt': files['zebra.txt'] })] });
    expect(again.results).toEqual([expect.objectContaining({ status: 'duplicate', duplicateOf: zebra, warnings: [expect.stringContaining(`khizana undelete ${zebra}`)] })]);
    expect((await api.search({ query: 'zebra' })).total).toBe(0); // still in the trash
    await api.emptyTrash({});
    expect(fs.existsSync(originalPath(dir, sha))).toBe(false);
    const fresh = await api.importPaths({ paths: [writeFiles({ 'zebra.txt': files['zebra.txt'] })] });
    expect(fresh.results[0]).toMatchObject({ status: 'imported' });
    expect(fs.existsSync(originalPath(dir, sha))).toBe(true);
    expect((await api.search({ query: 'zebra' })).hits.map((h) => h.id)).toEqual([fresh.results[0]!.id]);
  });

  it('emptying only trashed items: a refusal rolls back and puts withdrawn originals back', async () => {
    const { api, dir, zebra, lion } = await setUp();
    const sha = (await api.getItem({ id: zebra })).source!.sha256;
    await api.deleteItem({ id: zebra });
    await expect(api.emptyTrash({ ids: [zebra, lion] })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(fs.existsSync(originalPath(dir, sha))).toBe(true);
    expect((await api.listTrash({})).map((e) => e.id)).toEqual([zebra]);
    expect(await api.emptyTrash({ ids: [zebra] })).toEqual({ deleted: 1, notes: 2, files: 1 });
    expect(fs.existsSync(originalPath(dir, sha))).toBe(false);
  });
});
