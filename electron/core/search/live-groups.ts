// Every live item's type/language/year groups, counted once per connection and again only after
// the archive changed: when most items match a search, its type, language and year facets are
// these minus the few unmatched items' groups, instead of sorting every match (52 → 9 ms for
// 96,000 of 99,000 articles).
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';

/** One group: its kind, language and year values (as the meta facet's SQL computes them) and its items. */
export type GroupRow = Record<string, string | number | null> & { count: number };

interface Counted {
  /** changeKey when the rows were last known current. */
  key: string;
  rows: GroupRow[];
}

const counted = new WeakMap<Db, Counted>();

/**
 * Changes when the archive may have changed: `data_version` when another connection committed (the
 * writer, for a reader), total_changes() when this connection wrote (TEMP tables included, so
 * a search settles the key after its own writes).
 */
function changeKey(db: Db): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = statement(db, 'SELECT total_changes()').pluck().get() as number;
  return `${version}:${changes}`;
}

/** The groups counted before, if nothing has changed since: check before this search writes anything. */
export function currentLiveGroups(db: Db): GroupRow[] | null {
  const entry = counted.get(db);
  return entry !== undefined && entry.key === changeKey(db) ? entry.rows : null;
}

/** Remembers `rows` (or the groups still current) as current after this search's own writes; null forgets them. */
export function settleLiveGroups(db: Db, rows: GroupRow[] | null): void {
  if (rows === null) counted.delete(db);
  else counted.set(db, { key: changeKey(db), rows });
}
