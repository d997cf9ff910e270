// kill -9 in the middle of an import, again and again (issue 8 item 5): the next program that
// opens the archive finds every item with its original, no orphan, no temp file, and search works.
import { expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { writeFiles } from '../support/archive.js';
import { inspectArchive } from '../support/archive-integrity.js';
import { jsonLines, runKhizana, startKhizana } from '../support/cli-process.js';
import { tempDir } from '../support/paths.js';

const kills = 6;

it(`after ${kills} kill -9s mid-import, opening the archive leaves 0 orphans and 0 temp files, every item has its original`, async () => {
  const archive = path.join(tempDir(), 'archive');
  const files: Record<string, string> = {};
  // Sizes from 1 KB to ~100 KB, so a kill can land while originals are being written.
  for (let i = 0; i < 2500; i++) files[`f${String(i).padStart(5, '0')}.txt`] = `File ${i}\n\nword${i} common ${'market oil city river '.repeat(50 + ((i * 7919) % 1000))}`;
  const folder = writeFiles(files);
  const report: Array<{ killedAt: number; running: boolean; items: number }> = [];
  for (let k = 0; k < kills; k++) {
    const before = k === 0 ? 0 : report.at(-1)!.items;
    const importing = startKhizana(['--archive', archive, 'import', folder]);
    // Kill when the import has stored some more items, a little later each time (so at every phase
    // of a batch: writing originals, inside the transaction, renaming after the commit).
    await waitForItems(archive, before + 60 + 40 * k, importing.done);
    await new Promise((resolve) => setTimeout(resolve, (k * 53) % 250));
    const running = importing.child.exitCode === null;
    importing.child.kill('SIGKILL');
    await importing.done;

    // The next program to open the archive: search (its sweep runs at opening).
    const search = await runKhizana(['--archive', archive, 'search', 'common', '--json', '--limit', '1']);
    expect(search.status, search.stderr).toBe(0);
    const integrity = inspectArchive(archive);
    report.push({ killedAt: before + 60 + 40 * k, running, items: integrity.items });
    expect(integrity, `after kill ${k + 1}`).toEqual({ items: integrity.items, badOriginals: [], orphans: [], temps: [], quickCheck: 'ok' });
    expect((JSON.parse(search.stdout) as { total: number }).total).toBe(integrity.items);
  }
  // Most kills must have hit a running import, or this test tested nothing.
  expect(report.filter((r) => r.running).length, JSON.stringify(report)).toBeGreaterThanOrEqual(kills - 1);
  console.log(`kill -9 mid-import: ${JSON.stringify(report)}`);

  // A last import completes the folder: each file stored once, nothing failed.
  const last = await runKhizana(['--archive', archive, 'import', '--json', folder], 180_000);
  expect(last.status, last.stderr).toBe(0);
  const statuses = jsonLines<{ status: string }>(last.stdout).map((l) => l.status);
  expect(statuses.filter((s) => s !== 'imported' && s !== 'duplicate')).toEqual([]);
  expect(inspectArchive(archive)).toEqual({ items: 2500, badOriginals: [], orphans: [], temps: [], quickCheck: 'ok' });
}, 300_000);

/** Resolves when the archive holds at least `n` items (polling a read-only connection), or `done` settles. */
async function waitForItems(archive: string, n: number, done: Promise<unknown>): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  const deadline = Date.now() + 120_000;
  while (!finished && Date.now() < deadline) {
    try {
      const db = new Database(path.join(archive, 'khizana.sqlite'), { readonly: true, fileMustExist: true });
      try {
        if ((db.prepare('SELECT count(*) FROM items').pluck().get() as number) >= n) return;
      } finally {
        db.close();
      }
    } catch {
      // not created yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
