// khizana edit / khizana cite through the real command on a temp archive: edits exit 0 and show in
// `show --json` and search; a bad value exits 2 with one line and changes nothing; cite prints a
// CSL-JSON array, BibTeX, RIS and text for ids or a query.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { khizana } from '../support/cli.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';

describe('khizana edit and cite', () => {
  it('edits details, refuses bad values with exit 2, and cites ids or a query in every format', () => {
    const archive = path.join(tempDir(), 'archive');
    const run = (...args: string[]) => khizana(['--archive', archive, ...args]);
    // What khizana itself wrote to stderr (node may add a warning of its own about the environment).
    const errors = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('khizana:')).join('\n');
    const dir = writeFiles({ 'wire.txt': 'untitled wire copy\n\nالفصائل تتقدم في ريف إدلب الجنوبي.', 'other.txt': 'Herons of the marsh\n\nA grey heron.' });
    const lines = run('import', dir, '--json').stdout.trim().split('\n').map((l) => JSON.parse(l) as { path?: string; id?: number });
    const id = String(lines.find((l) => l.path?.endsWith('wire.txt'))!.id);

    const edited = run('edit', id, '--title', 'الفصائل تسيطر على إدلب', '--author', 'محمد الأحمد', '--author', 'Jane Doe', '--date', '2015-07', '--url', 'https://example.org/a', '--publication', 'الجزيرة نت', '--lang', 'ar');
    expect(edited.status).toBe(0);
    expect(errors(edited.stderr)).toBe('');
    expect(edited.stdout).toContain(`#${id}  الفصائل تسيطر على إدلب`);
    const shown = JSON.parse(run('show', id, '--json').stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ title: 'الفصائل تسيطر على إدلب', authors: ['محمد الأحمد', 'Jane Doe'], publishedAt: '2015-07', url: 'https://example.org/a', publication: 'الجزيرة نت', lang: 'ar' });
    expect(JSON.parse(run('search', 'title:تسيطر', '--json').stdout).total).toBe(1);

    for (const [flag, value, message] of [
      ['--date', '2015-13-40', /^khizana: editItem: publishedAt: "2015-13-40" is not a date: the month must be 01 to 12$/],
      ['--url', 'ftp://example.org', /^khizana: editItem: url: "ftp:\/\/example.org" is not a web address: it must start with http:\/\/ or https:\/\/$/],
      ['--title', ' ', /^khizana: editItem: title: a title cannot be empty$/],
    ] as const) {
      const bad = run('edit', id, flag, value);
      expect(bad.status).toBe(2);
      expect(errors(bad.stderr)).toMatch(message);
      expect(bad.stdout).toBe('');
    }
    expect(run('edit', id).status).toBe(2);
    expect(JSON.parse(run('show', id, '--json').stdout)).toEqual(shown);

    // '' clears a field.
    const cleared = JSON.parse(run('edit', id, '--date', '', '--json').stdout) as { publishedAt: string | null; edited: string[] };
    expect(cleared.publishedAt).toBeNull();
    expect(cleared.edited).toEqual(['title', 'authors', 'publication', 'publishedAt', 'url', 'lang']);
    expect(run('edit', id, '--date', '2015-07-21').status).toBe(0);

    const csl = run('cite', id, '--format', 'csl-json');
    expect(csl.status).toBe(0);
    const records = JSON.parse(csl.stdout) as Array<Record<string, unknown>>;
    expect(records).toEqual([expect.objectContaining({ title: 'الفصائل تسيطر على إدلب', author: [{ literal: 'محمد الأحمد' }, { family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2015, 7, 21]] } })]);
    expect(run('cite', id, '--format', 'bibtex').stdout).toContain('title = {الفصائل تسيطر على إدلب}');
    expect(run('cite', id, '--format', 'ris').stdout).toContain('TI  - الفصائل تسيطر على إدلب');
    expect(run('cite', id, '--style', 'chicago').stdout).toBe('محمد الأحمد, and Jane Doe. 2015. “الفصائل تسيطر على إدلب.” الجزيرة نت, July 21, 2015. https://example.org/a.\n');
    expect(run('cite', '--query', 'ادلب', '--format', 'csl-json').stdout).toBe(csl.stdout);
    expect(JSON.parse(run('cite', '--query', 'heron OR ادلب', '--format', 'csl-json').stdout)).toHaveLength(2);

    const badFormat = run('cite', id, '--format', 'mla');
    expect(badFormat.status).toBe(2);
    expect(errors(badFormat.stderr)).toBe('khizana: --format is one of csl-json, bibtex, ris, text, not "mla"');
    expect(run('cite', '999').status).toBe(1);
  });
});
