// Prepared statements reused per database: preparing costs more than running the small
// statements an import runs for every item (measured: +18 % import throughput).
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

const caches = new WeakMap<Db, Map<string, Statement>>();
const maxStatements = 500; // search builds SQL per filter combination: keep the cache bounded

/** The prepared statement for `sql` on `db`, prepared once. */
export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= maxStatements) cache.clear();
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
