// Numbered schema migrations. Never edit a released one: add the next number.
import type { Database } from 'better-sqlite3';
import { newUid, uidFromSha256 } from './uids.js';
import { noteLinkRows } from './note-links.js';
import { reindexItem } from './items.js';
import { arabicFoldingVersion, lettersFoldedSinceVersion2 } from '../text/arabic.js';
import { createVocabularyTerms } from '../search/vocabulary-terms.js';

export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'items, tags, files and the analysed full-text index',
    up: (db) => {
      db.exec(`
        CREATE TABLE items (
          id              INTEGER PRIMARY KEY,
          kind            TEXT NOT NULL CHECK (kind IN ('article', 'note')),
          title           TEXT NOT NULL,
          text            TEXT NOT NULL,
          html            TEXT,
          lang            TEXT,
          dir             TEXT NOT NULL DEFAULT 'ltr' CHECK (dir IN ('ltr', 'rtl')),
          byline          TEXT,
          site_name       TEXT,
          published_at    TEXT,
          imported_at     TEXT NOT NULL,
          updated_at      TEXT NOT NULL,
          parent_id       INTEGER REFERENCES items(id) ON DELETE CASCADE,
          source_path     TEXT,
          source_format   TEXT,
          source_sha256   TEXT,
          source_encoding TEXT,
          source_bytes    INTEGER,
          text_sha256     TEXT,
          pages           INTEGER,
          page_starts     TEXT,
          warnings        TEXT NOT NULL DEFAULT '[]'
        );
        CREATE UNIQUE INDEX items_source_sha256 ON items(source_sha256) WHERE source_sha256 IS NOT NULL;
        CREATE INDEX items_text_sha256 ON items(text_sha256) WHERE text_sha256 IS NOT NULL;
        CREATE INDEX items_parent ON items(parent_id) WHERE parent_id IS NOT NULL;
        CREATE INDEX items_published ON items(published_at);
        CREATE INDEX items_imported ON items(imported_at);

        CREATE TABLE tags (
          id    INTEGER PRIMARY KEY,
          path  TEXT NOT NULL UNIQUE COLLATE NOCASE,
          color TEXT
        );
        CREATE TABLE item_tags (
          item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
          tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
          PRIMARY KEY (item_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX item_tags_tag ON item_tags(tag_id, item_id);

        -- Analysed tokens only (DESIGN §3): the original text lives in items. 'ascii' keeps every
        -- non-ASCII character inside a token, so our analysed tokens reach the index untouched.
        CREATE VIRTUAL TABLE items_fts USING fts5(
          title_exact, title_stem, body_exact, body_stem, notes_exact, notes_stem,
          content = '', contentless_delete = 1, tokenize = 'ascii'
        );
        -- No prefix index: measured on 30,000 Arabic articles it cost 23 % of the archive and 17 % of
        -- import speed, while prefix queries (term-range scans) were no faster with it.
      `);
    },
  },
  {
    version: 2,
    description: 'saved searches, shared by the app, the browser UI and the CLI',
    up: (db) => {
      db.exec(`
        CREATE TABLE saved_searches (
          name       TEXT PRIMARY KEY COLLATE NOCASE,
          query      TEXT NOT NULL,
          sort       TEXT NOT NULL DEFAULT 'relevance' CHECK (sort IN ('relevance', 'newest', 'oldest')),
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 3,
    description: 'a covering index of item metadata, for facet counts',
    up: (db) => {
      // Facets read kind, lang and dates of thousands of rows; in items those columns sit behind the
      // text (overflow pages). Measured at 30,000 articles: facets of a common word 50 ms → 22 ms.
      db.exec('CREATE INDEX items_meta ON items(id, kind, lang, published_at, imported_at)');
    },
  },
  {
    version: 4,
    description: 'stable uids for items and notes, the trash, and a change log',
    up: (db) => {
      // uid: from the original's sha256 for imported files, time-ordered random for notes (uids.ts).
      // deleted_at: set while an item is in the trash (its index row is removed then, so search,
      // which ranks on the index alone, never sees it). The change log is written in the same
      // transaction as each change: the base for undo, incremental backup and sync (DESIGN §2).
      db.exec(`
        ALTER TABLE items ADD COLUMN uid TEXT;
        ALTER TABLE items ADD COLUMN deleted_at TEXT;
        CREATE TABLE change_log (
          seq    INTEGER PRIMARY KEY,
          entity TEXT NOT NULL CHECK (entity IN ('item', 'note', 'tag', 'saved-search')),
          uid    TEXT NOT NULL,
          op     TEXT NOT NULL CHECK (op IN ('create', 'update', 'trash', 'restore', 'delete')),
          at     TEXT NOT NULL
        );
        CREATE INDEX change_log_uid ON change_log(uid);
      `);
      const rows = db.prepare('SELECT id, kind, source_sha256, imported_at FROM items').all() as Array<{ id: number; kind: string; source_sha256: string | null; imported_at: string }>;
      const setUid = db.prepare('UPDATE items SET uid = ? WHERE id = ?');
      for (const row of rows) {
        const created = Date.parse(row.imported_at);
        setUid.run(row.source_sha256 ? uidFromSha256(row.source_sha256) : newUid(Number.isNaN(created) ? Date.now() : created), row.id);
      }
      db.exec(`
        CREATE UNIQUE INDEX items_uid ON items(uid);
        CREATE INDEX items_deleted ON items(deleted_at) WHERE deleted_at IS NOT NULL;
        -- Facets and listings without words filter out the trash: keep them on the covering index.
        DROP INDEX items_meta;
        CREATE INDEX items_meta ON items(id, kind, lang, published_at, imported_at, deleted_at);
      `);
    },
  },
  {
    version: 5,
    description: 'citable sources: url, a list of authors, publication, source metadata, edited fields',
    up: (db) => {
      // authors: a JSON array of names (the byline became its one entry). source_meta: what the
      // source states beyond that (publisher, identifier, subject, keywords, e-mail headers), JSON.
      // edited: the metadata fields a person corrected, which a later import never overwrites.
      db.exec(`
        ALTER TABLE items ADD COLUMN url TEXT;
        ALTER TABLE items ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE items ADD COLUMN source_meta TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE items ADD COLUMN edited TEXT NOT NULL DEFAULT '[]';
        UPDATE items SET authors = json_array(trim(byline)) WHERE byline IS NOT NULL AND trim(byline) <> '';
        ALTER TABLE items DROP COLUMN byline;
        ALTER TABLE items RENAME COLUMN site_name TO publication;
      `);
    },
  },
  {
    version: 6,
    description: 'links from notes to items and notes, for backlinks',
    up: (db) => {
      // One row per link in a note's text (see shared/note-links.ts): the target by uid, so a link
      // outlives its target's trash and a re-import (same uid), and the sentence it sits in.
      // Rewritten with the note's text in the same transaction (storage/note-links.ts).
      db.exec(`
        CREATE TABLE note_links (
          from_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          to_uid   TEXT NOT NULL,
          sentence TEXT NOT NULL,
          PRIMARY KEY (from_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX note_links_to ON note_links(to_uid, from_id);
      `);
      const notes = db.prepare("SELECT id, text FROM items WHERE kind = 'note' AND text LIKE '%](khizana:%'").all() as Array<{ id: number; text: string }>;
      const insert = db.prepare('INSERT INTO note_links (from_id, position, to_uid, sentence) VALUES (?, ?, ?, ?)');
      for (const note of notes) for (const row of noteLinkRows(note.text)) insert.run(note.id, row.position, row.toUid, row.sentence);
    },
  },
  {
    version: 7,
    description: 'annotations: highlighted passages with comments, their index, and their changes in the log',
    up: (db) => {
      // The anchor is W3C Web Annotation's: a TextQuoteSelector (exact, prefix, suffix) and a
      // TextPositionSelector (start_offset, end_offset) in the item's text (shared/annotation-anchor.ts).
      // deleted_at: deleted, kept for Undo. annotations_fts: one row per item (rowid = item id) with
      // the text of its live annotations, for `in:annotations`; ordinary searches find that text in
      // the notes column of items_fts (reindexItem), so items_fts itself is not rebuilt.
      // change_log's CHECK gains 'annotation': SQLite cannot alter a CHECK, so the table is rebuilt
      // (a copy of its rows: 0.1 s at 30,000 items).
      db.exec(`
        CREATE TABLE annotations (
          id           INTEGER PRIMARY KEY,
          uid          TEXT NOT NULL UNIQUE,
          item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
          exact        TEXT NOT NULL,
          prefix       TEXT NOT NULL DEFAULT '',
          suffix       TEXT NOT NULL DEFAULT '',
          start_offset INTEGER NOT NULL,
          end_offset   INTEGER NOT NULL,
          page         INTEGER,
          color        TEXT NOT NULL DEFAULT 'yellow' CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple')),
          comment      TEXT NOT NULL DEFAULT '',
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          deleted_at   TEXT
        );
        CREATE INDEX annotations_item ON annotations(item_id, start_offset);
        CREATE VIRTUAL TABLE annotations_fts USING fts5(
          exact, stem, content = '', contentless_delete = 1, tokenize = 'ascii'
        );
        CREATE TABLE change_log_new (
          seq    INTEGER PRIMARY KEY,
          entity TEXT NOT NULL CHECK (entity IN ('item', 'note', 'tag', 'saved-search', 'annotation')),
          uid    TEXT NOT NULL,
          op     TEXT NOT NULL CHECK (op IN ('create', 'update', 'trash', 'restore', 'delete')),
          at     TEXT NOT NULL
        );
        INSERT INTO change_log_new (seq, entity, uid, op, at) SELECT seq, entity, uid, op, at FROM change_log;
        DROP TABLE change_log;
        ALTER TABLE change_log_new RENAME TO change_log;
        CREATE INDEX change_log_uid ON change_log(uid);
      `);
    },
  },
  {
    version: 8,
    description: 'the analyzer folds ھ ە ۃ ۂ to ه and ۓ to ي: the items that have them are re-analysed',
    up: (db) => {
      // index_state records which analyzer wrote the index; a later analyzer change raises it in
      // a migration like this one. Only items (their title, text, notes or annotations) with a
      // newly folded letter are re-analysed: the index of every other item is the same.
      db.exec('CREATE TABLE index_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
      db.prepare("INSERT INTO index_state (key, value) VALUES ('analyzer', ?)").run(String(arabicFoldingVersion));
      const has = (column: string): string => lettersFoldedSinceVersion2.map((ch) => `instr(${column}, '${ch}') > 0`).join(' OR ');
      const ids = db
        .prepare(
          `SELECT id FROM items WHERE ${has('title')} OR ${has('text')}
           UNION SELECT parent_id FROM items WHERE parent_id IS NOT NULL AND (${has('title')} OR ${has('text')})
           UNION SELECT item_id FROM annotations WHERE ${has('exact')} OR ${has('comment')}`,
        )
        .pluck()
        .all() as number[];
      for (const id of ids) reindexItem(db, id);
    },
  },
  {
    version: 9,
    description: 'the typo-tolerance vocabulary kept in the archive (words of 4 letters or more), filled from the index',
    // Each reader read the whole index for it at start-up and after every write (2.2 s and ~50 MB
    // each at 100,000 articles); now the writer adds a row's words as it writes the row.
    up: (db) => createVocabularyTerms(db),
  },
];
