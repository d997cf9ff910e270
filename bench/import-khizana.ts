// Imports corpus articles into a Khizana archive the way a real import stores them
// (prepareDocument, then storeDocuments in batches as importPaths does), minus reading files:
// the articles are already in memory so the clock measures the archive only.
import fs from 'node:fs';
import path from 'node:path';
import { chooseTitle, prepareDocument, sha256, type PreparedDocument } from '../electron/core/import/prepare-document.js';
import {
  findBySha, storeDocument, storeDocuments,
  type DocumentToStore,
  validTags,
} from '../electron/core/import/store-document.js';
import type { Db } from '../electron/core/storage/database.js';
import { analyseField } from '../electron/core/storage/fts-row.js';
import { insertItem } from '../electron/core/storage/items.js';
import { storeOriginal } from '../electron/core/storage/original-files.js';
import { statement } from '../electron/core/storage/statements.js';
import { ensureTag } from '../electron/core/storage/tags.js';
import { detectDirection, detectLanguage } from '../electron/core/text/language.js';
import { articleTags, articleText, toParsedDocument, type Article } from './corpus.js';
import { bytesWritten, cpuMs, nowMs, type MemoryPeak } from './measure.js';

/** importPaths stores at most this many ready files per transaction (its private `maxBatch`). */
export const appBatch = 100;

export interface ImportOutcome {
  seconds: number;
  /** CPU seconds of this process during the import (other busy processes inflate `seconds`, not this). */
  cpuSeconds: number;
  /** Bytes written by the process during the import (WAL, checkpoints, originals); null off Linux. */
  bytesWritten: number | null;
  imported: number;
  duplicates: number;
  failed: number;
  /** First failure messages, to show what went wrong without flooding the output. */
  errors: string[];
}

const encoder = new TextEncoder();

/** The source record a .txt import of this article would carry. */
function sourceOf(article: Article): DocumentToStore['source'] {
  const bytes = encoder.encode(articleText(article));
  return { path: `corpus:${article.id}`, format: 'txt', bytes, sha256: sha256(bytes) };
}

function newOutcome(): ImportOutcome {
  return { seconds: 0, cpuSeconds: 0, bytesWritten: null, imported: 0, duplicates: 0, failed: 0, errors: [] };
}

/** Runs `work` and fills in the outcome's clocks. */
function clocked(outcome: ImportOutcome, work: () => void): void {
  const start = nowMs();
  const startCpu = cpuMs();
  const startWritten = bytesWritten();
  work();
  outcome.seconds = (nowMs() - start) / 1000;
  outcome.cpuSeconds = (cpuMs() - startCpu) / 1000;
  outcome.bytesWritten = startWritten === null ? null : bytesWritten()! - startWritten;
}

/**
 * The timed import, on one thread: per article prepareDocument (analysis, fingerprint, language;
 * the app runs it in parser workers), then storeDocuments for every `batch` articles (the app
 * stores whatever is parsed when the writer comes round, up to 100; a fast import gets full
 * batches). `batch` 1 stores each article with storeDocument in its own transaction.
 */
export function importKhizana(db: Db, archiveDir: string, articles: Article[], memory: MemoryPeak, batch = appBatch): ImportOutcome {
  fs.mkdirSync(path.join(archiveDir, 'files'), { recursive: true });
  const outcome = newOutcome();
  const count = (result: { status: string } | Error, id: string): void => {
    if (result instanceof Error) {
      outcome.failed++;
      if (outcome.errors.length < 5) outcome.errors.push(`${id}: ${result.message}`);
    } else if (result.status === 'imported') outcome.imported++;
    else if (result.status === 'duplicate') outcome.duplicates++;
    else outcome.failed++;
  };
  clocked(outcome, () => {
    for (let from = 0; from < articles.length; from += batch) {
      const chunk = articles.slice(from, from + batch);
      const items = chunk.map((article, k): DocumentToStore => {
        const source = sourceOf(article);
        return { source, prepared: prepareDocument(toParsedDocument(article), source.path), tags: articleTags(article, from + k) };
      });
      const now = new Date().toISOString();
      if (batch === 1) {
        try {
          count(storeDocument(db, archiveDir, items[0]!, now), chunk[0]!.id);
        } catch (error) {
          count(error as Error, chunk[0]!.id);
        }
      } else {
        storeDocuments(db, archiveDir, items, now).forEach((result, k) => count(result, chunk[k]!.id));
      }
      memory.sample();
    }
  });
  return outcome;
}

/** Milliseconds spent in each step of storing articles, summed over the import. */
export interface ImportSplit {
  /** UTF-8 encoding of the text and building the ParsedDocument (the benchmark's stand-in for reading a file). */
  prepare: number;
  /** sha256 of the original bytes and of the analysed text (duplicate fingerprints). */
  hashing: number;
  /** Title choice and analyseField(title, body): tokenising, normalising, stemming, joining. */
  analysis: number;
  /** detectLanguage + detectDirection over the first 20,000 characters. */
  languageDetection: number;
  /** The two duplicate look-ups (by file sha, by text sha). */
  duplicateLookups: number;
  /** storeOriginal: the content-addressed copy in files/ (exists check, mkdir, write temp, rename). */
  fileWrites: number;
  /** insertItem: the items row and the FTS5 row (DELETE + INSERT of the analysed columns). */
  sqliteInsert: number;
  /** ensureTag + item_tags links. */
  sqliteTags: number;
  /**
   * BEGIN and COMMIT: at commit FTS5 writes the batch's terms as a new segment (and merges
   * segments), then the pages go to the WAL; automatic checkpoints land here too.
   */
  sqliteCommit: number;
}

/**
 * The same import with a clock around every step. It repeats prepareDocument's and
 * storeDocuments' steps in the same order through the same core functions (BEGIN/COMMIT are
 * issued by hand so the commit can be timed), so its total should match `importKhizana` within
 * noise. Keep it in step with prepare-document.ts and store-document.ts when they change.
 */
export function importKhizanaInstrumented(
  db: Db, archiveDir: string, articles: Article[], memory: MemoryPeak, batch = appBatch,
): ImportOutcome & { split: ImportSplit } {
  fs.mkdirSync(path.join(archiveDir, 'files'), { recursive: true });
  const split: ImportSplit = {
    prepare: 0, hashing: 0, analysis: 0, languageDetection: 0, duplicateLookups: 0,
    fileWrites: 0, sqliteInsert: 0, sqliteTags: 0, sqliteCommit: 0,
  };
  const outcome = newOutcome();
  let t = 0;
  const lap = (key: keyof ImportSplit): void => {
    const n = nowMs();
    split[key] += n - t;
    t = n;
  };
  clocked(outcome, () => {
    for (let from = 0; from < articles.length; from += batch) {
      t = nowMs();
      // prepareDocument, article by article (in the app: in the parser workers)
      const items: DocumentToStore[] = [];
      for (let k = 0; k < batch && from + k < articles.length; k++) {
        const article = articles[from + k]!;
        const bytes = encoder.encode(articleText(article));
        const doc = toParsedDocument(article);
        const tags = articleTags(article, from + k);
        lap('prepare');
        const fileSha = sha256(bytes);
        lap('hashing');
        const title = chooseTitle(doc, `corpus:${article.id}`);
        const analysed = { title: analyseField(title), body: analyseField(doc.text) };
        lap('analysis');
        const textSha = analysed.body.tokenCount > 0 ? sha256(analysed.body.exact) : null;
        lap('hashing');
        const sample = `${title}\n${doc.text.slice(0, 20_000)}`;
        const prepared: PreparedDocument = { doc, title, analysed, textSha, lang: doc.lang ?? detectLanguage(sample), dir: detectDirection(sample) };
        lap('languageDetection');
        items.push({ source: { path: `corpus:${article.id}`, format: 'txt', bytes, sha256: fileSha }, prepared, tags });
      }
      // storeDocuments: one transaction for the batch
      const now = new Date().toISOString();
      db.exec('BEGIN');
      lap('sqliteCommit');
      for (const { source, prepared, tags } of items) {
        const duplicate =
          findBySha(db, source.sha256) !== undefined ||
          (prepared.textSha !== null && statement(db, 'SELECT id FROM items WHERE text_sha256 = ?').pluck().get(prepared.textSha) !== undefined);
        lap('duplicateLookups');
        if (duplicate) {
          outcome.duplicates++;
          continue;
        }
        storeOriginal(archiveDir, source.sha256, source.bytes);
        lap('fileWrites');
        const { doc } = prepared;
        const itemId = insertItem(
          db,
          {
            kind: 'article', title: prepared.title, text: doc.text, html: doc.html, lang: prepared.lang, dir: prepared.dir,
            byline: doc.byline, site_name: doc.siteName, published_at: doc.publishedAt, imported_at: now, updated_at: now,
            parent_id: null, source_path: source.path, source_format: source.format, source_sha256: source.sha256,
            source_encoding: doc.encoding, source_bytes: source.bytes.length, text_sha256: prepared.textSha, pages: doc.pages,
            page_starts: null, warnings: JSON.stringify(doc.warnings),
          },
          prepared.analysed,
        );
        lap('sqliteInsert');
        const link = statement(db, 'INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
        for (const tag of validTags([...tags, ...doc.tags])) link.run(itemId, ensureTag(db, tag));
        lap('sqliteTags');
        outcome.imported++;
      }
      db.exec('COMMIT');
      lap('sqliteCommit');
      memory.sample();
    }
  });
  return { ...outcome, split };
}
