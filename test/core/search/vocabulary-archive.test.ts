// The typo vocabulary lives in the archive (vocabulary_terms, kept in the write transaction) and is
// walked on demand: exactly lunr's fuzzy matches over the index's words, new words found as soon as
// they are committed (no rebuild), and nothing read ahead by a reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import lunr from 'lunr';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { createVocabulary } from '../../../electron/core/search/vocabulary.js';
import { openReadConnection } from '../../../electron/core/storage/read-connection.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { samplePath } from '../../support/shared.js';

let archive: ArchiveSession;

// 5,000 distinct words sharing letters (dense neighbourhoods), an Arabic article, and the words the tests look for.
const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (n: number) => Array.from({ length: 4 }, (_, i) => letters[Math.floor(n / 26 ** i) % 26]).join('');
beforeAll(async () => {
  archive = await freshArchive();
  const words = Array.from({ length: 5_000 }, (_, n) => `q${word(n)}`);
  await archive.api.importPaths({ paths: [samplePath, writeFiles({ 'many.txt': `${words.join(' ')} market marketing markets Market-Place` })], tags: [] });
});
afterAll(() => archive.close());

/** What the vocabulary found before issue 14: lunr's TokenSet of every indexed word of 4+ letters, intersected with the fuzzy one. */
function lunrExpand(indexWords: string[], typed: string, distance: number): string[] {
  const TokenSet = lunr.TokenSet as unknown as { Builder: new () => { root: lunr.TokenSet; insert(w: string): void; finish(): void }; fromFuzzyString(w: string, d: number): lunr.TokenSet };
  const builder = new TokenSet.Builder();
  for (const w of [...indexWords].sort()) if ([...w].length >= 4) builder.insert(w);
  builder.finish();
  return builder.root.intersect(TokenSet.fromFuzzyString(typed, distance)).toArray().filter((w) => w !== typed);
}

describe('typo vocabulary kept in the archive', () => {
  it('finds exactly the words lunr finds over the whole index, most frequent first', () => {
    const db = openReadConnection(archive.dir);
    try {
      db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'items_fts', 'row')");
      const rows = db.prepare('SELECT term, doc FROM temp.v').raw().all() as Array<[string, number]>;
      const docs = new Map(rows);
      const vocabulary = createVocabulary(db);
      const typed = ['markte', 'qaaaa', 'qbbbb', 'qzzzz', 'marketign', 'الفصايل', 'النضام', 'ادلب', 'الحكومه', 'المعارضه', 'xyzw', 'qab'];
      let compared = 0;
      for (const t of typed) {
        const length = [...t].length;
        const distance = length < 4 ? 0 : length <= 7 ? 1 : 2;
        const found = vocabulary.expand(t, 1000);
        const expected = distance === 0 ? [] : lunrExpand([...docs.keys()], t, distance);
        expect(new Set(found), t).toEqual(new Set(expected));
        for (let i = 1; i < found.length; i++) expect(docs.get(found[i - 1]!)!).toBeGreaterThanOrEqual(docs.get(found[i]!)!);
        compared += expected.length;
      }
      expect(compared).toBeGreaterThan(40);
    } finally {
      db.close();
    }
  });

  it("an import's new words are found as soon as it commits, with no rebuild or warm-up", async () => {
    const db = openReadConnection(archive.dir);
    try {
      const vocabulary = createVocabulary(db);
      expect(vocabulary.expand('harbuor')).toEqual([]);
      await archive.api.importPaths({ paths: [writeFiles({ 'new.txt': 'the harbour' })], tags: [] });
      expect(vocabulary.expand('harbuor')).toEqual(['harbour']);
      expect(vocabulary.closest('harbuor')).toBe('harbour');
    } finally {
      db.close();
    }
  });

  it('a note edit adds its words in its own transaction', async () => {
    const db = openReadConnection(archive.dir);
    try {
      const vocabulary = createVocabulary(db);
      const note = await archive.api.addNote({ text: 'first draft' });
      expect(vocabulary.expand('zanzibra')).toEqual([]);
      await archive.api.updateNote({ id: note.id, text: 'first draft about zanzibar' });
      expect(vocabulary.expand('zanzibra')).toEqual(['zanzibar']);
      expect((await archive.api.search({ query: 'zanzibra~' })).hits.map((h) => h.id)).toEqual([note.id]);
    } finally {
      db.close();
    }
  });

  it('a reader reads nothing ahead: warming is free and words are read when asked', async () => {
    const db = openReadConnection(archive.dir);
    const vocabulary = createVocabulary(db);
    await vocabulary.warm();
    expect(vocabulary.expand('markte')).toEqual(['market']);
    db.close();
    expect(() => vocabulary.expand('markte')).toThrow(); // no copy held: the walk reads the archive
  });
});
