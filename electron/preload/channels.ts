// IPC channel names; a copy of electron/main/channels.ts (preload may not import main).
// test/main/channels.test.ts checks the two agree.
import type { MethodName } from '../shared/contract.js';

/** The channel of one archive method. */
export function methodChannel(method: MethodName): string {
  return `archive:${method}`;
}

export const EVENT_CHANNEL = 'archive:event';
export const MENU_CHANNEL = 'archive:menu';
export const OPEN_ORIGINAL_CHANNEL = 'host:openOriginal';
export const PICK_IMPORT_PATHS_CHANNEL = 'host:pickImportPaths';
