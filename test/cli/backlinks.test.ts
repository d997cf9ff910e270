// khizana backlinks through the built command on a temp archive: the notes that link to an item,
// with the sentence, as text and as a JSON array; an unknown id and a bad one are clear errors.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { khizana } from '../support/cli.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';

let archive: string;
const run = (...args: string[]) => khizana(['--archive', archive, ...args]);

beforeAll(() => {
  archive = path.join(tempDir(), 'archive');
  expect(run('import', writeFiles({ 'saraqib.txt': 'مدينة سراقب\n\nتقرير عن سراقب.' })).status).toBe(0);
});

it('lists the notes linking to an item with the linking sentence, as text and JSON', () => {
  const uid = (JSON.parse(run('show', '1', '--json').stdout) as { uid: string }).uid;
  expect(run('backlinks', '1').stdout.trim()).toBe('No note links to #1.');
  expect(run('note', 'add', `مصادر\nراجع [مدينة سراقب](khizana:${uid}) قبل النشر. شكرا.`).status).toBe(0);
  const text = run('backlinks', '1');
  expect(text.status).toBe(0);
  expect(text.stdout).toBe('#1 is linked from 1 note:\n#2  مصادر\n    راجع مدينة سراقب قبل النشر.\n');
  expect(JSON.parse(run('backlinks', '1', '--json').stdout)).toEqual([{ fromId: 2, fromUid: expect.any(String), fromTitle: 'مصادر', sentence: 'راجع مدينة سراقب قبل النشر.' }]);
  const missing = run('backlinks', '99');
  expect(missing.status).toBe(1);
  expect(missing.stderr.trim()).toBe('khizana: no item with id 99');
  expect(run('backlinks', 'abc').status).toBe(2);
  expect(run('backlinks', '--help').stdout).toMatch(/^Usage: khizana backlinks <id>/);
});
