// Every change writes exactly its change-log row, in its own transaction: a rolled-back change
// leaves none.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { databaseFileName } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

interface Row { entity: string; uid: string; op: string }

describe('change log', () => {
  it('each operation leaves exactly its rows', async () => {
    archive = await freshArchive();
    const { api } = archive;
    const db = new Database(path.join(archive.dir, databaseFileName), { readonly: true });
    let seen = 0;
    /** The rows written since the last call. */
    const fresh = (): Row[] => {
      const rows = db.prepare('SELECT seq, entity, uid, op, at FROM change_log WHERE seq > ? ORDER BY seq').all(seen) as Array<Row & { seq: number; at: string }>;
      if (rows.length > 0) seen = rows.at(-1)!.seq;
      for (const row of rows) expect(Number.isNaN(Date.parse(row.at))).toBe(false);
      return rows.map(({ entity, uid, op }) => ({ entity, uid, op }));
    };
    try {
      expect(fresh()).toEqual([]);
      const report = await api.importPaths({ paths: [writeFiles({ 'a.txt': 'Alpha\nthe first article about olives' })] });
      const id = report.results[0]!.id!;
      const item = await api.getItem({ id });
      expect(item.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-/);
      expect(fresh()).toEqual([{ entity: 'item', uid: item.uid, op: 'create' }]);
      await api.importPaths({ paths: [writeFiles({ 'a.txt': 'Alpha\nthe first article about olives' })] }); // a duplicate changes nothing
      expect(fresh()).toEqual([]);

      const note = await api.addNote({ text: 'a note on olives', on: id });
      expect(note.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      expect(fresh()).toEqual([{ entity: 'note', uid: note.uid, op: 'create' }]);
      await api.updateNote({ id: note.id, text: 'a changed note' });
      expect(fresh()).toEqual([{ entity: 'note', uid: note.uid, op: 'update' }]);

      await api.addTag({ id, tag: 'trees/olive' });
      expect(fresh()).toEqual([{ entity: 'tag', uid: 'trees/olive', op: 'create' }, { entity: 'item', uid: item.uid, op: 'update' }]);
      await api.addTag({ id, tag: 'trees/olive' }); // already there
      expect(fresh()).toEqual([]);
      await api.setTagColor({ tag: 'trees/olive', color: '#aa0000' });
      expect(fresh()).toEqual([{ entity: 'tag', uid: 'trees/olive', op: 'update' }]);
      await api.setTagColor({ tag: 'new', color: '#00aa00' });
      expect(fresh()).toEqual([{ entity: 'tag', uid: 'new', op: 'create' }]);
      await api.addTag({ id, tag: 'gone' });
      fresh();
      await api.removeTag({ id, tag: 'gone' }); // unused and colourless: the tag goes too
      expect(fresh()).toEqual([{ entity: 'item', uid: item.uid, op: 'update' }, { entity: 'tag', uid: 'gone', op: 'delete' }]);
      await expect(api.removeTag({ id, tag: 'gone' })).rejects.toMatchObject({ code: 'not-found' });
      expect(fresh()).toEqual([]);

      await api.saveSearch({ name: 'olives', query: 'olive' });
      expect(fresh()).toEqual([{ entity: 'saved-search', uid: 'olives', op: 'create' }]);
      await api.saveSearch({ name: 'olives', query: 'olive tree' });
      expect(fresh()).toEqual([{ entity: 'saved-search', uid: 'olives', op: 'update' }]);
      await api.deleteSavedSearch({ name: 'olives' });
      expect(fresh()).toEqual([{ entity: 'saved-search', uid: 'olives', op: 'delete' }]);

      await api.deleteItem({ id });
      expect(fresh()).toEqual([{ entity: 'item', uid: item.uid, op: 'trash' }, { entity: 'note', uid: note.uid, op: 'trash' }]);
      await api.restoreItem({ id });
      expect(fresh()).toEqual([{ entity: 'item', uid: item.uid, op: 'restore' }, { entity: 'note', uid: note.uid, op: 'restore' }]);
      await api.deleteNote({ id: note.id });
      expect(fresh()).toEqual([{ entity: 'note', uid: note.uid, op: 'delete' }]);
      await api.deleteItem({ id });
      fresh();
      await api.emptyTrash({});
      expect(fresh()).toEqual([{ entity: 'item', uid: item.uid, op: 'delete' }]);
      // A refused change leaves no row.
      await expect(api.addNote({ text: 'x', on: 999 })).rejects.toMatchObject({ code: 'not-found' });
      expect(fresh()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
