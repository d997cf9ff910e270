// khizana annotate / annotations / annotation delete|restore and search in:annotations, through
// the real command on a temp archive with the sample article.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { khizana } from '../support/cli.js';
import { tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';

describe('khizana annotate, annotations, annotation delete', () => {
  it('highlights a quote typed plainly, lists it, finds it by search and deletes it with undo', () => {
    const archive = path.join(tempDir(), 'archive');
    const run = (...args: string[]) => khizana(['--archive', archive, ...args]);
    const id = String((JSON.parse(run('import', samplePath, '--json').stdout.trim().split('\n')[0]!) as { id: number }).id);

    // Typed without the kasra and the hamza, with a double space: found as stored.
    const added = run('annotate', id, '--quote', 'الفصائل  من اسر', '--comment', 'كم عدد الأسرى؟', '--color', 'green', '--json');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const annotation = JSON.parse(added.stdout) as { id: number; uid: string; exact: string; color: string; orphaned: boolean };
    expect(annotation).toMatchObject({ exact: 'الفصائل مِن أسر', color: 'green', orphaned: false });

    // Not there, or there three times: one line on stderr, exit 2, nothing added.
    const missing = run('annotate', id, '--quote', 'نص غير موجود');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^khizana: "نص غير موجود" is not in item \d+/);
    const twice = run('annotate', id, '--quote', 'ولا تهنوا');
    expect(twice.status).toBe(2);
    expect(twice.stderr.trim()).toMatch(/^khizana: "ولا تهنوا" occurs 3 times in item \d+: choose one with --occurrence 1 to 3, or quote more of the passage$/);
    expect(run('annotate', id, '--quote', 'ولا تهنوا', '--color', 'red').status).toBe(2);
    const second = run('annotate', id, '--quote', 'ولا تهنوا', '--occurrence', '2');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^annotation #\d+ on #\d+ \(yellow, at \d+\)  «ولا تهنوا»/);

    const list = JSON.parse(run('annotations', '--on', id, '--json').stdout) as Array<{ exact: string; resolved: { start: number } }>;
    expect(list.map((a) => a.exact)).toEqual(['ولا تهنوا', 'الفصائل مِن أسر']); // reading order
    expect(list[0]!.resolved.start).toBeLessThan(list[1]!.resolved.start);
    expect(run('annotations').stdout).toContain('— كم عدد الأسرى؟');

    const search = JSON.parse(run('search', 'in:annotations الأسرى', '--json').stdout) as { total: number; hits: Array<{ id: number; snippet: string; annotation: string }> };
    expect(search.total).toBe(1);
    expect(search.hits[0]).toMatchObject({ id: Number(id), annotation: annotation.uid });
    expect(search.hits[0]!.snippet).toContain('كم عدد الأسرى؟');

    const deleted = run('annotation', 'delete', String(annotation.id));
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toContain(`khizana annotation restore ${annotation.id}`);
    expect(JSON.parse(run('search', 'in:annotations الأسرى', '--json').stdout).total).toBe(0);
    expect(run('annotation', 'restore', annotation.uid).status).toBe(0);
    expect(JSON.parse(run('search', 'in:annotations الأسرى', '--json').stdout).total).toBe(1);
    const unknown = run('annotation', 'delete', '999');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^khizana: no annotation 999: khizana annotations lists them\n$/);
    expect(run('annotation', 'remove', '1').status).toBe(2);
  });
});
