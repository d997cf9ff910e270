// Builds window.archive and window.archiveHost from the contract's method table. Pure (it is
// handed `invoke`/`subscribe`), so it is tested under Node; preload.cts wires it to Electron.
import { methodNames } from '../shared/contract.js';
import type { ArchiveEvent } from '../shared/dto.js';
import { isErrorCode, type ErrorShape } from '../shared/errors.js';
import { EVENT_CHANNEL, MENU_CHANNEL, methodChannel, OPEN_ORIGINAL_CHANNEL, PICK_FOLDER_CHANNEL, PICK_IMPORT_PATHS_CHANNEL, SET_LOCALE_CHANNEL } from '../shared/ipc.js';
import type { ArchiveBridge, ArchiveHost, MenuEvent } from './window-api.js';

/** ipcRenderer.invoke with one argument. */
export type Invoke = (channel: string, arg?: unknown) => Promise<unknown>;
/** ipcRenderer.on without the event object; returns the unsubscribe function. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** What a failed call rejects with: a plain object, because contextBridge drops an Error's own properties. */
export type BridgeError = ErrorShape & { name: 'ArchiveError' };

function bridgeError(shape: unknown): BridgeError {
  const { code, message } = (typeof shape === 'object' && shape !== null ? shape : {}) as { code?: unknown; message?: unknown };
  return {
    name: 'ArchiveError',
    code: isErrorCode(code) ? code : 'internal',
    message: typeof message === 'string' ? message : 'the main process sent a malformed error',
  };
}

/** The value of an `{ok, value}` envelope; rejects with a BridgeError for `{ok: false, error}`. */
export function unwrapEnvelope(envelope: unknown): Promise<unknown> {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    if (envelope.ok === true) return Promise.resolve((envelope as { value?: unknown }).value);
    return Promise.reject(bridgeError((envelope as { error?: unknown }).error));
  }
  return Promise.reject(bridgeError({ code: 'internal', message: 'the main process sent a malformed reply' }));
}

function call(invoke: Invoke, channel: string, arg?: unknown): Promise<unknown> {
  return invoke(channel, arg).then(unwrapEnvelope, (error: unknown) => Promise.reject(bridgeError({ code: 'internal', message: (error as Error)?.message ?? String(error) })));
}

function listen<T>(subscribe: Subscribe, channel: string, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('the listener must be a function');
  return subscribe(channel, (payload) => listener(payload as T));
}

/** window.archive: one function per contract method, plus onEvent. */
export function buildArchiveBridge(invoke: Invoke, subscribe: Subscribe): ArchiveBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of methodNames) {
    bridge[method] = (args?: unknown) => call(invoke, methodChannel(method), args);
  }
  bridge.onEvent = (listener: (event: ArchiveEvent) => void) => listen(subscribe, EVENT_CHANNEL, listener);
  return bridge as unknown as ArchiveBridge;
}

/** window.archiveHost: file paths, open original, import and folder pickers, menu commands. */
export function buildArchiveHost(invoke: Invoke, subscribe: Subscribe, pathForFile: (file: File) => string): ArchiveHost {
  return {
    // The renderer hands over real DOM Files; the shared type only names what it needs of one.
    pathForFile: (file) => pathForFile(file as File),
    openOriginal: async (id) => {
      await call(invoke, OPEN_ORIGINAL_CHANNEL, { id });
    },
    pickImportPaths: async (options) => (await call(invoke, PICK_IMPORT_PATHS_CHANNEL, { folders: options?.folders === true })) as string[],
    pickFolder: async (options) => (await call(invoke, PICK_FOLDER_CHANNEL, { title: options.title })) as string | null,
    setLocale: async (locale) => {
      await call(invoke, SET_LOCALE_CHANNEL, { locale });
    },
    onMenu: (listener) => listen<MenuEvent>(subscribe, MENU_CHANNEL, listener),
  };
}
