// The IPC layer end to end without Electron: registerIpc (main) answered through the preload's
// bridge, with structuredClone standing in for IPC serialisation.
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { methodNames, type ArchiveApi } from '../../electron/shared/contract.js';
import { ArchiveError } from '../../electron/shared/errors.js';
import { EVENT_CHANNEL, MENU_CHANNEL, methodChannel, OPEN_ORIGINAL_CHANNEL, PICK_FOLDER_CHANNEL, PICK_IMPORT_PATHS_CHANNEL, SET_LOCALE_CHANNEL, toEnvelope } from '../../electron/shared/ipc.js';
import { registerIpc, type HostHandlers } from '../../electron/main/ipc.js';
import { buildArchiveBridge, buildArchiveHost, unwrapEnvelope, type Subscribe } from '../../electron/preload/bridge.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function setup(options: { trusted?: boolean; archive?: Partial<Record<string, (args: unknown) => Promise<unknown>>> } = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const calls: Array<{ method: string; args: unknown }> = [];
  const api = Object.fromEntries(
    methodNames.map((method) => [
      method,
      async (args: unknown) => {
        calls.push({ method, args });
        const override = options.archive?.[method];
        return override ? override(args) : { method, args };
      },
    ]),
  ) as unknown as ArchiveApi;
  const host: HostHandlers = { openOriginal: vi.fn(async () => undefined), pickImportPaths: vi.fn(async () => ['/picked/a.pdf']), pickFolder: vi.fn(async () => '/picked/backups'), setLocale: vi.fn() };
  const log = vi.fn();
  const unregister = registerIpc({
    ipcMain: ipcMain as never,
    isTrustedSender: () => options.trusted ?? true,
    archive: async () => api,
    host,
    log,
  });
  const event = {} as IpcMainInvokeEvent;
  // What ipcRenderer.invoke does: clone the argument, run the handler, clone the reply.
  const invoke = async (channel: string, arg?: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(event, structuredClone(arg)));
  };
  return { handlers, ipcMain, calls, host, log, unregister, invoke };
}

const noSubscribe: Subscribe = () => () => {};

describe('registerIpc', () => {
  it('registers exactly one handler per contract method plus the host actions', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...methodNames.map(methodChannel), OPEN_ORIGINAL_CHANNEL, PICK_IMPORT_PATHS_CHANNEL, PICK_FOLDER_CHANNEL, SET_LOCALE_CHANNEL].sort());
  });

  it('gives every method, event stream and host action its own channel', () => {
    const all = [...methodNames.map(methodChannel), EVENT_CHANNEL, MENU_CHANNEL, OPEN_ORIGINAL_CHANNEL, PICK_IMPORT_PATHS_CHANNEL, PICK_FOLDER_CHANNEL];
    expect(new Set(all).size).toBe(all.length);
  });

  it('validates arguments with the contract and passes the parsed values on', async () => {
    const { invoke, calls } = setup();
    const reply = await invoke(methodChannel('search'), { query: 'إدلب' });
    expect(reply).toEqual({ ok: true, value: { method: 'search', args: expect.objectContaining({ query: 'إدلب', limit: 20, offset: 0 }) } });
    expect(calls).toHaveLength(1);
  });

  it('answers invalid arguments with invalid-argument and never reaches the archive', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(methodChannel('getItem'), { id: -1 })).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('getItem') } });
    expect(await invoke(methodChannel('search'), 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(calls).toHaveLength(0);
  });

  it('keeps the error code of a failed call and maps unexpected errors to internal', async () => {
    const { invoke } = setup({
      archive: {
        getItem: async () => { throw new ArchiveError('not-found', 'no item 7'); },
        stats: async () => { throw new TypeError('boom'); },
      },
    });
    expect(await invoke(methodChannel('getItem'), { id: 7 })).toEqual({ ok: false, error: { code: 'not-found', message: 'no item 7' } });
    expect(await invoke(methodChannel('stats'))).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('refuses every call from an untrusted frame', async () => {
    const { invoke, calls, host, log } = setup({ trusted: false });
    for (const method of methodNames) {
      expect(await invoke(methodChannel(method), {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(await invoke(OPEN_ORIGINAL_CHANNEL, { id: 1 })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(calls).toHaveLength(0);
    expect(host.openOriginal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('validates host arguments', async () => {
    const { invoke, host } = setup();
    expect(await invoke(OPEN_ORIGINAL_CHANNEL, { id: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await invoke(OPEN_ORIGINAL_CHANNEL, { id: 3 })).toEqual({ ok: true, value: null });
    expect(host.openOriginal).toHaveBeenCalledWith(3);
    expect(await invoke(PICK_IMPORT_PATHS_CHANNEL)).toEqual({ ok: true, value: ['/picked/a.pdf'] });
    expect(host.pickImportPaths).toHaveBeenCalledWith({ folders: false });
    expect(await invoke(PICK_FOLDER_CHANNEL, { title: 'Backup folder' })).toEqual({ ok: true, value: '/picked/backups' });
    expect(host.pickFolder).toHaveBeenCalledWith({ title: 'Backup folder' });
    expect(await invoke(PICK_FOLDER_CHANNEL, {})).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('removes its handlers again', () => {
    const { unregister, handlers } = setup();
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('preload bridge over the IPC layer', () => {
  it('exposes every contract method and returns the archive’s value', async () => {
    const { invoke } = setup();
    const archive = buildArchiveBridge(invoke, noSubscribe);
    for (const method of methodNames) expect(typeof archive[method], method).toBe('function');
    expect(typeof archive.onEvent).toBe('function');
    await expect(archive.getItem({ id: 5 })).resolves.toEqual({ method: 'getItem', args: { id: 5 } });
    await expect(archive.listTags()).resolves.toEqual({ method: 'listTags', args: {} });
  });

  it('rejects with a plain {name, code, message} that survives contextBridge copying', async () => {
    const { invoke } = setup({ archive: { getItem: async () => { throw new ArchiveError('not-found', 'no item 9'); } } });
    const archive = buildArchiveBridge(invoke, noSubscribe);
    const error: unknown = await archive.getItem({ id: 9 }).catch((e: unknown) => e);
    expect(error).toEqual({ name: 'ArchiveError', code: 'not-found', message: 'no item 9' });
    expect(structuredClone(error)).toEqual(error);
    await expect(archive.getItem({ id: 0 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('turns transport failures and malformed replies into internal errors', async () => {
    const failing = buildArchiveBridge(async () => { throw new Error('No handler registered'); }, noSubscribe);
    await expect(failing.stats()).rejects.toEqual({ name: 'ArchiveError', code: 'internal', message: 'No handler registered' });
    await expect(unwrapEnvelope('nonsense')).rejects.toMatchObject({ code: 'internal' });
    await expect(unwrapEnvelope({ ok: false, error: { code: 'made-up', message: 'x' } })).rejects.toEqual({ name: 'ArchiveError', code: 'internal', message: 'x' });
    await expect(unwrapEnvelope(await toEnvelope(async () => 42))).resolves.toBe(42);
  });

  it('delivers events and menu commands without the IPC event object, and unsubscribes', () => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const subscribe: Subscribe = (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    };
    const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload));
    const archive = buildArchiveBridge(async () => null, subscribe);
    const host = buildArchiveHost(async () => null, subscribe, () => '/dropped/file.pdf');
    const events: unknown[] = [];
    const menus: unknown[] = [];
    const stopEvents = archive.onEvent((e) => events.push(e));
    const stopMenu = host.onMenu((e) => menus.push(e));
    emit('archive:event', { type: 'importProgress', progress: { jobId: 'j' } });
    emit('archive:menu', { type: 'import', paths: ['/a'] });
    emit('archive:menu', { type: 'find' });
    stopEvents();
    stopMenu();
    emit('archive:event', { type: 'importProgress' });
    emit('archive:menu', { type: 'import', paths: ['/b'] });
    expect(events).toEqual([{ type: 'importProgress', progress: { jobId: 'j' } }]);
    expect(menus).toEqual([{ type: 'import', paths: ['/a'] }, { type: 'find' }]);
    expect(host.pathForFile({} as File)).toBe('/dropped/file.pdf');
    expect(() => archive.onEvent('nope' as never)).toThrow(TypeError);
    expect(() => host.onMenu('nope' as never)).toThrow(TypeError);
  });

  it('host actions go through the checked IPC handlers', async () => {
    const { invoke, host: handlers } = setup();
    const host = buildArchiveHost(invoke, noSubscribe, () => '');
    await expect(host.openOriginal(4)).resolves.toBeUndefined();
    expect(handlers.openOriginal).toHaveBeenCalledWith(4);
    await expect(host.pickImportPaths({ folders: true })).resolves.toEqual(['/picked/a.pdf']);
    expect(handlers.pickImportPaths).toHaveBeenCalledWith({ folders: true });
    await expect(host.pickFolder({ title: 'Backup folder' })).resolves.toBe('/picked/backups');
    expect(handlers.pickFolder).toHaveBeenCalledWith({ title: 'Backup folder' });
    await expect(host.openOriginal(-2)).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});
