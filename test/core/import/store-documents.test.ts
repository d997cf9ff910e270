import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { emptyDocument } from '../../../electron/core/import/parsed-document.js';
import { prepareDocument, sha256 } from '../../../electron/core/import/prepare-document.js';
import { storeDocuments, type DocumentToStore } from '../../../electron/core/import/store-document.js';
import { openDatabase } from '../../../electron/core/storage/database.js';
import { originalPath } from '../../../electron/core/storage/original-files.js';
import { tempDir } from '../../support/paths.js';

function doc(name: string, text: string): DocumentToStore {
  const bytes = new TextEncoder().encode(text);
  return {
    source: { path: `/in/${name}`, format: 'txt', bytes, sha256: sha256(bytes) },
    prepared: prepareDocument({ ...emptyDocument(), text }, `/in/${name}`),
    tags: ['batch'],
  };
}

describe('storeDocuments: many items per transaction, each still alone', () => {
  it('stores a batch, spotting duplicates inside the batch itself', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'k.sqlite'));
    const results = storeDocuments(db, dir, [doc('a.txt', 'first text'), doc('b.txt', 'second text'), doc('c.txt', 'first text')], 'now');
    expect(results.map((r) => (r instanceof Error ? 'error' : r.status))).toEqual(['imported', 'imported', 'duplicate']);
    db.close();
  });

  it('when one item fails, the others are stored and the failed one leaves nothing behind', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'k.sqlite'));
    const bad = doc('bad.txt', 'a document the database refuses');
    bad.prepared = { ...bad.prepared, dir: 'sideways' as 'ltr' }; // violates the items.dir CHECK constraint
    const results = storeDocuments(db, dir, [doc('a.txt', 'one'), bad, doc('c.txt', 'three')], 'now');
    expect(results.map((r) => (r instanceof Error ? 'error' : r.status))).toEqual(['imported', 'error', 'imported']);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2);
    expect(fs.existsSync(originalPath(dir, bad.source.sha256))).toBe(false);
    expect(db.prepare("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"three\"'").pluck().get()).toBe(1);
    db.close();
  });

  it('many failing items in one batch: every good one is stored once, in order, and no bad one leaves anything', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'k.sqlite'));
    const items = Array.from({ length: 12 }, (_, k) => doc(`${k}.txt`, `text number ${k}`));
    const badAt = [1, 4, 5, 8, 11]; // more than the batch is rerun for, so the rest go one by one
    for (const k of badAt) items[k]!.prepared = { ...items[k]!.prepared, dir: 'sideways' as 'ltr' };
    items[7] = doc('7.txt', 'text number 2'); // a duplicate of an earlier item of the same batch
    const results = storeDocuments(db, dir, items, 'now');
    expect(results.map((r) => (r instanceof Error ? 'error' : r.status))).toEqual(
      items.map((_, k) => (badAt.includes(k) ? 'error' : k === 7 ? 'duplicate' : 'imported')),
    );
    expect(db.prepare('SELECT source_path FROM items ORDER BY id').pluck().all()).toEqual(['/in/0.txt', '/in/2.txt', '/in/3.txt', '/in/6.txt', '/in/9.txt', '/in/10.txt']);
    expect(db.prepare('SELECT count(*) FROM items_fts').pluck().get()).toBe(6);
    for (const k of badAt) expect(fs.existsSync(originalPath(dir, items[k]!.source.sha256))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'files', '.incoming'))).toEqual([]);
    db.close();
  });

  it('a tag created by a batch that was rolled back is created again when the batch is rerun', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'k.sqlite'));
    const tagged = (name: string, text: string, tags: string[]) => ({ ...doc(name, text), tags });
    const bad = tagged('bad.txt', 'a document the database refuses', ['fresh']);
    bad.prepared = { ...bad.prepared, dir: 'sideways' as 'ltr' }; // violates the items.dir CHECK constraint
    // The first run of the batch creates `fresh` (and `later`), then fails at `bad` and is rolled back.
    const items = [tagged('a.txt', 'one', ['fresh']), tagged('b.txt', 'two', ['later', 'fresh']), bad, tagged('c.txt', 'three', ['fresh', 'later'])];
    const results = storeDocuments(db, dir, items, 'now');
    expect(results.map((r) => (r instanceof Error ? r.message : r.status))).toEqual(['imported', 'imported', expect.stringContaining('CHECK'), 'imported']);
    const links = db.prepare('SELECT i.source_path, t.path FROM item_tags it JOIN items i ON i.id = it.item_id JOIN tags t ON t.id = it.tag_id ORDER BY i.id, t.path').all();
    expect(links).toEqual([
      { source_path: '/in/a.txt', path: 'fresh' },
      { source_path: '/in/b.txt', path: 'fresh' },
      { source_path: '/in/b.txt', path: 'later' },
      { source_path: '/in/c.txt', path: 'fresh' },
      { source_path: '/in/c.txt', path: 'later' },
    ]);
    expect(db.prepare("SELECT uid FROM change_log WHERE entity = 'tag' AND op = 'create' ORDER BY seq").pluck().all()).toEqual(['fresh', 'later']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
