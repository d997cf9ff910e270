// electron-builder.yml cannot be exercised here (it needs the Electron binary), so check what can
// be: it passes electron-builder's own schema, and every file it points at exists.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  linux: { target: string[]; icon: string };
  mac: { target: string; icon: string };
  win: { target: string; icon: string };
  electronFuses: Record<string, boolean>;
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration schema', async () => {
    const require = createRequire(import.meta.url);
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, file: string, extra: null): Promise<unknown>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packages the build output, not the sources', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Khizana');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*', 'resources/**/*']));
    expect(config.files.some((f) => /^electron\//.test(f))).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main/main.js');
  });

  it('unpacks the files read from disk, and they exist where the patterns point', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/node_modules/better-sqlite3/build/Release/*.node',
        '**/node_modules/pdfjs-dist/cmaps/**',
        '**/node_modules/pdfjs-dist/standard_fonts/**',
      ]),
    );
    expect(existsSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(existsSync(path.join(root, 'node_modules/pdfjs-dist/cmaps'))).toBe(true);
    expect(existsSync(path.join(root, 'node_modules/pdfjs-dist/standard_fonts'))).toBe(true);
  });

  it('unpacks what OCR loads from disk: tesseract.js, its core and dependencies, the language data (issue 13)', () => {
    const require = createRequire(path.join(root, 'package.json'));
    const tesseract = JSON.parse(readFileSync(require.resolve('tesseract.js/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The worker script runs from app.asar.unpacked: every module it requires must be there too.
    for (const name of ['tesseract.js', ...Object.keys(tesseract.dependencies).filter((d) => d !== 'opencollective-postinstall')]) {
      expect(config.asarUnpack, name).toContain(`**/node_modules/${name}/**`);
    }
    for (const lang of ['ara', 'eng']) {
      expect(config.asarUnpack).toContain(`**/node_modules/@tesseract.js-data/${lang}/4.0.0_best_int/**`);
      expect(existsSync(path.join(root, `node_modules/@tesseract.js-data/${lang}/4.0.0_best_int/${lang}.traineddata.gz`))).toBe(true);
    }
    expect(config.asarUnpack).toContain('**/node_modules/@napi-rs/canvas*/**');
  });

  it('targets AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('has icons of the sizes each platform needs', () => {
    expect(pngSize(path.join(root, config.mac.icon))).toEqual([1024, 1024]);
    expect(pngSize(path.join(root, config.win.icon))[0]).toBeGreaterThanOrEqual(256);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(path.join(root, config.linux.icon, `${size}x${size}.png`))).toEqual([size, size]);
    }
  });

  it('hardens the packaged binary but keeps what the app relies on', () => {
    expect(config.electronFuses).toMatchObject({
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
