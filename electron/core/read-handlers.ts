// The methods that only read the archive (contract.ts methodAccess), on any connection: the one
// connection of an in-process session, or a reader thread's own beside the writer.
import type { ArchiveHandlers, ReadMethod } from '../shared/contract.js';
import { highlightSpans } from './search/highlight.js';
import { positiveTerms, prepareQuery, runSearch } from './search/run-search.js';
import type { Vocabulary } from './search/vocabulary.js';
import { countContents } from './storage/counts.js';
import type { Db } from './storage/database.js';
import { itemDetail } from './storage/items.js';
import { listNotes } from './storage/notes.js';
import { listSavedSearches } from './storage/saved-searches.js';
import { listTags } from './storage/tags.js';
import { listTrash } from './storage/trash.js';
import { citeItems } from './cite/cite-items.js';
import { listAnnotations } from './storage/annotations.js';
import { backlinks, linkTargets } from './storage/note-links.js';

export type ReadHandlers = Pick<ArchiveHandlers, ReadMethod>;

/** The read-only methods of the archive in `dir`, on connection `db`. */
export function readHandlers(db: Db, vocabulary: Vocabulary, dir: string): ReadHandlers {
  return {
    async search(args) {
      return runSearch(db, vocabulary, args);
    },
    async highlight({ query, texts }) {
      const terms = positiveTerms(prepareQuery(query, vocabulary).analysed);
      return texts.map((text) => highlightSpans(text, terms));
    },
    async getItem({ id }) {
      return itemDetail(db, id);
    },
    async cite(args) {
      return citeItems(db, args);
    },
    async listTags() {
      return listTags(db);
    },
    async listNotes({ on }) {
      return listNotes(db, on);
    },
    async stats() {
      return { ...countContents(db), archiveDir: dir };
    },
    async listTrash() {
      return listTrash(db);
    },
    async listSavedSearches() {
      return listSavedSearches(db);
    },
    async exportItems({ target, query, ids }) {
      // Loaded on first use: the YAML writer costs every reader thread ~7 MiB (serve's memory).
      const { writeExport } = await import('./export/write-export.js');
      return writeExport({ db, archiveDir: dir, vocabulary, target, query, ids });
    },
    async listAnnotations({ on }) {
      return listAnnotations(db, on);
    },
    async backlinks({ id }) {
      return backlinks(db, id);
    },
    async linkTargets({ uids }) {
      return linkTargets(db, uids);
    },
  };
}
