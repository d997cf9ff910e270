// The wrapper that runs the store's checks around the methods that write (contract.ts methodAccess).
import { methodWrites, type ArchiveHandlers, type MethodName } from '../shared/contract.js';
import type { ArchiveStore } from './storage/archive-store.js';
import { archiveErrorFromSqlite } from './storage/database.js';

/**
 * Wraps the handlers: every write first passes the store's check (read-only, integrity) and is
 * followed by `afterWrite`; a SQLite error about the file itself (damaged, read-only) becomes its
 * ArchiveError (`corrupt`, `read-only`) instead of `internal`, for reads too.
 */
export function guardWrites(handlers: ArchiveHandlers, store: ArchiveStore): ArchiveHandlers {
  const guarded: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[MethodName, (args: unknown) => Promise<unknown>]>) {
    const action = methodWrites(name);
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
