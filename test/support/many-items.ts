// Many items fast, for bulk tests and benches: standalone notes written straight into the archive's
// database in one transaction (the same insertItem the app uses, so each has its index row).
import path from 'node:path';
import { databaseFileName } from '../../electron/core/archive.js';
import { closeDatabase, openDatabase } from '../../electron/core/storage/database.js';
import { insertItem } from '../../electron/core/storage/items.js';

/** Adds `count` notes reading `text #k` to the archive in `dir` (open or not); returns their ids. */
export function seedNotes(dir: string, count: number, text: string): number[] {
  const db = openDatabase(path.join(dir, databaseFileName));
  try {
    const now = new Date().toISOString();
    return db.transaction(() => {
      const ids: number[] = [];
      for (let k = 0; k < count; k++) {
        ids.push(insertItem(db, {
          kind: 'note', title: `${text} ${k}`, text: `${text} ${k}`, html: null, lang: null, dir: 'ltr', authors: '[]', publication: null, url: null,
          published_at: null, imported_at: now, updated_at: now, parent_id: null, source_path: null, source_format: null, source_sha256: null,
          source_encoding: null, source_bytes: null, text_sha256: null, pages: null, page_starts: null, warnings: '[]',
        }));
      }
      return ids;
    })();
  } finally {
    closeDatabase(db);
  }
}
