// Archive folder choice and the Electron-ABI SQLite binding choice.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultArchiveDir } from '../../electron/core/archive-location.js';
import { archiveDirFor, flagValue, isInside } from '../../electron/main/archive-dir.js';
import { BINDING_ENV, chooseSqliteBinding, DEV_BINDING_PATH } from '../../electron/main/native-binding.js';

describe('archive folder', () => {
  const electronArgv = ['/opt/Khizana/khizana', '.', '--no-sandbox'];

  it('takes --archive DIR and --archive=DIR, resolved to an absolute path', () => {
    expect(archiveDirFor([...electronArgv, '--archive', '/data/a'], {})).toBe(path.resolve('/data/a'));
    expect(archiveDirFor([...electronArgv, '--archive=/data/b'], {})).toBe(path.resolve('/data/b'));
    expect(archiveDirFor([...electronArgv, '--archive', 'rel/c'], {})).toBe(path.resolve('rel/c'));
  });

  it('prefers the flag over KHIZANA_ARCHIVE, and KHIZANA_ARCHIVE over the default', () => {
    expect(archiveDirFor([...electronArgv, '--archive', '/flag'], { KHIZANA_ARCHIVE: '/env' })).toBe(path.resolve('/flag'));
    expect(archiveDirFor(electronArgv, { KHIZANA_ARCHIVE: '/env' })).toBe(path.resolve('/env'));
  });

  it('defaults to the same per-user folder as the CLI', () => {
    const env = { XDG_DATA_HOME: '/home/u/.local/share', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' };
    expect(archiveDirFor(electronArgv, env)).toBe(defaultArchiveDir(env));
  });

  it('rejects a flag without a folder', () => {
    expect(() => flagValue(['--archive'], 'archive')).toThrow(/--archive needs a folder/);
    expect(() => flagValue(['--archive=', 'x'], 'archive')).toThrow(/needs a folder/);
    expect(() => flagValue(['--archive', '--inspect'], 'archive')).toThrow(/needs a folder/);
    expect(flagValue(['--archived', 'x'], 'archive')).toBeUndefined();
  });

  it('isInside tells containment without being fooled by prefixes', () => {
    expect(isInside('/a/archive', '/a/archive/files/ab/x')).toBe(true);
    expect(isInside('/a/archive', '/a/archive')).toBe(true);
    expect(isInside('/a/archive', '/a/archive2/x')).toBe(false);
    expect(isInside('/a/archive', '/a/x')).toBe(false);
    expect(isInside('/a/archive', '/a/archive/../x')).toBe(false);
  });
});

describe('SQLite native binding for Electron', () => {
  const base = { appRoot: '/repo', env: {}, exists: () => false };

  it('uses KHIZANA_SQLITE_BINDING when set', () => {
    expect(chooseSqliteBinding({ ...base, isPackaged: false, env: { [BINDING_ENV]: '/x.node' } })).toEqual({ kind: 'env', path: '/x.node' });
  });

  it('needs nothing in a packaged app (electron-builder rebuilt node_modules)', () => {
    expect(chooseSqliteBinding({ ...base, isPackaged: true })).toEqual({ kind: 'packaged' });
  });

  it('uses the .electron-native build under npm start, or says what is missing', () => {
    const expected = path.join('/repo', DEV_BINDING_PATH);
    expect(chooseSqliteBinding({ ...base, isPackaged: false, exists: (f) => f === expected })).toEqual({ kind: 'dev', path: expected });
    expect(chooseSqliteBinding({ ...base, isPackaged: false })).toEqual({ kind: 'missing', expected });
  });
});
