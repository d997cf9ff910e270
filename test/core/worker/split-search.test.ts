// A broad first page is split by id range across two reader threads (search-parts.ts) and merged
// by the worker client: the app's and serve's answer is exactly the search on one connection.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../../bench/corpus.js';
import { importKhizana } from '../../../bench/import-khizana.js';
import { MemoryPeak } from '../../../bench/measure.js';
import { runSearch } from '../../../electron/core/search/run-search.js';
import { createVocabulary } from '../../../electron/core/search/vocabulary.js';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/database.js';
import { openArchiveInWorker } from '../../../electron/core/worker/worker-client.js';
import { tempDir } from '../../support/paths.js';
import '../../support/shared.js'; // a clear message when ../shared (the corpus) is missing

let dir: string;
beforeAll(async () => {
  dir = path.join(tempDir(), 'archive');
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase(path.join(dir, 'khizana.sqlite'));
  importKhizana(db, dir, (await readCorpus('ar', 12_000)).filter((_, k) => k % 20 === 0), new MemoryPeak(), 100);
  closeDatabase(db);
}, 60_000);

const queries = ['في', 'tag:source/saudinewsnet في', 'في -الحكومة', 'الحكومة', 'في lang:ar'];

/** Each query's first page (and second) on one connection in this thread. */
function onOneConnection(): unknown[] {
  const db = openDatabase(path.join(dir, 'khizana.sqlite'), { readonly: true });
  try {
    const vocabulary = createVocabulary(db);
    return queries.flatMap((query) => [0, 50].map((offset) => runSearch(db, vocabulary, { query, limit: 50, offset, sort: 'relevance', facets: true })));
  } finally {
    db.close();
  }
}

describe('a broad first page through the worker client', () => {
  let expected: unknown[];
  beforeAll(() => {
    expected = onOneConnection();
  });

  it('split across two readers (every match counts as broad here) is the search on one connection', async () => {
    const session = await openArchiveInWorker({ dir, readers: 3, splitAbove: 0 });
    try {
      expect(await session.readersReady).toBe(1);
      const answers = [];
      for (const query of queries) for (const offset of [0, 50]) answers.push(await session.api.search({ query, limit: 50, offset, facets: true }));
      expect(answers).toEqual(expected);
      // It was split: a second reader started for it.
      expect(session.liveReaders()).toBe(2);
    } finally {
      await session.close();
    }
  });

  it('below the threshold one reader answers, as before', async () => {
    const session = await openArchiveInWorker({ dir, readers: 3, splitAbove: 100_000 });
    try {
      await session.readersReady;
      const answers = [];
      for (const query of queries) for (const offset of [0, 50]) answers.push(await session.api.search({ query, limit: 50, offset, facets: true }));
      expect(answers).toEqual(expected);
      expect(session.liveReaders()).toBe(1);
    } finally {
      await session.close();
    }
  });
});
