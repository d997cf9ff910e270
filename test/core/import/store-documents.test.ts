import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { emptyDocument } from '../../../electron/core/import/parsed-document.js';
import { prepareDocument, sha256 } from '../../../electron/core/import/prepare-document.js';
import { storeDocuments, type DocumentToStore } from '../../../electron/core/import/store-document.js';
import { openDatabase } from '../../../electron/core/storage/database.js';
import { incomingDir, originalPath, uploadsDir } from '../../../electron/core/storage/original-files.js';
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

describe('storeDocuments: an upload in the archive\'s own upload area', () => {
  /** A document read from `file` (written first with `text`), which storeDocuments may adopt. */
  function fromFile(file: string, text: string): DocumentToStore {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, text);
    const item = doc(path.basename(file), text);
    item.source.file = file;
    return item;
  }

  it('becomes the original itself: moved into files/, not written a second time', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'k.sqlite'));
    const upload = path.join(uploadsDir(dir), 'khizana-upload-1-abcdef', 'batch', 'a.txt');
    const item = fromFile(upload, 'an uploaded article about the olive harvest');
    const inode = fs.statSync(upload).ino;
    const duplicate = fromFile(path.join(path.dirname(upload), 'b.txt'), 'an uploaded article about the olive harvest');
    const results = storeDocuments(db, dir, [item, duplicate], 'now');
    expect(results.map((r) => (r instanceof Error ? 'error' : r.status))).toEqual(['imported', 'duplicate']);
    const original = originalPath(dir, item.source.sha256);
    expect(fs.statSync(original).ino).toBe(inode);
    expect(fs.readFileSync(original, 'utf8')).toBe('an uploaded article about the olive harvest');
    // Both uploads are the archive's temp copies: the duplicate's is gone too, nothing is left in .incoming.
    expect(fs.readdirSync(path.dirname(upload))).toEqual([]);
    expect(fs.readdirSync(incomingDir(dir))).toEqual([]);
    db.close();
  });

  it('a file outside the upload area, a link in it, or a file with a second name is copied and left where it is', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'k.sqlite'));
    const area = path.join(uploadsDir(dir), 'khizana-upload-1-abcdef', 'batch');
    const outside = fromFile(path.join(tempDir(), 'mine.txt'), 'a file of the user, imported from its folder');
    const target = fromFile(path.join(tempDir(), 'linked.txt'), 'a file a link in the upload area points to');
    fs.mkdirSync(area, { recursive: true });
    fs.symlinkSync(target.source.file!, path.join(area, 'link.txt'));
    const viaLink = { ...target, source: { ...target.source, file: path.join(area, 'link.txt') } };
    const shared = fromFile(path.join(tempDir(), 'shared.txt'), 'a file with a second name in the upload area');
    fs.linkSync(shared.source.file!, path.join(area, 'shared.txt'));
    const viaHardLink = { ...shared, source: { ...shared.source, file: path.join(area, 'shared.txt') } };
    // A folder of the upload area that is a link to the user's folder: its files are not the archive's.
    const userFolder = path.join(tempDir(), 'folder');
    const inFolder = fromFile(path.join(userFolder, 'deep.txt'), 'a file reached through a linked folder');
    fs.symlinkSync(userFolder, path.join(area, 'folder'));
    const viaFolderLink = { ...inFolder, source: { ...inFolder.source, file: path.join(area, 'folder', 'deep.txt') } };
    const items = [outside, viaLink, viaHardLink, viaFolderLink];
    const results = storeDocuments(db, dir, items, 'now');
    expect(results.map((r) => (r instanceof Error ? 'error' : r.status))).toEqual(['imported', 'imported', 'imported', 'imported']);
    for (const [k, file] of [outside.source.file!, target.source.file!, shared.source.file!, inFolder.source.file!].entries()) {
      expect(fs.readFileSync(file, 'utf8'), file).toBe(new TextDecoder().decode(items[k]!.source.bytes));
      expect(fs.statSync(originalPath(dir, items[k]!.source.sha256)).ino, file).not.toBe(fs.statSync(file).ino);
    }
    expect(fs.lstatSync(path.join(area, 'link.txt')).isSymbolicLink()).toBe(true);
    db.close();
  });
});
