// Every live item's type/language/year groups and tag counts, counted once per connection and
// again only after the archive changed: when most items match a search, its facets are these
// minus the few unmatched items' counts, instead of sorting every match (type/language/year: 52 →
// 9 ms for 96,000 of 99,000 articles).
import type { Db } from '../storage/database.js';
import { statement } from '../storage/statements.js';

/** One group: its kind, language and year values (as the meta facet's SQL computes them), or a tag's path, and its items. */
export type GroupRow = Record<string, string | number | null> & { count: number };

/** Every live item's counts per facet: `meta` (type/language/year groups) and `tag`. */
export type LiveGroups = Map<'meta' | 'tag', GroupRow[]>;

interface Counted {
  /** changeKey when the groups were last known current. */
  key: string;
  groups: LiveGroups;
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

/** The groups counted before if nothing has changed since, else none: ask before this search writes anything. */
export function currentLiveGroups(db: Db): LiveGroups {
  const entry = counted.get(db);
  return entry !== undefined && entry.key === changeKey(db) ? entry.groups : new Map();
}

/** Remembers `groups` as current after this search's own writes (call it after them). */
export function settleLiveGroups(db: Db, groups: LiveGroups): void {
  counted.set(db, { key: changeKey(db), groups });
}
