// IPC channel names. The preload keeps an identical copy (it may not import main);
// test/main/channels.test.ts checks the two agree.
import type { MethodName } from '../shared/contract.js';

/** The channel of one archive method. */
export function methodChannel(method: MethodName): string {
  return `archive:${method}`;
}

/** main → renderer: ArchiveEvent (import progress). */
export const EVENT_CHANNEL = 'archive:event';
/** main → renderer: a menu command (MenuEvent). */
export const MENU_CHANNEL = 'archive:menu';

/** A menu command for the UI; `import` carries the paths picked in the system dialog. */
export type MenuEvent = { type: 'import'; paths: string[] } | { type: 'new-note' } | { type: 'find' };
/** renderer → main: open an item's archived original with the system app. */
export const OPEN_ORIGINAL_CHANNEL = 'host:openOriginal';
/** renderer → main: show the import file/folder picker. */
export const PICK_IMPORT_PATHS_CHANNEL = 'host:pickImportPaths';
