// A reader thread's connection (worker/reader-worker.ts) keeps a small SQLite page cache: searches
// read the index through the OS's file cache as fast, and each cached MB held ~2 MiB of serve's
// memory at 100,000 articles (issue 14).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { openReadConnection, readerCacheKb } from '../../../electron/core/storage/read-connection.js';
import { freshArchive } from '../../support/archive.js';

let archive: ArchiveSession;
beforeAll(async () => {
  archive = await freshArchive();
});
afterAll(() => archive.close());

it('opens read-only with a page cache of at most 2 MB', () => {
  const db = openReadConnection(archive.dir);
  try {
    expect(db.readonly).toBe(true);
    expect(readerCacheKb).toBeLessThanOrEqual(2000);
    // A negative cache_size is in KiB (SQLite's PRAGMA cache_size).
    expect(db.pragma('cache_size', { simple: true })).toBe(-readerCacheKb);
  } finally {
    db.close();
  }
});
