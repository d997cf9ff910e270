// How long the content-addressed copies of the originals take, on the writer's thread (as
// storeOriginal does it: exists, mkdir, write temp, rename, all synchronous) against the same
// steps done with fs.promises, 16 at a time, so the disk waits overlap, and against keeping the
// bytes as blobs in a SQLite table (same pragmas, 100 per transaction). Usage:
//   node --import tsx bench/originals-experiment.ts [--lang ar] [--n 10000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sha256 } from '../electron/core/import/prepare-document.js';
import { originalPath, storeOriginal } from '../electron/core/storage/original-files.js';
import { articleText, readCorpus } from './corpus.js';
import { cpuMs, nowMs, round } from './measure.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lang: { type: 'string', default: 'ar' }, n: { type: 'string', default: '10000' } } });
  const articles = await readCorpus(values.lang === 'en' ? 'en' : 'ar', values.n === 'all' ? null : Number(values.n));
  const encoder = new TextEncoder();
  // One file per distinct content, as the archive keeps them (two writers must not share a temp name).
  const bySha = new Map<string, Uint8Array>();
  for (const a of articles) {
    const bytes = encoder.encode(articleText(a));
    bySha.set(sha256(bytes), bytes);
  }
  const files = [...bySha].map(([sha, bytes]) => ({ sha, bytes }));
  const measure = async (name: string, write: (dir: string) => Promise<void> | void): Promise<void> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-orig-'));
    try {
      const t = nowMs();
      const c = cpuMs();
      await write(dir);
      const ms = nowMs() - t;
      console.log(`${name.padEnd(44)} ${round(ms / 1000, 2)} s wall, ${round((cpuMs() - c) / 1000, 2)} s CPU, ${round((1000 * ms) / files.length, 0)} µs per file`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  for (let round_ = 0; round_ < 2; round_++) {
    await measure('storeOriginal (sync, as the import does)', (dir) => {
      for (const f of files) storeOriginal(dir, f.sha, f.bytes);
    });
    await measure('same steps with fs.promises, 16 in flight', async (dir) => {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < files.length) {
          const f = files[next++]!;
          const target = originalPath(dir, f.sha);
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          const temp = `${target}.${process.pid}.tmp`;
          await fs.promises.writeFile(temp, f.bytes);
          await fs.promises.rename(temp, target);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    });
    await measure('blobs in a SQLite table, 100 per transaction', (dir) => {
      const db = new Database(path.join(dir, 'originals.sqlite'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec('CREATE TABLE originals (sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID');
      const insert = db.prepare('INSERT OR IGNORE INTO originals (sha256, bytes) VALUES (?, ?)');
      const store = db.transaction((chunk: typeof files) => {
        for (const f of chunk) insert.run(f.sha, f.bytes);
      });
      for (let i = 0; i < files.length; i += 100) store(files.slice(i, i + 100));
      db.close();
    });
  }
  console.log(`(${files.length} ${values.lang} articles; load average ${os.loadavg()[0]!.toFixed(1)})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
