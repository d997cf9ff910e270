// Declares what the preload puts on `window`; the types themselves live in the shared contract.
import type { ArchiveBridge, ArchiveHost } from '../shared/window-api.js';

export type { ArchiveBridge, ArchiveHost, MenuEvent } from '../shared/window-api.js';

declare global {
  interface Window {
    archive?: ArchiveBridge;
    archiveHost?: ArchiveHost;
  }
}
