// The typo vocabulary is built in the background when a reader opens (vocabulary.warm): in slices
// that let other work run between them, and so that the first `word~` afterwards reads nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { createVocabulary } from '../../../electron/core/search/vocabulary.js';
import { openReadConnection } from '../../../electron/core/storage/read-connection.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession;

// 5,000 distinct words (more than one page of the background read) and the word the tests look for.
const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (n: number) => Array.from({ length: 4 }, (_, i) => letters[Math.floor(n / 26 ** i) % 26]).join('');
beforeAll(async () => {
  archive = await freshArchive();
  const words = Array.from({ length: 5_000 }, (_, n) => `q${word(n)}`);
  await archive.api.importPaths({ paths: [writeFiles({ 'many.txt': `${words.join(' ')} market` })], tags: [] });
});
afterAll(() => archive.close());

describe('background typo vocabulary', () => {
  it('builds in slices, letting other work run between them', async () => {
    const db = openReadConnection(archive.dir);
    try {
      const vocabulary = createVocabulary(db);
      let between = 0;
      const counting = setInterval(() => between++, 0);
      await vocabulary.warm();
      clearInterval(counting);
      expect(between).toBeGreaterThan(0);
      expect(vocabulary.expand('markte')).toEqual(['market']);
    } finally {
      db.close();
    }
  });

  it('once warm, the first word~ reads nothing from the archive (no build on the request path)', async () => {
    const db = openReadConnection(archive.dir);
    const vocabulary = createVocabulary(db);
    await vocabulary.warm();
    db.close(); // any read now would throw
    expect(vocabulary.expand('markte')).toEqual(['market']);
    expect(vocabulary.expand('qaaaa').length).toBeGreaterThan(0);
  });

  it('a lookup during the build finishes it at once, and warming again is free', async () => {
    const db = openReadConnection(archive.dir);
    try {
      const vocabulary = createVocabulary(db);
      const warming = vocabulary.warm();
      expect(vocabulary.expand('markte')).toEqual(['market']);
      await warming;
      await vocabulary.warm();
    } finally {
      db.close();
    }
  });

  it('after a change to the words, warming reads them again', async () => {
    const db = openReadConnection(archive.dir);
    try {
      const vocabulary = createVocabulary(db);
      await vocabulary.warm();
      expect(vocabulary.expand('harbuor')).toEqual([]);
      await archive.api.importPaths({ paths: [writeFiles({ 'new.txt': 'the harbour' })], tags: [] });
      vocabulary.invalidate();
      await vocabulary.warm();
      db.close();
      expect(vocabulary.expand('harbuor')).toEqual(['harbour']);
    } finally {
      if (db.open) db.close();
    }
  });
});
