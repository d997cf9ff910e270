// What the Electron preload puts on `window` (DESIGN §1): written once here, declared globally by
// the preload and used by the renderer. In a browser (khizana serve) neither exists.
import type { ArchiveApi } from './contract.js';
import type { ArchiveEvent } from './dto.js';

/**
 * main → renderer menu commands. `import`: File → Import Files…/Import Folder… already showed the
 * system picker; `paths` are what the user chose (never empty), and the UI starts the import.
 * `new-note`: File → New Note. `find`: Edit → Find… (focus the search box). `backup`: File → Back Up
 * Now… (open the backup dialog).
 */
export type MenuEvent = { type: 'import'; paths: string[] } | { type: 'new-note' } | { type: 'find' } | { type: 'backup' };

/** The part of a DOM File the host needs (shared code has no DOM types). */
export interface FileLike {
  readonly name: string;
}

/**
 * `window.archive`: every ArchiveApi method over IPC. A failed call rejects with a plain
 * `{ name: 'ArchiveError', code, message }` object (contextBridge strips custom properties from
 * Error objects); rebuild it with `fromErrorShape` if an `ArchiveError` instance is wanted.
 */
export interface ArchiveBridge extends ArchiveApi {
  /** Subscribes to archive events (import progress); returns an unsubscribe function. */
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
}

/** `window.archiveHost`: desktop-only abilities. Rejections are shaped as for `window.archive`. */
export interface ArchiveHost {
  /** The file-system path of a dropped or picked File ('' when it has none). */
  pathForFile(file: FileLike): string;
  /** Opens item `id`'s archived original with the system's default app. */
  openOriginal(id: number): Promise<void>;
  /** Shows the system picker; files by default, folders with `{ folders: true }`. [] when cancelled. */
  pickImportPaths(options?: { folders?: boolean }): Promise<string[]>;
  /** Shows the system picker for one folder; null when cancelled. */
  pickFolder(options: { title: string }): Promise<string | null>;
  /** Tells the desktop the interface language, so its menu and dialogs speak it too. */
  setLocale(locale: 'en' | 'ar'): Promise<void>;
  /** Subscribes to menu commands; returns an unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}
