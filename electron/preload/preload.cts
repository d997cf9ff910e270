// The sandboxed preload: it can require only 'electron' (and a few Node shims), so
// scripts/build-preload.mjs bundles this file, bridge.ts and the contract into one CommonJS file.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildArchiveBridge, buildArchiveHost, type Invoke, type Subscribe } from './bridge.js';

const invoke: Invoke = (channel, arg) => ipcRenderer.invoke(channel, arg);

// The page gets the payload only, never the IpcRendererEvent (it would expose ipcRenderer).
const subscribe: Subscribe = (channel, listener) => {
  const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
};

contextBridge.exposeInMainWorld('archive', buildArchiveBridge(invoke, subscribe));
contextBridge.exposeInMainWorld('archiveHost', buildArchiveHost(invoke, subscribe, (file) => webUtils.getPathForFile(file)));
