// khizana tags rename / tags delete, through the real command on a temp archive.
import path from 'node:path';
import { expect, it } from 'vitest';
import { writeFiles } from '../support/archive.js';
import { khizana } from '../support/cli.js';
import { tempDir } from '../support/paths.js';

it('renames (sub-tags follow, merging), changes case, deletes, and refuses an unknown tag with exit 2', () => {
  const archive = path.join(tempDir(), 'archive');
  const run = (...args: string[]) => khizana(['--archive', archive, ...args]);
  const dir = writeFiles({ 'a.txt': 'Idlib report\n\nFighting in Idlib.', 'b.txt': 'Aleppo report\n\nMarkets in Aleppo.' });
  expect(run('import', dir, '--tag', 'Syria/idlib').status).toBe(0);
  expect(run('tag', '2', 'sy').status).toBe(0);
  expect(run('tag', '2', 'syria').status).toBe(0);

  const renamed = run('tags', 'rename', 'syria', 'sy');
  expect(renamed.status).toBe(0);
  expect(renamed.stdout.trim()).toBe('renamed "syria" to "sy" (2 tags, 2 items); merged into the existing "sy" (their colours kept)');
  expect(JSON.parse(run('tags', '--json').stdout)).toEqual([
    { path: 'sy', color: null, count: 2 },
    { path: 'sy/idlib', color: null, count: 2 },
  ]);
  expect(JSON.parse(run('tags', 'rename', 'SY', 'Sy', '--json').stdout)).toMatchObject({ from: 'SY', to: 'Sy', tags: 2, items: 2, merged: [] });
  expect(run('tags').stdout).toBe('Sy  2\nSy/idlib  2\n');

  const unknown = run('tags', 'rename', 'iraq', 'iq');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toBe('khizana: no tag "iraq" (nor any tag under it): see the list of tags (khizana tags)\n');
  expect(run('tags', 'delete', 'iraq').status).toBe(2);
  expect(run('tags', 'rename', 'Sy').status).toBe(2);

  const deleted = run('tags', 'delete', 'sy');
  expect(deleted.status).toBe(0);
  expect(deleted.stdout.trim()).toBe('deleted "Sy" and 1 sub-tag from 2 items');
  expect(run('tags').stdout).toContain('No tags yet');
});
