// What the Electron preload may put on `window` (electron/preload/window-api.d.ts, restated here
// because the renderer may not import preload); in a browser neither exists.
import type { ArchiveApi } from '../../../electron/shared/contract.js';
import type { ArchiveEvent } from '../../../electron/shared/dto.js';

/** `window.archive` in Electron: the ArchiveApi over IPC, plus archive events. */
export interface PreloadArchive extends ArchiveApi {
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
}

/** `window.archiveHost` in Electron: what only a desktop shell can do. */
export interface ArchiveHost {
  /** The real path of a dropped file (webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** Opens the item's original file with the system viewer. */
  openOriginal(id: number): Promise<void>;
  /** The system file dialog: files, or folders with `{folders: true}`; [] when cancelled. */
  pickImportPaths(options?: { folders?: boolean }): Promise<string[]>;
  /** Application menu commands; for 'import' the menu already picked `paths`. */
  onMenuCommand?(listener: (command: 'import' | 'new-note' | 'find', paths: string[]) => void): () => void;
}

declare global {
  interface Window {
    archive?: PreloadArchive;
    archiveHost?: ArchiveHost;
  }
}

/** The desktop shell's extras, or null in a browser. */
export function getHost(): ArchiveHost | null {
  return window.archiveHost ?? null;
}
