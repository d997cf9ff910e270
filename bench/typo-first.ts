// `node --import tsx bench/typo-first.ts <archive dir> [--wait 3000] [--words ادلب,الحكومه,…]`
// How long the first `word~` search waits after the archive opens (issue 12): the archive is
// opened in worker threads as the app opens it, and `--wait` ms after the readers are ready (the
// user's first search) one `word~` search per word is timed, then the same searches again.
// Build the archive with `npm run bench -- --lang ar --n all --no-plain --keep`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openArchiveInWorker } from '../electron/core/worker/worker-client.js';
import { nowMs, round } from './measure.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { wait: { type: 'string', default: '3000' }, words: { type: 'string', default: 'الحكومه,ادلب,الاقتصاد,السعوديه' } },
});
const dir = positionals[0];
if (!dir || !fs.existsSync(path.join(dir, 'khizana.sqlite'))) {
  console.error('usage: node --import tsx bench/typo-first.ts <archive dir> [--wait 3000] [--words a,b]');
  process.exit(2);
}
const words = values.words.split(',');
const session = await openArchiveInWorker({ dir });
const readers = await session.readersReady;
await new Promise((resolve) => setTimeout(resolve, Number(values.wait)));
const timed = async (query: string) => {
  const start = nowMs();
  const result = await session.api.search({ query, limit: 50, facets: true });
  return { query, ms: round(nowMs() - start), total: result.total };
};
const first: unknown[] = [];
for (const word of words) first.push(await timed(`${word}~`));
const again: unknown[] = [];
for (const word of words) again.push(await timed(`${word}~`));
console.log(JSON.stringify({ readers, waitMs: Number(values.wait), first, again }));
await session.close();
