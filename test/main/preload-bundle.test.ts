// The shipped preload: one CommonJS file that requires only 'electron' (a sandboxed preload can
// load nothing else) and exposes every contract method. Built with the real build script, then run
// in a bare VM context standing in for the sandbox.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreload } from '../../scripts/build-preload.mjs';
import { methodNames } from '../../electron/shared/contract.js';

let dir: string;
let code: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'khizana-preload-'));
  code = readFileSync(await buildPreload(path.join(dir, 'preload.cjs')), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runInSandbox() {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: Array<[string, unknown]> = [];
  const subscribed: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, arg: unknown) => {
        invoked.push([channel, arg]);
        return { ok: true, value: 'reply' };
      },
      on: (channel: string) => subscribed.push(channel),
      removeListener: () => {},
    },
    webUtils: { getPathForFile: () => '/from/webUtils' },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
  });
  vm.runInContext(code, context, { filename: 'preload.cjs' });
  return { exposed, invoked, subscribed, required };
}

describe('preload bundle', () => {
  it('requires nothing but electron', () => {
    const requires = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|^\s*export\s/m);
  });

  it('names every method of the contract and does not carry zod', () => {
    for (const method of methodNames) expect(code, method).toContain(`"${method}"`);
    expect(code).not.toMatch(/zod/i);
    expect(code.length).toBeLessThan(50_000);
  });

  it('runs with only `electron` available and exposes window.archive and window.archiveHost', async () => {
    const { exposed, invoked, required, subscribed } = runInSandbox();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()].sort()).toEqual(['archive', 'archiveHost']);
    const archive = exposed.get('archive')!;
    expect(Object.keys(archive).sort()).toEqual([...methodNames, 'onEvent'].sort());
    await expect((archive.search as (a: unknown) => Promise<unknown>)({ query: 'x' })).resolves.toBe('reply');
    expect(invoked).toEqual([['archive:search', { query: 'x' }]]);
    (archive.onEvent as (cb: () => void) => () => void)(() => {});
    expect(subscribed).toEqual(['archive:event']);
    const host = exposed.get('archiveHost')!;
    expect(Object.keys(host).sort()).toEqual(['onMenu', 'openOriginal', 'pathForFile', 'pickFolder', 'pickImportPaths', 'setLocale']);
    expect((host.pathForFile as (f: unknown) => string)({})).toBe('/from/webUtils');
  });
});
