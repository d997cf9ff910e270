// How much an archive holds, for `stats`.
import type { ArchiveStats } from '../../shared/dto.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/** Number of articles, notes (not in the trash) and tags in the archive. */
export function countContents(db: Db): Omit<ArchiveStats, 'archiveDir'> {
  return statement(db,
    `SELECT (SELECT count(*) FROM items WHERE kind = 'article' AND deleted_at IS NULL) AS articles,
            (SELECT count(*) FROM items WHERE kind = 'note' AND deleted_at IS NULL) AS notes,
            (SELECT count(*) FROM tags) AS tags`,
  ).get() as Omit<ArchiveStats, 'archiveDir'>;
}
