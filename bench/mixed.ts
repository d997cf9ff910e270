// npm run bench -- --mixed: import a generated folder of mixed formats through the real import
// (parser worker pool, one writer) and report files/s and MB/s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openArchive } from '../electron/core/archive.js';
import { readCorpus, type CorpusLang } from './corpus.js';
import { writeMixedFolder } from './mixed-formats.js';

/** Runs the mixed-format import benchmark and returns its figures. */
export async function benchMixed(lang: CorpusLang, n: number | null) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-mixed-'));
  try {
    const articles = await readCorpus(lang, n);
    const filesDir = path.join(root, 'files');
    const formats = writeMixedFolder(filesDir, articles);
    const bytes = Object.values(formats).reduce((sum, f) => sum + f.bytes, 0);
    const session = await openArchive({ dir: path.join(root, 'archive') });
    const start = performance.now();
    const report = await session.api.importPaths({ paths: [filesDir], tags: [] });
    const seconds = (performance.now() - start) / 1000;
    await session.close();
    const failures = report.results.filter((r) => r.status === 'failed').slice(0, 5).map((r) => `${path.basename(r.path)}: ${r.error?.code} ${r.error?.message}`);
    return {
      bench: 'mixed-formats',
      lang,
      files: articles.length,
      megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10,
      seconds: Math.round(seconds * 100) / 100,
      filesPerSec: Math.round(articles.length / seconds),
      mbPerSec: Math.round((bytes / 1024 / 1024 / seconds) * 100) / 100,
      parseWorkers: os.availableParallelism(),
      imported: report.imported,
      duplicates: report.duplicates,
      failed: report.failed,
      failures,
      formats,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
