// Every command of the CLI contract, through the real command on a temp archive.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { khizana } from '../support/cli.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';

let archive: string;
let sampleId: number;
const run = (...args: string[]) => khizana(['--archive', archive, ...args]);

beforeAll(() => {
  archive = path.join(tempDir(), 'archive');
  const notes = writeFiles({ 'notes/idea.md': '---\ntitle: An idea\ntags: [ideas]\n---\nCheck the villages count in Idlib.\n' });
  const result = run('import', samplePath, path.join(notes, 'notes'), '--tag', 'syria/idlib', '--json');
  expect(result.status).toBe(0);
  // JSON Lines: one object per file as it is settled, then the summary.
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { path: string; status: string; id: number });
  expect(lines.map((l) => l.status)).toEqual(['imported', 'imported', undefined]);
  expect(lines.at(-1)).toEqual({ summary: { imported: 2, duplicates: 0, failed: 0, skipped: 0, cancelled: false } });
  sampleId = lines.find((l) => l.path === path.resolve(samplePath))!.id;
});

describe('khizana import', () => {
  it('prints one line per file and a summary; duplicates are reported', () => {
    const result = run('import', samplePath);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^duplicate\s+of #\d+\s+.*idlib-ar\.txt$/m);
    expect(result.stdout).toMatch(/0 imported, 1 duplicates, 0 failed/);
  });
  it('exits 1 when a file failed, still importing the others; --json has the error code', () => {
    const dir = writeFiles({ 'ok.txt': 'fine text about Homs', 'empty.txt': '' });
    const result = run('import', dir, '--json');
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ status: 'imported', id: expect.any(Number) }),
      expect.objectContaining({ status: 'failed', error: { code: 'empty', message: expect.any(String) } }),
    ]));
  });
  it('exits 2 for a usage error', () => {
    expect(run('import').status).toBe(2);
    expect(run('import', samplePath, '--bogus').status).toBe(2);
  });
});

describe('khizana search', () => {
  it('finds Arabic with highlights in bold', () => {
    const result = khizana(['--archive', archive, 'search', 'ادلب الفصائل'], { FORCE_COLOR: '1' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`#${sampleId}`);
    expect(result.stdout).toContain('\x1b[1mإدلب\x1b[22m');
  });
  it('--json: total and hits with highlights as offsets into the snippet', () => {
    const result = run('search', '"ولا تهنوا"', '--json');
    const json = JSON.parse(result.stdout) as { total: number; hits: Array<{ id: number; kind: string; title: string; snippet: string; highlights: [number, number][]; score: number; tags: string[] }> };
    expect(json.total).toBe(1);
    const hit = json.hits[0]!;
    expect(hit).toMatchObject({ id: sampleId, kind: 'article', tags: ['syria/idlib'] });
    expect(typeof hit.score).toBe('number');
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toContain('ولا تهنوا');
  });
  it('--limit and --offset page through results', () => {
    const all = JSON.parse(run('search', 'idlib OR ادلب', '--json').stdout) as { total: number; hits: Array<{ id: number }> };
    expect(all.total).toBe(2);
    const second = JSON.parse(run('search', 'idlib OR ادلب', '--json', '--limit', '1', '--offset', '1').stdout) as { hits: Array<{ id: number }> };
    expect(second.hits.map((h) => h.id)).toEqual([all.hits[1]!.id]);
  });
  it('any query string works: no syntax errors', () => {
    const total = (query: string) => {
      const result = run('search', query, '--json');
      expect(result.status, query).toBe(0);
      return (JSON.parse(result.stdout) as { total: number }).total;
    };
    const everything = total('');
    expect(everything).toBeGreaterThan(1);
    // Nothing searchable in it: every item, as an empty search. Words no item has: nothing.
    for (const q of ['"', '*', '-', '(', '😀']) expect(total(q), q).toBe(everything);
    for (const q of ['NEAR(', 'a AND']) expect(total(q), q).toBe(0);
  });
  it('says when a broad prefix was searched as its most frequent words (text and --json)', () => {
    const other = path.join(tempDir(), 'archive');
    const words = Array.from({ length: 60 }, (_, i) => `zorb${'bcdfghjklmnpqrtvwxz'[Math.floor(i / 19)]}${'bcdfghjklmnpqrtvwxz'[i % 19]}`);
    expect(khizana(['--archive', other, 'note', 'add', words.join(' ')]).status).toBe(0);
    const text = khizana(['--archive', other, 'search', 'zorb*']);
    expect(text.stdout).toMatch(/^zorb\* was searched as its 50 most frequent words \(of 60\)/m);
    const json = JSON.parse(khizana(['--archive', other, 'search', 'zorb*', '--json']).stdout) as { notices: unknown };
    expect(json.notices).toEqual([{ code: 'prefix-limited', term: 'zorb*', kept: 50, of: 60 }]);
  });
  it('bad flags are usage errors', () => {
    expect(run('search', 'x', '--limit', 'abc').status).toBe(2);
    expect(run('search').status).toBe(2);
  });
});

describe('khizana show, tag, untag, tags, note, notes', () => {
  it('show --json has the contract fields', () => {
    const item = JSON.parse(run('show', String(sampleId), '--json').stdout);
    expect(item).toMatchObject({
      id: sampleId, kind: 'article', lang: 'ar', tags: ['syria/idlib'], notes: [],
      source: { path: path.resolve(samplePath), format: 'txt', encoding: 'utf-8', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      importedAt: expect.any(String), publishedAt: null,
    });
    expect(item.text).toBe(fs.readFileSync(samplePath, 'utf8'));
    expect(fs.existsSync(path.join(archive, 'files', item.source.sha256.slice(0, 2), item.source.sha256))).toBe(true);
  });
  it('show: unknown id and bad id', () => {
    const missing = run('show', '99999');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no item with id 99999/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(run('show', 'abc').status).toBe(2);
  });
  it('tag, untag, tags', () => {
    expect(run('tag', String(sampleId), 'reading-list').stdout).toContain('reading-list, syria/idlib');
    expect(run('tags').stdout).toMatch(/^reading-list\s+1$/m);
    expect(run('untag', String(sampleId), 'reading-list').status).toBe(0);
    const tags = JSON.parse(run('tags', '--json').stdout) as Array<{ path: string; count: number }>;
    // syria is listed too: a parent shows its count even when only its sub-tags are tags.
    expect(tags.map((t) => t.path)).toEqual(['ideas', 'syria', 'syria/idlib']);
    expect(run('untag', String(sampleId), 'never-there').status).toBe(1);
  });
  it('note add (attached and standalone), notes, and notes are searchable', () => {
    expect(run('note', 'add', '--on', String(sampleId), 'تحقق من عدد القرى').stdout).toMatch(/note #\d+ saved on #\d+/);
    expect(run('note', 'add', 'a standalone thought').status).toBe(0);
    const notes = JSON.parse(run('notes', '--json').stdout) as Array<{ text: string; parentId: number | null }>;
    expect(notes.map((n) => n.parentId)).toEqual([null, sampleId]);
    const found = JSON.parse(run('search', 'القرى', '--json').stdout) as { hits: Array<{ kind: string }> };
    expect(found.hits.map((h) => h.kind).sort()).toEqual(['article', 'note']);
    expect(JSON.parse(run('show', String(sampleId), '--json').stdout).notes[0].text).toBe('تحقق من عدد القرى');
    expect(run('note', 'add').status).toBe(2);
    expect(run('note', 'add', '--on', '99999', 'x').status).toBe(1);
  });
});

describe('archive location and help', () => {
  it('KHIZANA_ARCHIVE chooses the archive; a new one is created on first use', () => {
    const dir = path.join(tempDir(), 'via-env');
    expect(khizana(['tags'], { KHIZANA_ARCHIVE: dir }).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'khizana.sqlite'))).toBe(true);
  });
  it('the default is the OS per-user data folder', () => {
    const home = tempDir();
    expect(khizana(['tags'], { HOME: home, XDG_DATA_HOME: '', KHIZANA_ARCHIVE: '' }).status).toBe(0);
    expect(fs.existsSync(path.join(home, '.local/share/khizana/archive/khizana.sqlite'))).toBe(true);
  });
  it('an unreadable archive is a one-line error', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const result = khizana(['--archive', file, 'tags']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('--help and <command> --help explain everything', () => {
    expect(khizana(['--help']).stdout).toContain('search <query>');
    for (const command of ['import', 'search', 'show', 'tag', 'untag', 'tags', 'note', 'notes', 'serve']) {
      const result = khizana([command, '--help']);
      expect(result.status, command).toBe(0);
      expect(result.stdout, command).toMatch(/Usage: khizana/);
    }
    expect(khizana(['search', '--help']).stdout).toContain('tag:syria');
    expect(khizana(['bogus']).status).toBe(2);
    expect(khizana([]).status).toBe(2);
  });
});
