// `--pipeline`: the import as the app runs it — openArchive + importPaths over .txt files, with
// the parser worker pool (parse-pool.ts: one per core but the writer's) analysing while the writer stores batches. This is the
// figure a user sees; it reads files (written beforehand, so they come from the OS cache).
import fs from 'node:fs';
import path from 'node:path';
import { openArchive } from '../electron/core/archive.js';
import { articleText, type Article } from './corpus.js';
import { bytesWritten, cpuMs, nowMs } from './measure.js';
import type { ImportOutcome } from './import-khizana.js';

/** Writes each article as `<n>.txt` (1,000 a folder) under `dir`: untimed set-up. */
export function writeArticleFiles(dir: string, articles: Article[]): void {
  articles.forEach((article, i) => {
    const folder = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${String(i).padStart(6, '0')}.txt`), articleText(article));
  });
}

/** Imports the folder through the archive's public API and times it end to end. */
export async function importThroughApp(archiveDir: string, filesDir: string): Promise<ImportOutcome & { parseWorkers: string }> {
  const session = await openArchive({ dir: archiveDir });
  try {
    const start = nowMs();
    const startCpu = cpuMs();
    const startWritten = bytesWritten();
    const report = await session.api.importPaths({ paths: [filesDir], tags: ['bench'] });
    const errors = report.results.filter((r) => r.status === 'failed').slice(0, 5).map((r) => `${r.path}: ${r.error?.message ?? '?'}`);
    return {
      seconds: (nowMs() - start) / 1000,
      // Main thread and parser workers together (process CPU time covers every thread).
      cpuSeconds: (cpuMs() - startCpu) / 1000,
      bytesWritten: startWritten === null ? null : bytesWritten()! - startWritten,
      imported: report.imported,
      duplicates: report.duplicates,
      failed: report.failed,
      errors,
      parseWorkers: "one per core but the writer's, every core once files are slow to parse (openArchive default)",
    };
  } finally {
    await session.close();
  }
}
