import { describe, expect, it } from 'vitest';
import { newUid, uidFromSha256 } from '../../../electron/core/storage/uids.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { createHash } from 'node:crypto';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uids', () => {
  it('an imported file’s uid is derived from its sha256: the same file gives the same uid anywhere', () => {
    const sha = createHash('sha256').update('same bytes').digest('hex');
    expect(uidFromSha256(sha)).toBe(uidFromSha256(sha));
    expect(uidFromSha256(sha)).toMatch(uuid);
    expect(uidFromSha256(sha).slice(14, 15)).toBe('8');
    expect(uidFromSha256(sha)).not.toBe(uidFromSha256(createHash('sha256').update('other bytes').digest('hex')));
  });

  it('a new uid is a time-ordered version-7 UUID, unique', () => {
    const a = newUid(1_700_000_000_000);
    const b = newUid(1_700_000_000_001);
    expect(a).toMatch(uuid);
    expect(a.slice(14, 15)).toBe('7');
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newUid())).size).toBe(1000);
  });

  it('items and notes get their uid when stored', async () => {
    const archive = await freshArchive();
    try {
      const dir = writeFiles({ 'a.txt': 'harbour of Zanzibar' });
      const { results } = await archive.api.importPaths({ paths: [dir] });
      const note = await archive.api.addNote({ text: 'check the dhows', on: results[0]!.id! });
      const db = (await import('better-sqlite3')).default(`${archive.dir}/khizana.sqlite`, { readonly: true });
      const rows = db.prepare('SELECT id, uid, source_sha256 FROM items ORDER BY id').all() as Array<{ id: number; uid: string; source_sha256: string | null }>;
      db.close();
      expect(rows[0]!.uid).toBe(uidFromSha256(rows[0]!.source_sha256!));
      expect(rows.find((r) => r.id === note.id)!.uid).toMatch(uuid);
    } finally {
      await archive.close();
    }
  });
});
