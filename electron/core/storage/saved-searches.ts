// Saved searches: a name for a query the user runs again and again.
import type { SavedSearch } from '../../shared/dto.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { writeTransaction } from './write-transaction.js';
import { logChange } from './change-log.js';

const columns = 'name, query, sort, created_at AS createdAt';

/** Every saved search, by name. */
export function listSavedSearches(db: Db): SavedSearch[] {
  return statement(db, `SELECT ${columns} FROM saved_searches ORDER BY name`).all() as SavedSearch[];
}

/** Saves a search under `name`, replacing one of the same name (keeping its creation time). */
export function saveSearch(db: Db, search: Omit<SavedSearch, 'createdAt'>, now = new Date().toISOString()): SavedSearch {
  return writeTransaction(db, () => {
    const known = statement(db, 'SELECT 1 FROM saved_searches WHERE name = ?').get(search.name) !== undefined;
    statement(db,
      `INSERT INTO saved_searches (name, query, sort, created_at) VALUES (@name, @query, @sort, @now)
       ON CONFLICT(name) DO UPDATE SET query = excluded.query, sort = excluded.sort`,
    ).run({ ...search, now });
    logChange(db, 'saved-search', search.name, known ? 'update' : 'create', now);
    return statement(db, `SELECT ${columns} FROM saved_searches WHERE name = ?`).get(search.name) as SavedSearch;
  });
}

/** Deletes the saved search `name`; false if there was none. */
export function deleteSavedSearch(db: Db, name: string): boolean {
  return writeTransaction(db, () => {
    const deleted = statement(db, 'DELETE FROM saved_searches WHERE name = ?').run(name).changes > 0;
    if (deleted) logChange(db, 'saved-search', name, 'delete');
    return deleted;
  });
}
