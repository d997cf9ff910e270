// khizana delete / trash / undelete / trash empty, through the real command on a temp archive.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { khizana } from '../support/cli.js';
import { writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';

describe('khizana delete, trash, undelete, trash empty', () => {
  it('moves an item with its notes to the trash, brings it back, and empties the trash with the original', () => {
    const archive = path.join(tempDir(), 'archive');
    const run = (...args: string[]) => khizana(['--archive', archive, ...args]);
    const dir = writeFiles({ 'heron.txt': 'Herons of the marsh\nA grey heron stood in the reeds of the marsh.' });
    const imported = JSON.parse(run('import', dir, '--json').stdout.trim().split('\n')[0]!) as { id: number };
    const id = String(imported.id);
    expect(run('note', 'add', '--on', id, 'first heron note').status).toBe(0);
    expect(run('note', 'add', '--on', id, 'second heron note').status).toBe(0);
    const shown = JSON.parse(run('show', id, '--json').stdout) as { uid: string; source: { sha256: string }; deletedAt: string | null };
    expect(shown.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(shown.deletedAt).toBeNull();
    const original = path.join(archive, 'files', shown.source.sha256.slice(0, 2), shown.source.sha256);
    expect(fs.existsSync(original)).toBe(true);

    const deleted = run('delete', id);
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toContain(`#${id} moved to the trash with 2 attached notes`);
    expect(JSON.parse(run('search', 'heron', '--json').stdout).total).toBe(0);
    // Importing it again says where it is, and leaves it in the trash.
    expect(run('import', dir).stdout).toMatch(new RegExp(`^duplicate\\s+of #${id}\\s+.*heron\\.txt  \\(already in the archive's trash as item ${id}: restore it with khizana undelete ${id}`, 'm'));
    expect(JSON.parse(run('search', 'heron', '--json').stdout).total).toBe(0);
    const trash = JSON.parse(run('trash', '--json').stdout) as Array<{ id: number; uid: string; notes: number }>;
    expect(trash).toEqual([expect.objectContaining({ id: imported.id, uid: shown.uid, notes: 2 })]);
    expect(run('trash').stdout).toMatch(new RegExp(`^#${id}\\s+Herons of the marsh.*2 notes`, 'm'));

    expect(run('undelete', id).stdout).toContain(`#${id} restored with 2 attached notes`);
    expect(JSON.parse(run('search', 'heron', '--json').stdout).total).toBe(3);
    expect(run('trash').stdout).toContain('The trash is empty.');
    const again = run('undelete', id);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not in the trash/);

    expect(run('delete', id).status).toBe(0);
    const emptied = run('trash', 'empty');
    expect(emptied.stdout).toContain('deleted for good: 1 item, 2 attached notes, 1 original file');
    expect(fs.existsSync(original)).toBe(false);
    expect(run('show', id).status).toBe(1);
    expect(run('trash', 'bogus').status).toBe(2);
  });
});
