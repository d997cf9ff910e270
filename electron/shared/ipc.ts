// What main and preload must agree on across IPC: the channel names and the reply envelope.
// Both import this module, so the two sides cannot drift apart.
import type { MethodName } from './contract.js';
import { toErrorShape, type ErrorShape } from './errors.js';

/** renderer → main: the channel of one archive method. */
export function methodChannel(method: MethodName): string {
  return `archive:${method}`;
}

/** main → renderer: ArchiveEvent (import progress). */
export const EVENT_CHANNEL = 'archive:event';
/** main → renderer: a menu command (MenuEvent, electron/shared/window-api.ts). */
export const MENU_CHANNEL = 'archive:menu';
/** renderer → main: open an item's archived original with the system app. */
export const OPEN_ORIGINAL_CHANNEL = 'host:openOriginal';
/** renderer → main: show the import file/folder picker. */
export const PICK_IMPORT_PATHS_CHANNEL = 'host:pickImportPaths';
/** renderer → main: show a picker for one folder (the backup folder). */
export const PICK_FOLDER_CHANNEL = 'host:pickFolder';
/** renderer → main: the interface language changed; the menu and dialogs follow it. */
export const SET_LOCALE_CHANNEL = 'host:setLocale';

/**
 * How main answers every invoke. Errors travel as values because ipcRenderer.invoke keeps only the
 * message of a thrown error, and the UI branches on the error code.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** Runs `fn` and returns its value or its error as an envelope; never throws. */
export async function toEnvelope<T>(fn: () => Promise<T> | T): Promise<Envelope<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

/** An error envelope with a given shape. */
export function errorEnvelope(error: ErrorShape): Envelope<never> {
  return { ok: false, error };
}
