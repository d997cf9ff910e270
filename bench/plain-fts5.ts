// The baseline: the same articles into a bare FTS5 table (unicode61, no analysis, no originals),
// committed in the same batches as ours, so the ratio shows what our analysis and bookkeeping cost.
import Database from 'better-sqlite3';
import type { Article } from './corpus.js';
import { bytesWritten, cpuMs, nowMs } from './measure.js';

export interface PlainOutcome {
  seconds: number;
  cpuSeconds: number;
  /** Bytes written during the import (WAL and checkpoints); null off Linux. */
  bytesWritten: number | null;
  /** Size of the SQLite file after a TRUNCATE checkpoint. */
  bytes: number;
}

/** `batch` articles per transaction (1: one transaction per article). */
export function importPlainFts5(file: string, articles: Article[], batch: number): PlainOutcome {
  const db = new Database(file);
  try {
    // The archive's pragmas (storage/database.ts), so the difference is the work, not the settings.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -32000');
    db.exec('CREATE VIRTUAL TABLE t USING fts5(title, body)');
    const insert = db.prepare('INSERT INTO t (title, body) VALUES (?, ?)');
    const store = db.transaction((chunk: Article[]) => {
      for (const a of chunk) insert.run(a.title, a.body);
    });
    const start = nowMs();
    const startCpu = cpuMs();
    const startWritten = bytesWritten();
    for (let from = 0; from < articles.length; from += batch) store(articles.slice(from, from + batch));
    const written = startWritten === null ? null : bytesWritten()! - startWritten;
    const seconds = (nowMs() - start) / 1000;
    const cpuSeconds = (cpuMs() - startCpu) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = (db.prepare('SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()').pluck().get() as number) ?? 0;
    return { seconds, cpuSeconds, bytesWritten: written, bytes };
  } finally {
    db.close();
  }
}
