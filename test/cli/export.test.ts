// `khizana export` and the import of an export as a user runs them (real processes): export a
// search to a zip and everything to a folder, import both into another archive, refuse a
// non-empty target with one line and exit status 2.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { khizana } from '../support/cli.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { writeFiles } from '../support/archive.js';

it('exports with and without --query, and imports the export into another archive', () => {
  const archive = path.join(tempDir(), 'a');
  const files = writeFiles({ 'walrus.txt': 'The walrus and the carpenter', 'other.txt': 'Nothing to see here at all' });
  expect(khizana(['--archive', archive, 'import', samplePath, files, '--tag', 'syria']).status).toBe(0);
  expect(khizana(['--archive', archive, 'note', 'add', '--on', '1', 'ملاحظة']).status).toBe(0);

  const zip = path.join(tempDir(), 'idlib.zip');
  const run = khizana(['--archive', archive, 'export', zip, '--query', 'ادلب', '--json']);
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toMatchObject({ counts: { articles: 1, notes: 1, originals: 1 } });

  const folder = path.join(tempDir(), 'all');
  const all = khizana(['--archive', archive, 'export', folder]);
  expect(all.status).toBe(0);
  expect(all.stdout).toMatch(/^Exported 3 articles, 1 notes, 1 tags, 0 saved searches and 3 original files to /);

  const copy = path.join(tempDir(), 'b');
  const first = khizana(['--archive', copy, 'import', zip]);
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(/2 imported, 0 duplicates, 0 failed/);
  const second = khizana(['--archive', copy, 'import', folder]);
  expect(second.stdout).toMatch(/2 imported, 2 duplicates, 0 failed/);
  expect(JSON.parse(khizana(['--archive', copy, 'show', '1', '--json']).stdout)).toMatchObject({ tags: ['syria'], notes: [{ text: 'ملاحظة' }] });

  const refused = khizana(['--archive', archive, 'export', folder]);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/^khizana: cannot export to .* the folder is not empty \(choose a new or empty folder\)\n$/);
  expect(fs.readdirSync(path.dirname(folder)).filter((n) => n.includes('partial'))).toEqual([]);
});
