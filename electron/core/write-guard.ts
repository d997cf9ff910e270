// Which contract methods write, and the wrapper that runs the store's checks around them.
import type { ArchiveHandlers, MethodName } from '../shared/contract.js';
import type { ArchiveStore } from './storage/archive-store.js';
import { archiveErrorFromSqlite } from './storage/database.js';

/**
 * What each method does to the archive, as a read-only archive's error says it ("cannot …"), or
 * null for a method that only reads. A new method must be listed (the type demands it).
 */
export const writingMethods = {
  importPaths: 'import files',
  cancelImport: null,
  search: null,
  highlight: null,
  getItem: null,
  deleteItem: 'delete items',
  addTag: 'add tags',
  removeTag: 'remove tags',
  listTags: null,
  setTagColor: 'change tag colours',
  addNote: 'add notes',
  updateNote: 'change notes',
  deleteNote: 'delete notes',
  listNotes: null,
  stats: null,
  listSavedSearches: null,
  saveSearch: 'save searches',
  deleteSavedSearch: 'delete saved searches',
  backupNow: 'make backups',
  backupStatus: null,
  setBackupSettings: 'change backup settings',
} as const satisfies Record<MethodName, string | null>;

/**
 * Wraps the handlers: every write first passes the store's check (read-only, integrity) and is
 * followed by `afterWrite`; a SQLite error about the file itself (damaged, read-only) becomes its
 * ArchiveError (`corrupt`, `read-only`) instead of `internal`, for reads too.
 */
export function guardWrites(handlers: ArchiveHandlers, store: ArchiveStore): ArchiveHandlers {
  const guarded: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[MethodName, (args: unknown) => Promise<unknown>]>) {
    const action = writingMethods[name];
    guarded[name] = async (args) => {
      try {
        if (action === null) return await handler(args);
        store.beforeWrite(action);
        try {
          return await handler(args);
        } finally {
          store.afterWrite();
        }
      } catch (error) {
        throw archiveErrorFromSqlite(error, store.file);
      }
    };
  }
  return guarded as ArchiveHandlers;
}
