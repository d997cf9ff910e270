// A plain copy of khizana.sqlite alone (no -wal) holds the last notes once the archive is closed
// or has been idle, even while another connection (the app, serve) keeps the database open, so
// SQLite's own checkpoint-on-last-close never happens.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openArchive } from '../../../electron/core/archive.js';
import { tempDir } from '../../support/paths.js';

const others: Database.Database[] = [];
afterEach(() => {
  for (const db of others.splice(0)) db.close();
});

/** Another process's connection, as the app or `khizana serve` keeps one. */
function otherConnection(dir: string): Database.Database {
  const db = new Database(path.join(dir, 'khizana.sqlite'));
  db.prepare('SELECT count(*) FROM items').get();
  others.push(db);
  return db;
}

/** The notes found in a copy of khizana.sqlite alone, without its -wal file. */
function notesInPlainCopy(dir: string): string[] {
  const copy = path.join(tempDir(), 'copy.sqlite');
  fs.copyFileSync(path.join(dir, 'khizana.sqlite'), copy);
  const db = new Database(copy, { readonly: true });
  try {
    // Before any checkpoint even the schema is only in the WAL.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'items'").get()) return [];
    return (db.prepare("SELECT text FROM items WHERE kind = 'note' ORDER BY id").all() as Array<{ text: string }>).map((r) => r.text);
  } finally {
    db.close();
  }
}

function walBytes(dir: string): number {
  const wal = path.join(dir, 'khizana.sqlite-wal');
  return fs.existsSync(wal) ? fs.statSync(wal).size : 0;
}

it('on close, the WAL is checkpointed and emptied: a plain copy of the closed archive has the last notes', async () => {
  const dir = path.join(tempDir(), 'archive');
  const session = await openArchive({ dir, parseWorkers: 0 });
  otherConnection(dir);
  await session.api.addNote({ text: 'first note' });
  await session.api.addNote({ text: 'the last note before closing' });
  expect(walBytes(dir)).toBeGreaterThan(0);
  await session.close();
  expect(walBytes(dir)).toBe(0);
  expect(notesInPlainCopy(dir)).toEqual(['first note', 'the last note before closing']);
});

it('when idle, the WAL is checkpointed while the archive stays open', async () => {
  const dir = path.join(tempDir(), 'archive');
  const session = await openArchive({ dir, parseWorkers: 0, checkpointIdleMs: 100 });
  otherConnection(dir);
  try {
    await session.api.addNote({ text: 'written, then idle' });
    expect(notesInPlainCopy(dir)).toEqual([]); // still only in the WAL
    const deadline = Date.now() + 5000;
    while (notesInPlainCopy(dir).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notesInPlainCopy(dir)).toEqual(['written, then idle']);
  } finally {
    await session.close();
  }
});

it('also checkpoints what another connection wrote, once everyone is idle', async () => {
  const dir = path.join(tempDir(), 'archive');
  const session = await openArchive({ dir, parseWorkers: 0, checkpointIdleMs: 100 });
  const writer = await openArchive({ dir, parseWorkers: 0, checkpointIdleMs: 3_600_000 }); // never idle-checkpoints itself
  try {
    await writer.api.addNote({ text: 'from the other process' });
    const deadline = Date.now() + 5000;
    while (notesInPlainCopy(dir).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notesInPlainCopy(dir)).toEqual(['from the other process']);
  } finally {
    await writer.close();
    await session.close();
  }
});
