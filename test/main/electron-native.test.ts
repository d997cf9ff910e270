// scripts/electron-native.mjs decides when the Electron-ABI better-sqlite3 must be rebuilt. The
// build itself needs the network (prebuilt binary or Electron headers) and is not run here.
import { describe, expect, it } from 'vitest';
import { bindingFile, isFresh, wantedStamp } from '../../scripts/electron-native.mjs';
import { DEV_BINDING_PATH } from '../../electron/main/native-binding.js';

describe('electron-native', () => {
  const wanted = wantedStamp();

  it('targets the installed Electron and better-sqlite3', () => {
    expect(wanted.electron).toMatch(/^\d+\.\d+\.\d+/);
    expect(wanted.betterSqlite3).toMatch(/^12\./);
    expect(wanted.platform).toBe(process.platform);
    expect(wanted.arch).toBe(process.arch);
  });

  it('writes where the app looks for it', () => {
    expect(bindingFile.endsWith(DEV_BINDING_PATH)).toBe(true);
  });

  it('rebuilds when the binding is missing or built for anything else', () => {
    expect(isFresh({ ...wanted }, wanted, true)).toBe(true);
    expect(isFresh({ ...wanted }, wanted, false)).toBe(false);
    expect(isFresh(null, wanted, true)).toBe(false);
    expect(isFresh({ ...wanted, electron: '44.0.0' }, wanted, true)).toBe(false);
    expect(isFresh({ ...wanted, betterSqlite3: '12.0.0' }, wanted, true)).toBe(false);
    expect(isFresh({ ...wanted, arch: 'arm64' === process.arch ? 'x64' : 'arm64' }, wanted, true)).toBe(false);
  });
});
