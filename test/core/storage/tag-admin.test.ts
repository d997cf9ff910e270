// Tags you can manage, on a real archive: rename (sub-tags follow, merge, a change of case, into
// its own subtree), delete with sub-tags, parent counts, saved searches, the change log.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName, type ArchiveSession } from '../../../electron/core/archive.js';
import { renameTagInQuery } from '../../../electron/core/storage/tag-admin.js';
import { changeLogSince as changeLog, freshArchive } from '../../support/archive.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

/** A fresh archive with one note per entry, tagged as given; returns the api and the ids in order. */
async function tagged(...tagLists: string[][]) {
  archive = await freshArchive();
  const { api } = archive;
  const ids: number[] = [];
  for (const [k, tags] of tagLists.entries()) {
    const { id } = await api.addNote({ text: `note ${k}` });
    for (const tag of tags) await api.addTag({ id, tag });
    ids.push(id);
  }
  return { api, ids, dir: archive.dir };
}

const counts = async (api: ArchiveSession['api']) => Object.fromEntries((await api.listTags({})).map((t) => [t.path, t.count]));
const tagsOf = async (api: ArchiveSession['api'], id: number) => (await api.getItem({ id })).tags;
const found = async (api: ArchiveSession['api'], query: string) => (await api.search({ query, limit: 100 })).hits.map((h) => h.id).sort((a, b) => a - b);

function lastSeq(dir: string): number {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    return db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('renaming a tag', () => {
  it('renames its sub-tags with it, keeps colours, rewrites saved searches and logs every item', async () => {
    const { api, ids, dir } = await tagged(['syria'], ['syria/idlib'], ['syria/idlib/town', 'other'], ['syrian']);
    await api.setTagColor({ tag: 'syria/idlib', color: '#aa3300' });
    await api.saveSearch({ name: 'idlib', query: 'الفصائل tag:syria/idlib -tag:"syria" tag:syrian' });
    const before = lastSeq(dir);
    const done = await api.renameTag({ from: 'syria', to: 'sy' });
    expect(done).toEqual({ from: 'syria', to: 'sy', tags: 3, items: 3, merged: [], savedSearches: 1 });
    expect(await counts(api)).toEqual({ other: 1, sy: 3, 'sy/idlib': 2, 'sy/idlib/town': 1, syrian: 1 });
    expect(await tagsOf(api, ids[2]!)).toEqual(['other', 'sy/idlib/town']);
    expect((await api.listTags({})).find((t) => t.path === 'sy/idlib')!.color).toBe('#aa3300');
    expect(await found(api, 'tag:sy/idlib')).toEqual([ids[1], ids[2]]);
    expect(await found(api, 'tag:syria')).toEqual([]);
    expect(await found(api, 'tag:syrian')).toEqual([ids[3]]); // a tag that only starts the same is not under it
    expect((await api.listSavedSearches({}))[0]!.query).toBe('الفصائل tag:sy/idlib -tag:sy tag:syrian');
    const log = changeLog(dir, before);
    expect(log.filter((c) => c.entity === 'note' && c.op === 'update')).toHaveLength(3);
    expect(log.filter((c) => c.entity === 'tag').map((c) => `${c.op} ${c.uid}`).sort()).toEqual(
      ['create sy', 'create sy/idlib', 'create sy/idlib/town', 'delete syria', 'delete syria/idlib', 'delete syria/idlib/town'],
    );
    expect(log).toContainEqual({ entity: 'saved-search', uid: 'idlib', op: 'update' });
  });

  it('merges into an existing tag: an item carrying both keeps one link, the existing colour is kept', async () => {
    const { api, ids } = await tagged(['old'], ['new'], ['old', 'new'], ['old/sub', 'new/sub']);
    await api.setTagColor({ tag: 'old', color: '#ff0000' });
    await api.setTagColor({ tag: 'new', color: '#0000ff' });
    await api.setTagColor({ tag: 'old/sub', color: '#00ff00' }); // new/sub has none: it takes this one
    const done = await api.renameTag({ from: 'old', to: 'new' });
    expect(done).toMatchObject({ tags: 2, items: 3, merged: ['new', 'new/sub'] });
    expect(await counts(api)).toEqual({ new: 4, 'new/sub': 1 });
    expect(await tagsOf(api, ids[2]!)).toEqual(['new']);
    expect(await tagsOf(api, ids[3]!)).toEqual(['new/sub']);
    const colours = Object.fromEntries((await api.listTags({})).map((t) => [t.path, t.color]));
    expect(colours).toEqual({ new: '#0000ff', 'new/sub': '#00ff00' });
  });

  it('changes the case of a tag and its sub-tags (paths are case-insensitive)', async () => {
    const { api, ids } = await tagged(['Syria'], ['Syria/Idlib']);
    expect(await api.renameTag({ from: 'Syria', to: 'syria' })).toMatchObject({ tags: 2, items: 2, merged: [] });
    expect((await api.listTags({})).map((t) => t.path)).toEqual(['syria', 'syria/Idlib']);
    expect(await tagsOf(api, ids[1]!)).toEqual(['syria/Idlib']);
    // Asked in any case, it is found.
    expect(await api.renameTag({ from: 'SYRIA/IDLIB', to: 'syria/idlib' })).toMatchObject({ tags: 1 });
    expect((await api.listTags({})).map((t) => t.path)).toEqual(['syria', 'syria/idlib']);
    expect(await api.renameTag({ from: 'syria', to: 'syria' })).toMatchObject({ tags: 0, items: 0 });
  });

  it('moves a tag into its own subtree, merging with what is there', async () => {
    const { api, ids } = await tagged(['a'], ['a/b'], ['a', 'a/b']);
    expect(await api.renameTag({ from: 'a', to: 'a/b' })).toMatchObject({ tags: 2, merged: [] });
    expect(await counts(api)).toEqual({ a: 3, 'a/b': 3, 'a/b/b': 2 });
    expect(await tagsOf(api, ids[0]!)).toEqual(['a/b']);
    expect(await tagsOf(api, ids[2]!)).toEqual(['a/b', 'a/b/b']);
  });

  it('refuses an unknown tag with not-found, changing nothing', async () => {
    const { api } = await tagged(['syria']);
    await expect(api.renameTag({ from: 'iraq', to: 'iq' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('no tag "iraq"') });
    await expect(api.deleteTag({ tag: 'iraq' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.renameTag({ from: 'syria', to: ' / ' })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await counts(api)).toEqual({ syria: 1 });
  });

  it('renames a parent that is only implied by its sub-tags', async () => {
    const { api } = await tagged(['middle/east']);
    await api.renameTag({ from: 'middle', to: 'mena' });
    expect(await counts(api)).toEqual({ mena: 1, 'mena/east': 1 });
  });

  it('rewrites tag: filters in queries, and only those', () => {
    expect(renameTagInQuery('x tag:syria', 'syria', 'sy')).toBe('x tag:sy');
    expect(renameTagInQuery('tag:Syria/Idlib y', 'syria', 'middle east')).toBe('tag:"middle east/Idlib" y');
    expect(renameTagInQuery('tag:"syria" -tag:syria/x title:syria syria tag:syrian', 'syria', 'sy')).toBe('tag:sy -tag:sy/x title:syria syria tag:syrian');
  });
});

describe('deleting a tag', () => {
  it('removes it and its sub-tags from every item, trashed ones too; other tags stay', async () => {
    const { api, ids, dir } = await tagged(['syria'], ['syria/idlib', 'keep'], ['syrian'], ['syria/aleppo']);
    await api.deleteItem({ id: ids[3]! });
    expect((await counts(api)).syria).toBe(2); // what the confirmation says: items not in the trash
    const before = lastSeq(dir);
    expect(await api.deleteTag({ tag: 'syria' })).toEqual({ tag: 'syria', tags: 3, items: 3 });
    expect(await counts(api)).toEqual({ keep: 1, syrian: 1 });
    expect(await tagsOf(api, ids[1]!)).toEqual(['keep']);
    expect(await tagsOf(api, ids[3]!)).toEqual([]);
    const log = changeLog(dir, before);
    expect(log.filter((c) => c.entity === 'note')).toHaveLength(3);
    expect(log.filter((c) => c.entity === 'tag').map((c) => c.uid).sort()).toEqual(['syria', 'syria/aleppo', 'syria/idlib']);
  });
});

describe('tag counts', () => {
  it('count each item once under a parent, include implied parents and ignore case', async () => {
    const { api, ids } = await tagged(['syria', 'syria/idlib'], ['syria/idlib'], ['Syria/aleppo'], ['middle/east/levant'], ['syria/idlib/town']);
    expect(await api.listTags({})).toEqual([
      { path: 'middle', color: null, count: 1 },
      { path: 'middle/east', color: null, count: 1 },
      { path: 'middle/east/levant', color: null, count: 1 },
      { path: 'syria', color: null, count: 4 },
      { path: 'Syria/aleppo', color: null, count: 1 },
      { path: 'syria/idlib', color: null, count: 3 },
      { path: 'syria/idlib/town', color: null, count: 1 },
    ]);
    expect(await found(api, 'tag:syria')).toEqual([ids[0], ids[1], ids[2], ids[4]]);
    await api.deleteItem({ id: ids[1]! });
    expect((await counts(api))['syria/idlib']).toBe(2);
  });
});
