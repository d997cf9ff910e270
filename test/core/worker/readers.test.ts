// Reads run on reader threads beside the writer (worker-client.ts). What the writer has just
// committed, a reader sees at once: the rows, and the words (typo tolerance, prefixes).
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { openArchiveInWorker } from '../../../electron/core/worker/worker-client.js';
import { tempDir } from '../../support/paths.js';

let session: ArchiveSession;
beforeAll(async () => {
  session = await openArchiveInWorker({ dir: path.join(tempDir(), 'archive') });
});
afterAll(async () => session?.close());

it('a read right after a write sees it, typo vocabulary included, on every reader', async () => {
  const api = session.api;
  await api.addNote({ text: 'the walrus grazing' });
  // Several reads at once, so more than one reader has read (and cached) the vocabulary.
  const before = await Promise.all([0, 1, 2, 3].map(() => api.search({ query: 'walrun~' })));
  for (const r of before) expect(r.hits.map((h) => h.title)).toEqual(['the walrus grazing']);
  await api.addNote({ text: 'walrun is a new word' });
  const after = await Promise.all([0, 1, 2, 3].map(() => api.search({ query: 'walrux~' })));
  for (const r of after) expect(r.total).toBe(2);
  expect(await api.stats({})).toMatchObject({ notes: 2 });
});

