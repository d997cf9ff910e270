// "Open original" hands the system a read-only copy of the archived file, never anything else.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../electron/shared/dto.js';
import { ArchiveError } from '../../electron/shared/errors.js';
import { openableName, prepareOriginal } from '../../electron/main/open-original.js';

const sha = 'ab'.padEnd(64, '0');
let base: string;
let archiveDir: string;
let tempRoot: string;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'khizana-open-'));
  archiveDir = path.join(base, 'archive');
  tempRoot = path.join(base, 'tmp');
  mkdirSync(path.join(archiveDir, 'files', 'ab'), { recursive: true });
  writeFileSync(path.join(archiveDir, 'files', 'ab', sha), 'original bytes');
});
afterEach(() => {
  // Read-only copies need write permission on their folder only; restore it for cleanup anyway.
  rmSync(base, { recursive: true, force: true });
});

function apiFor(source: ItemDetail['source'], id = 7) {
  return {
    getItem: async ({ id: asked }: { id: number }) => {
      if (asked !== id) throw new ArchiveError('not-found', `no item ${asked}`);
      return { id, source } as ItemDetail;
    },
  };
}

const source = (over: Partial<NonNullable<ItemDetail['source']>> = {}) => ({
  path: '/home/u/Downloads/تقرير إدلب.pdf',
  format: 'pdf',
  sha256: sha,
  encoding: null,
  bytes: 14,
  ...over,
});

describe('openableName', () => {
  it('keeps the original base name from either OS', () => {
    expect(openableName(source(), 1)).toBe('تقرير إدلب.pdf');
    expect(openableName(source({ path: 'C:\\Users\\u\\report.docx', format: 'docx' }), 1)).toBe('report.docx');
  });

  it('adds the format as extension, replaces unsafe characters, never ends up empty', () => {
    expect(openableName(source({ path: '/x/README', format: 'md' }), 1)).toBe('README.md');
    expect(openableName(source({ path: '/x/a:b*c?.txt', format: 'txt' }), 1)).toBe('a_b_c_.txt');
    expect(openableName(source({ path: '/x/..', format: 'txt' }), 3)).toBe('item-3.txt');
    expect(openableName(source({ path: '', format: 'weird format' }), 4)).toBe('item-4');
  });
});

describe('prepareOriginal', () => {
  it('copies the archived file to a read-only temp file named like the original', async () => {
    const target = await prepareOriginal({ api: apiFor(source()), archiveDir, tempRoot, id: 7 });
    expect(path.basename(target)).toBe('تقرير إدلب.pdf');
    expect(target.startsWith(tempRoot + path.sep)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('original bytes');
    expect(statSync(target).mode & 0o222).toBe(0);
    // A second open reuses the copy.
    expect(await prepareOriginal({ api: apiFor(source()), archiveDir, tempRoot, id: 7 })).toBe(target);
  });

  it('refuses items without an original, missing copies and copies outside the archive', async () => {
    await expect(prepareOriginal({ api: apiFor(null), archiveDir, tempRoot, id: 7 })).rejects.toMatchObject({ code: 'not-found' });
    const other = 'cd'.padEnd(64, '1');
    await expect(prepareOriginal({ api: apiFor(source({ sha256: other })), archiveDir, tempRoot, id: 7 })).rejects.toMatchObject({ code: 'not-found' });
    // A symlink planted in files/ must not lead out of the archive.
    const secret = path.join(base, 'secret.txt');
    writeFileSync(secret, 'secret');
    mkdirSync(path.join(archiveDir, 'files', 'cd'));
    symlinkSync(secret, path.join(archiveDir, 'files', 'cd', other));
    await expect(prepareOriginal({ api: apiFor(source({ sha256: other })), archiveDir, tempRoot, id: 7 })).rejects.toThrow(/outside the archive/);
    await expect(prepareOriginal({ api: apiFor(source({ sha256: '../../etc/passwd' })), archiveDir, tempRoot, id: 7 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(prepareOriginal({ api: apiFor(source()), archiveDir, tempRoot, id: 8 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refreshes a stale temp copy', async () => {
    const target = await prepareOriginal({ api: apiFor(source()), archiveDir, tempRoot, id: 7 });
    chmodSync(target, 0o644);
    writeFileSync(target, 'edited by someone');
    await prepareOriginal({ api: apiFor(source()), archiveDir, tempRoot, id: 7 });
    expect(readFileSync(target, 'utf8')).toBe('original bytes');
  });
});
