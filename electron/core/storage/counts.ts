// How much an archive holds, for `stats`.
import type { ArchiveStats } from '../../shared/dto.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/** Number of articles, notes and tags in the archive. */
export function countContents(db: Db): Omit<ArchiveStats, 'archiveDir'> {
  return statement(db,
    `SELECT (SELECT count(*) FROM items WHERE kind = 'article') AS articles,
            (SELECT count(*) FROM items WHERE kind = 'note') AS notes,
            (SELECT count(*) FROM tags) AS tags`,
  ).get() as Omit<ArchiveStats, 'archiveDir'>;
}
