// Imports corpus articles into a Khizana archive the way a real import stores them
// (prepareDocument, then storeDocuments in batches as importPaths does), minus reading files:
// the articles are already in memory so the clock measures the archive only.
import fs from 'node:fs';
import path from 'node:path';
import { prepareDocument, sha256 } from '../electron/core/import/prepare-document.js';
import { storeDocument, storeDocuments, type DocumentToStore } from '../electron/core/import/store-document.js';
import type { Db } from '../electron/core/storage/database.js';
import { catchUpVocabulary, deferVocabulary } from '../electron/core/search/vocabulary-terms.js';
import { writeTransaction } from '../electron/core/storage/write-transaction.js';
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
    // As importPaths does: the typo vocabulary takes the new words in one pass at the end (timed here too).
    const resume = deferVocabulary(db);
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
    const held = resume();
    writeTransaction(db, () => catchUpVocabulary(db, held));
  });
  return outcome;
}
