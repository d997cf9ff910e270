// electron/main/main.ts run for real against a fake 'electron' module: the lifecycle order, the
// window settings, the IPC wiring to the real archive worker, the sender check, "open original",
// menu imports and a clean shutdown. Only Electron itself is faked; the archive is real.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports above, so it loads what it needs itself.
  const { EventEmitter: Emitter } = await import('node:events');
  const log: string[] = [];
  let ready = false;
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => { resolveReady = () => { ready = true; resolve(); }; });
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    paths: new Map<string, string>(),
    quitCalls: 0,
    getAppPath: () => process.cwd(),
    getPath: (name: string) => app.paths.get(name) ?? `/fake/${name}`,
    setPath: (name: string, value: string) => { log.push(`setPath ${name}${ready ? ' after ready' : ''}`); app.paths.set(name, value); },
    requestSingleInstanceLock: () => { log.push(`lock${ready ? ' after ready' : ''}`); return true; },
    whenReady: () => readyPromise,
    quit: () => { app.quitCalls++; },
    exit: (code: number) => { throw new Error(`app.exit(${code})`); },
    getVersion: () => '0.0.0-test',
    getPreferredSystemLanguages: () => ['en-US'],
    getLocale: () => 'en-US',
  });
  const handlers = new Map<string, (event: unknown, arg?: unknown) => unknown>();
  const session = {
    protocolHandlers: new Map<string, (request: { url: string; method?: string }) => Promise<Response>>(),
    webRequest: { onBeforeRequest: (fn: unknown) => log.push(`onBeforeRequest ${typeof fn}`), onHeadersReceived: () => log.push('onHeadersReceived') },
    setPermissionRequestHandler: () => log.push('permissions'),
    setPermissionCheckHandler: () => log.push('permission checks'),
    setDevicePermissionHandler: () => log.push('device permissions'),
    setSpellCheckerEnabled: (on: boolean) => log.push(`spellchecker ${on}`),
    protocol: { handle: (scheme: string, fn: never) => { session.protocolHandlers.set(scheme, fn); } },
  };
  class BrowserWindow extends Emitter {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    options: Record<string, unknown>;
    loaded: string[] = [];
    sent: Array<[string, unknown]> = [];
    webContents: EventEmitter & Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      const contents = new Emitter() as EventEmitter & Record<string, unknown>;
      contents.mainFrame = { url: 'app://khizana/index.html', processId: 7, routingId: 1, parent: null };
      contents.send = (channel: string, payload: unknown) => this.sent.push([channel, payload]);
      contents.setWindowOpenHandler = () => {};
      this.webContents = contents;
      BrowserWindow.all.push(this);
      app.emit('web-contents-created', {}, contents);
    }
    loadURL(url: string) { this.loaded.push(url); return Promise.resolve(); }
    isDestroyed() { return false; }
    isMinimized() { return false; }
    restore() {}
    focus() {}
    show() {}
  }
  const dialogs = { openResult: { canceled: false, filePaths: [] as string[] }, opened: [] as unknown[] };
  const module = {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: never) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown) => log.push(`privileged ${JSON.stringify(schemes)}${ready ? ' after ready' : ''}`) },
    session: { defaultSession: session },
    dialog: {
      showErrorBox: (title: string, detail: string) => { throw new Error(`showErrorBox: ${title}: ${detail}`); },
      showOpenDialog: async (...args: unknown[]) => { dialogs.opened.push(args.at(-1)); return dialogs.openResult; },
      showMessageBox: async () => ({ response: 0 }),
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => { menus.current = menu; } },
    shell: { opened: [] as string[], openPath: async (p: string) => { module.shell.opened.push(p); return ''; } },
  };
  const menus = { current: undefined as unknown };
  return { module, log, resolveReady, handlers, session, dialogs, menus, BrowserWindow };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const temp = mkdtempSync(path.join(os.tmpdir(), 'khizana-main-'));
const archiveDir = path.join(temp, 'archive');
const saved = { ...process.env };
type Envelope = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

function window() {
  const win = fake.BrowserWindow.all[0];
  if (!win) throw new Error('no window');
  return win;
}
async function call(channel: string, arg?: unknown, event?: unknown): Promise<Envelope> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
  return structuredClone(await handler(event ?? trusted, structuredClone(arg))) as Envelope;
}
async function until(check: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  process.env.KHIZANA_ARCHIVE = archiveDir;
  process.env.KHIZANA_USER_DATA = path.join(temp, 'profile');
  // The Node build stands in for the Electron-ABI one (DESIGN §7).
  process.env.KHIZANA_SQLITE_BINDING = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  fake.module.app.paths.set('temp', path.join(temp, 'os-temp'));
  await import('../../electron/main/main.js');
  fake.log.push('--- ready');
  fake.resolveReady();
  await until(() => fake.handlers.size > 0 && fake.BrowserWindow.all.length > 0, 'the window and IPC handlers');
});

afterAll(() => {
  process.env = saved;
  rmSync(temp, { recursive: true, force: true });
});

describe('main process lifecycle (fake Electron, real archive)', () => {
  it('registers the scheme, profile and instance lock before ready, and guards the session after', () => {
    const before = fake.log.slice(0, fake.log.indexOf('--- ready'));
    expect(before.some((l) => l.startsWith('privileged') && l.includes('"scheme":"app"') && l.includes('"standard":true') && l.includes('"secure":true'))).toBe(true);
    expect(before).toContain('setPath userData');
    expect(before).toContain('lock');
    expect(fake.module.app.paths.get('userData')).toBe(path.join(temp, 'profile'));
    const after = fake.log.slice(fake.log.indexOf('--- ready'));
    expect(after).toEqual(expect.arrayContaining(['onBeforeRequest function', 'onHeadersReceived', 'permissions', 'permission checks', 'device permissions', 'spellchecker false']));
    expect(fake.session.protocolHandlers.has('app')).toBe(true);
  });

  it('opens one hardened window on app://, guarded like every webContents', () => {
    const win = window();
    expect(win.loaded).toEqual(['app://khizana/index.html']);
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, devTools: true });
    expect((win.options.webPreferences as { preload: string }).preload).toBe(path.join(process.cwd(), 'dist', 'electron', 'preload', 'preload.cjs'));
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
    expect(win.webContents.listenerCount('will-redirect')).toBe(1);
  });

  it('answers contract calls from the real archive worker', async () => {
    const stats = await call('archive:stats');
    expect(stats).toMatchObject({ ok: true, value: { articles: 0, archiveDir: path.resolve(archiveDir) } });
    const file = path.join(temp, 'report.txt');
    writeFileSync(file, 'Quarterly report\n\nThe zanzibarite shipment arrived in إدلب on Tuesday.\n');
    const report = await call('archive:importPaths', { paths: [file] });
    expect(report).toMatchObject({ ok: true, value: { imported: 1 } });
    const found = await call('archive:search', { query: 'zanzibarite' });
    expect(found).toMatchObject({ ok: true, value: { total: 1 } });
    expect(await call('archive:getItem', { id: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call('archive:getItem', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('forwards import progress to the window', () => {
    expect(window().sent.some(([channel, payload]) => channel === 'archive:event' && (payload as { type: string }).type === 'importProgress')).toBe(true);
  });

  it('refuses callers other than the window’s top frame', async () => {
    const contents = window().webContents;
    const frame = contents.mainFrame as Record<string, unknown>;
    for (const event of [
      { sender: contents, senderFrame: { ...frame, parent: frame } },
      { sender: contents, senderFrame: { ...frame, url: 'https://evil.example/' } },
      { sender: contents, senderFrame: null },
      { sender: new EventEmitter(), senderFrame: frame },
    ]) {
      expect(await call('archive:stats', undefined, event)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('opens the archived original through a read-only copy named like the import', async () => {
    const found = await call('archive:search', { query: 'zanzibarite' });
    const id = (found.value as { hits: Array<{ id: number }> }).hits[0]!.id;
    expect(await call('host:openOriginal', { id })).toEqual({ ok: true, value: null });
    const opened = fake.module.shell.opened.at(-1)!;
    expect(path.basename(opened)).toBe('report.txt');
    expect(opened.startsWith(path.join(temp, 'os-temp'))).toBe(true);
    expect(readFileSync(opened, 'utf8')).toContain('zanzibarite');
  });

  it('File → Import Files… asks the renderer to import what the user picked', async () => {
    fake.dialogs.openResult = { canceled: false, filePaths: ['/picked/one.pdf', '/picked/two.html'] };
    const menu = fake.menus.current as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    menu.find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'Import Files…')!.click!();
    await until(() => window().sent.some(([c]) => c === 'archive:menu'), 'the menu event');
    expect(window().sent.filter(([c]) => c === 'archive:menu')).toEqual([['archive:menu', { type: 'import', paths: ['/picked/one.pdf', '/picked/two.html'] }]]);
    expect(await call('host:pickImportPaths', { folders: true })).toEqual({ ok: true, value: ['/picked/one.pdf', '/picked/two.html'] });
    expect(fake.dialogs.opened.at(-1)).toMatchObject({ properties: ['openDirectory', 'multiSelections'] });
  });

  it('File → New Note and Edit → Find… reach the renderer as menu commands', () => {
    const menu = fake.menus.current as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    const item = (top: string, label: string) => menu.find((m) => m.label === top)!.submenu!.find((i) => i.label === label)!;
    item('&File', 'New Note').click!();
    item('&Edit', 'Find…').click!();
    expect(window().sent.filter(([c]) => c === 'archive:menu').slice(-2)).toEqual([
      ['archive:menu', { type: 'new-note' }],
      ['archive:menu', { type: 'find' }],
    ]);
  });

  it('closes the archive before quitting', async () => {
    const preventDefault = vi.fn();
    fake.module.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await until(() => fake.module.app.quitCalls > 0, 'app.quit after closing');
    expect(await call('archive:stats')).toMatchObject({ ok: false, error: { code: 'archive-unavailable' } });
    // The second before-quit (from app.quit) goes through.
    const again = vi.fn();
    fake.module.app.emit('before-quit', { preventDefault: again });
    expect(again).not.toHaveBeenCalled();
    expect(existsSync(path.join(archiveDir, 'khizana.sqlite'))).toBe(true);
  });
});
