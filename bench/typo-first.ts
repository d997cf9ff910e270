// `node --import tsx bench/typo-first.ts <archive dir> [--wait 0] [--words ادلب,الحكومه,…]`
// How long the first `word~` search waits after the archive opens (issues 12 and 14): the archive
// is opened in worker threads as the app opens it, and `--wait` ms after the readers are ready
// (the user's first search) one `word~` search per word is timed, then the same searches again.
// Build the archive with `npm run bench -- --lang ar --n all --no-plain --keep`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openArchiveInWorker } from '../electron/core/worker/worker-client.js';
import { nowMs, round } from './measure.js';

export interface TypoCold {
  readers: number;
  waitMs: number;
  /** Each word's first `word~` search (50 hits + facets) after opening, in order; the first is `typoColdMs`. */
  first: Array<{ query: string; ms: number; total: number }>;
  again: Array<{ query: string; ms: number; total: number }>;
  typoColdMs: number;
}

export const typoWords = ['الحكومه', 'ادلب', 'الاقتصاد', 'السعوديه'];

/** Opens the archive in workers as the app does and times the first typo searches (`typoColdMs`: the very first). */
export async function measureTypoCold(dir: string, words = typoWords, waitMs = 0): Promise<TypoCold> {
  const session = await openArchiveInWorker({ dir });
  try {
    const readers = await session.readersReady;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const timed = async (query: string) => {
      const start = nowMs();
      const result = await session.api.search({ query, limit: 50, facets: true });
      return { query, ms: round(nowMs() - start), total: result.total };
    };
    const first = [];
    for (const word of words) first.push(await timed(`${word}~`));
    const again = [];
    for (const word of words) again.push(await timed(`${word}~`));
    return { readers, waitMs, first, again, typoColdMs: first[0]!.ms };
  } finally {
    await session.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { wait: { type: 'string', default: '0' }, words: { type: 'string', default: typoWords.join(',') } },
  });
  const dir = positionals[0];
  if (!dir || !fs.existsSync(path.join(dir, 'khizana.sqlite'))) {
    console.error('usage: node --import tsx bench/typo-first.ts <archive dir> [--wait 0] [--words a,b]');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureTypoCold(dir, values.words.split(','), Number(values.wait))));
}
