// The app:// handler serves dist/renderer and nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler, resolveAppFile } from '../../electron/main/app-protocol.js';
import { locateOriginal } from '../../electron/core/original-file.js';
import { contentSecurityPolicy } from '../../electron/shared/content-security-policy.js';
import { freshArchive, writeFiles } from '../support/archive.js';

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'khizana-protocol-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Khizana</title>');
  writeFileSync(path.join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), 'w2');
  writeFileSync(outside, 'do not serve');
});
afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppFile('app://khizana/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://khizana/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://khizana/assets/index-1.js?v=2#x', root)).toBe(path.join(root, 'assets', 'index-1.js'));
    expect(resolveAppFile('app://khizana/assets/%D8%AE.png', root)).toBe(path.join(root, 'assets', 'خ.png'));
  });

  it('keeps dot segments inside the root (the URL parser folds them first)', () => {
    expect(resolveAppFile('app://khizana/%2e%2e/secret.txt', root)).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppFile('app://khizana/../../secret.txt', root)).toBe(path.join(root, 'secret.txt'));
  });

  it.each([
    'app://khizana/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://khizana/..%2fsecret.txt',
    'app://khizana/..%5csecret.txt',
    'app://khizana/index.html%00.js',
    'app://khizana/%E0%A4%A',
    'app://other/index.html',
    'https://khizana/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });
});

const get = (url: string, method = 'GET') => appProtocolHandler(root)({ url, method });

describe('appProtocolHandler', () => {

  it('serves files with their type, the CSP and nosniff', async () => {
    const res = await get('app://khizana/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Khizana</title>');
    const js = await get('app://khizana/assets/index-1.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with the app shell and missing assets with 404', async () => {
    const route = await get('app://khizana/item/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Khizana</title>');
    expect((await get('app://khizana/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the root, and only reads', async () => {
    const escape = await get('app://khizana/%2e%2e/secret.txt');
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('do not serve');
    expect((await get('app://khizana/index.html', 'POST')).status).toBe(405);
  });
});

describe('app://khizana/api/original/<id>', () => {
  it("serves an item's original from a real archive as a download, as the web bridge does", async () => {
    const session = await freshArchive();
    try {
      const html = '<!doctype html><script>alert(1)</script><p>saved page</p>';
      const report = await session.api.importPaths({ paths: [writeFiles({ 'page.html': html })] });
      const id = report.results[0]!.id!;
      const note = await session.api.addNote({ text: 'no original' });
      const handler = appProtocolHandler(root, { original: (asked) => locateOriginal({ api: session.api, archiveDir: session.dir, id: asked }) });
      const res = await handler({ url: `app://khizana/api/original/${id}`, method: 'GET' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(html);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="page.html"/);
      expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const missing = await handler({ url: `app://khizana/api/original/${note.id}`, method: 'GET' });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: 'not-found', message: `item ${note.id} has no original file: it is a note written here` } });
      expect((await handler({ url: 'app://khizana/api/original/x', method: 'GET' })).status).toBe(400);
      // Without an archive (the default) there are no originals, and never the app shell instead.
      expect((await get(`app://khizana/api/original/${id}`)).status).toBe(404);
    } finally {
      await session.close();
    }
  });
});
