// What the Electron preload may put on `window`; the types are the shared contract's
// (electron/shared/window-api.ts). In a browser neither exists.
import type { ArchiveBridge, ArchiveHost } from '../../../electron/shared/window-api.js';

export type { ArchiveHost } from '../../../electron/shared/window-api.js';
/** `window.archive` in Electron: the ArchiveApi over IPC, plus archive events. */
export type PreloadArchive = ArchiveBridge;

declare global {
  interface Window {
    archive?: ArchiveBridge;
    archiveHost?: ArchiveHost;
  }
}

/** The desktop shell's extras, or null in a browser. */
export function getHost(): ArchiveHost | null {
  return window.archiveHost ?? null;
}
