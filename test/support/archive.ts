// A real archive in a temp folder, for tests.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileName, openArchive, type ArchiveSession, type OpenArchiveOptions } from '../../electron/core/archive.js';
import { tempDir } from './paths.js';

/**
 * Opens a fresh archive in a temp folder. It parses in this thread: starting the parser pool's
 * workers (and jsdom, pdf.js in each) costs seconds per archive, and only the pool's own tests
 * need it (test/core/import/parse-pool.test.ts, the transports' contract suite, the CLI).
 */
export async function freshArchive(options: Omit<OpenArchiveOptions, 'dir'> = {}): Promise<ArchiveSession> {
  return openArchive({ dir: path.join(tempDir(), 'archive'), parseWorkers: 0, ...options });
}

/** Writes files (name → content) into a new temp folder and returns its path. */
export function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('khizana-files-');
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** Rows of `sql` read from the archive in `dir` through a separate read-only connection (beside the session). */
export function queryArchive<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The change log's rows after `since` (a seq), in order. */
export function changeLogSince(dir: string, since: number): Array<{ entity: string; uid: string; op: string }> {
  return queryArchive(dir, 'SELECT entity, uid, op FROM change_log WHERE seq > ? ORDER BY seq', since);
}
