// Emptying the trash withdraws originals inside its transaction and deletes them after the commit.
// A process killed in between (kill -9) leaves a temp file that the next opening of the archive
// puts back (the transaction rolled back: the row is still there) or deletes (it committed).
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseFileName, openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import { originalPath } from '../../../electron/core/storage/original-files.js';
import { writeFiles } from '../../support/archive.js';
import { repoRoot, tempDir } from '../../support/paths.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

const built = (file: string) => pathToFileURL(path.join(repoRoot, 'dist/electron/core/storage', file)).href;

/** In a child process: deletes the row and withdraws the original as emptying the trash does, commits or not, then dies by SIGKILL. */
function crashWhileEmptying(dir: string, id: number, sha: string, commit: boolean) {
  const script = `
    const { openDatabase } = await import(${JSON.stringify(built('database.js'))});
    const { withdrawOriginal } = await import(${JSON.stringify(built('original-files.js'))});
    const db = openDatabase(${JSON.stringify(path.join(dir, databaseFileName))});
    db.exec('BEGIN IMMEDIATE');
    db.prepare('DELETE FROM items WHERE id = ?').run(${id});
    if (!withdrawOriginal(${JSON.stringify(dir)}, ${JSON.stringify(sha)})) throw new Error('nothing withdrawn');
    if (${commit}) db.exec('COMMIT');
    process.kill(process.pid, 'SIGKILL');`;
  const run = spawnSync(process.execPath, ['--max-old-space-size=256', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  expect(run.signal, run.stderr).toBe('SIGKILL');
}

async function trashedItem() {
  const dir = path.join(tempDir(), 'archive');
  archive = await openArchive({ dir, parseWorkers: 0 });
  const report = await archive.api.importPaths({ paths: [writeFiles({ 'owl.txt': 'Owls\nA barn owl hunted over the field at night.' })] });
  const id = report.results[0]!.id!;
  const sha = (await archive.api.getItem({ id })).source!.sha256;
  await archive.api.deleteItem({ id });
  await archive.close();
  archive = null;
  return { dir, id, sha };
}

describe('emptying the trash, killed half-way', () => {
  it('before its commit: the item stays in the trash and its original comes back', async () => {
    const { dir, id, sha } = await trashedItem();
    crashWhileEmptying(dir, id, sha, false);
    expect(fs.existsSync(originalPath(dir, sha))).toBe(false); // withdrawn when it died
    archive = await openArchive({ dir, parseWorkers: 0 });
    expect(fs.existsSync(originalPath(dir, sha))).toBe(true);
    expect((await archive.api.listTrash({})).map((e) => e.id)).toEqual([id]);
    expect(fs.readdirSync(path.join(dir, 'files', '.incoming'))).toEqual([]);
  });

  it('after its commit: the item is gone and so is its original', async () => {
    const { dir, id, sha } = await trashedItem();
    crashWhileEmptying(dir, id, sha, true);
    expect(fs.readdirSync(path.join(dir, 'files', '.incoming'))).toHaveLength(1);
    archive = await openArchive({ dir, parseWorkers: 0 });
    expect(fs.existsSync(originalPath(dir, sha))).toBe(false);
    expect(await archive.api.listTrash({})).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'files', '.incoming'))).toEqual([]);
  });
});
