// The archive's typo vocabulary is written with the index rows, each word once, and a rolled-back
// write (a whole batch, or one item's savepoint) never leaves a word out of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/core/storage/database.js';
import { analyseField, writeFtsRow } from '../../../electron/core/storage/fts-row.js';
import { writeTransaction } from '../../../electron/core/storage/write-transaction.js';
import { catchUpVocabulary, deferVocabulary, termsFromSql, variantTerms } from '../../../electron/core/search/vocabulary-terms.js';
import { tempDir } from '../../support/paths.js';

let db: Db;
let file: string;
beforeEach(() => {
  file = path.join(tempDir(), 'k.sqlite');
  db = openDatabase(file);
});
afterEach(() => db.close());

const index = (id: number, text: string) => writeFtsRow(db, id, { title: analyseField(''), body: analyseField(text), notes: analyseField('') });
const kept = () => db.prepare(termsFromSql).pluck().all('', '', 1e9);
const indexed = () => {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, 'items_fts', 'row')");
  return db.prepare('SELECT term FROM temp.v WHERE length(term) >= 4 ORDER BY term').pluck().all();
};

describe('vocabulary_terms', () => {
  it("holds every indexed word of 4 letters or more, as FTS5's ascii tokenizer cuts them", () => {
    writeTransaction(db, () => {
      index(1, 'The harbour of Zanzibar, COVID-19 rules (2020-05-01) and e-mail: ادلب والفصائل في كان');
      index(2, 'Harbour harbours; x.y.z wxyz.abcd');
    });
    expect(kept()).toEqual(indexed());
    expect(kept()).toEqual(expect.arrayContaining(['harbour', 'zanzibar', 'ادلب', 'والفصائل', '2020']));
    expect(variantTerms(['ab abc abcd ABCDE'])).toEqual(['abcd', 'abcde']);
  });

  it('while an import defers it, rows add no words; the catch-up after the import adds every one', () => {
    const resume = deferVocabulary(db);
    writeTransaction(db, () => {
      index(1, 'The harbour of Zanzibar');
      index(2, 'ادلب والفصائل في كان');
    });
    expect(kept()).toEqual([]);
    resume();
    writeTransaction(db, () => catchUpVocabulary(db));
    expect(kept()).toEqual(indexed());
    writeTransaction(db, () => index(3, 'Mombasa')); // rows written since are recorded as they come
    expect(kept()).toContain('mombasa');
  });

  it("a small import writes its own rows' words; a big one, or one after an import that never caught up, reads the whole index", () => {
    const pending = () => db.prepare("SELECT count(*) FROM index_state WHERE key = 'vocabulary_pending'").pluck().get();
    // An import that crashed before its catch-up: its words are missing, its mark stays.
    deferVocabulary(db);
    writeTransaction(db, () => index(1, 'harbour'));
    expect(pending()).toBe(1);
    db.close();
    db = openDatabase(file);
    // The next import finds the mark and reads FTS5's vocabulary whole: the crashed import's word comes back.
    let resume = deferVocabulary(db);
    writeTransaction(db, () => index(2, 'zanzibar'));
    writeTransaction(db, () => catchUpVocabulary(db, resume()));
    expect(kept()).toEqual(['harbour', 'zanzibar']);
    expect(pending()).toBe(0);
    // A small import writes only its own rows' words: a word indexed behind the vocabulary's back stays out.
    writeTransaction(db, () => index(3, 'mombasa'));
    db.prepare("DELETE FROM vocabulary_recent WHERE term = 'mombasa'").run();
    resume = deferVocabulary(db);
    writeTransaction(db, () => index(4, 'dhows'));
    writeTransaction(db, () => catchUpVocabulary(db, resume()));
    expect(kept()).toEqual(expect.arrayContaining(['dhows', 'harbour', 'zanzibar']));
    expect(kept()).not.toContain('mombasa');
    // A big one (over 200 rows) reads the whole index again.
    resume = deferVocabulary(db);
    writeTransaction(db, () => {
      for (let id = 5; id < 206; id++) index(id, `lamu${id}`);
    });
    writeTransaction(db, () => catchUpVocabulary(db, resume()));
    expect(kept()).toEqual(indexed());
    expect(kept()).toContain('mombasa');
  });

  it('a rolled-back row leaves no word out when the same word is written again', () => {
    // A whole transaction rolled back …
    expect(() => writeTransaction(db, () => {
      index(1, 'harbour');
      throw new Error('disk full');
    })).toThrow();
    writeTransaction(db, () => index(2, 'harbour'));
    expect(kept()).toEqual(['harbour']);
    // … and one item's savepoint inside a batch that commits (as storeDocuments skips a failed file).
    writeTransaction(db, () => {
      try {
        writeTransaction(db, () => {
          index(3, 'zanzibar');
          throw new Error('one bad file');
        });
      } catch {
        // the batch goes on
      }
      index(4, 'zanzibar dhows');
    });
    expect(kept()).toEqual(expect.arrayContaining(['dhows', 'harbour', 'zanzibar']));
    expect(kept()).toEqual(indexed());
  });

  it('a rollback is noticed even when the rows it undid last added no new word', () => {
    writeTransaction(db, () => index(1, 'harbour'));
    // The savepoint undoes a row with a new word, then a row with only known words: the next row
    // must not take the undone word for written.
    writeTransaction(db, () => {
      try {
        writeTransaction(db, () => {
          index(2, 'zanzibar harbour');
          index(3, 'harbour');
          throw new Error('one bad file');
        });
      } catch {
        // the batch goes on
      }
      index(4, 'harbour');
      index(5, 'zanzibar');
    });
    expect(kept()).toEqual(['harbour', 'zanzibar']);
    expect(kept()).toEqual(indexed());
  });

  it('counts code points, not UTF-16 units, and folds ASCII capitals only', () => {
    // 𝔸𝔹𝔺 is 3 letters in 6 units; Ädlb keeps its Ä (FTS5's ascii tokenizer folds A–Z only).
    expect(variantTerms(['𝔸𝔹𝔺 𝔸𝔹𝔺𝔻 Ädlb HARBOUR harbour', 'ادلب'])).toEqual(['𝔸𝔹𝔺𝔻', 'Ädlb', 'harbour', 'ادلب']);
  });
});
