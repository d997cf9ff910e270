// `node --import tsx bench/bulk-tags.ts [--n 10000] [--lang ar] [--runs 3] [--no-trash] [--json]`
// Working on many results at once (issue 11): imports N articles of the shared corpus into a fresh
// archive, then times through the archive worker (the app's and `khizana serve`'s transport) what a
// user waits for: tagging every result of a search ("select all N"), its undo, renaming and deleting
// a tag carried by all N, and moving N to the trash and back. Median of --runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../electron/core/storage/database.js';
import { openArchiveInWorker } from '../electron/core/worker/worker-client.js';
import { readCorpus, type CorpusLang } from './corpus.js';
import { importKhizana } from './import-khizana.js';
import { MemoryPeak, nowMs, percentile, round } from './measure.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' }, lang: { type: 'string', default: 'ar' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false }, trash: { type: 'boolean', default: true } }, allowNegative: true });
const n = Number(values.n);
const runs = Number(values.runs);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const articles = await readCorpus(values.lang as CorpusLang, n);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-bulk-'));
const dir = path.join(temp, 'archive');
fs.mkdirSync(dir);
try {
  const db = openDatabase(path.join(dir, 'khizana.sqlite'));
  log(`importing ${articles.length} ${values.lang} articles…`);
  const imported = importKhizana(db, dir, articles, new MemoryPeak());
  closeDatabase(db);
  log(`imported ${imported.imported} in ${imported.seconds.toFixed(1)} s`);

  const session = await openArchiveInWorker({ dir });
  const api = session.api;
  const total = (await api.search({ query: '' })).total;
  const samples: Record<string, number[]> = { tagAll: [], undoTag: [], renameTag: [], deleteTag: [], deleteAll: [], restoreAll: [] };
  const time = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = nowMs();
    const result = await run();
    samples[name]!.push(nowMs() - t);
    return result;
  };
  for (let r = 0; r < runs; r++) {
    // "Select all N results" of a search without words (every item), resolved in the core.
    const tagged = await time('tagAll', () => api.bulkTag({ query: '', tag: `bench/run${r}` }));
    if (tagged.changed !== total) throw new Error(`tagged ${tagged.changed} of ${total}`);
    await time('undoTag', () => api.bulkUntag({ ids: tagged.ids, tag: tagged.tag! }));
    await api.bulkTag({ query: '', tag: `bench/run${r}` });
    await time('renameTag', () => api.renameTag({ from: 'bench', to: 'bulk' }));
    await time('deleteTag', () => api.deleteTag({ tag: 'bulk' }));
    if (!values.trash) continue;
    const deleted = await time('deleteAll', () => api.bulkDelete({ query: '' }));
    await time('restoreAll', () => api.bulkRestore({ ids: deleted.ids }));
  }
  await session.close();
  const median = (xs: number[]): number => round(percentile(xs, 50) / 1000, 3);
  const measured = Object.entries(samples).filter(([, v]) => v.length > 0);
  const result = { items: total, lang: values.lang, runs, cores: os.availableParallelism(), seconds: Object.fromEntries(measured.map(([k, v]) => [k, median(v)])) };
  for (const [name, seconds] of Object.entries(result.seconds)) log(`${name.padEnd(11)} ${seconds.toFixed(3)} s  (${total} items)`);
  if (values.json) console.log(JSON.stringify(result));
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
