// What a fresh `khizana serve` on the bench's archive costs (issue 14): the first typo-tolerant
// search after the archive opens (`typoColdMs`), and the whole process's resident memory after 100
// searches of the mix as the app's first page asks them (`serveRssMiB`: main thread, archive
// worker and reader workers together, read from /proc).
import fs from 'node:fs';
import type { CorpusLang } from './corpus.js';
import { startServe } from './file-import.js';
import { nowMs, round } from './measure.js';
import type { QuerySpec } from './search-bench.js';

/** A misspelt common word per corpus (the typo form a user might type), searched with `~`. */
export const typoQuery: Record<CorpusLang, string> = { ar: 'الحكومه~', en: 'goverment~' };

export interface ServeFigures {
  typoQuery: string;
  /** The first `word~` search, sent as soon as serve printed its address. */
  typoColdMs: number;
  typoColdTotal: number;
  /** The same search again (warm). */
  typoWarmMs: number;
  searches: number;
  /** VmRSS of the serve process after the searches, MiB; null off Linux. */
  serveRssMiB: number | null;
  /** VmHWM: the process's peak resident memory, MiB; null off Linux. */
  servePeakRssMiB: number | null;
}

function procStatusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

/** Starts the built CLI's serve on `archiveDir`, measures, and stops it. */
export async function measureServe(archiveDir: string, lang: CorpusLang, mix: QuerySpec[], searches = 100): Promise<ServeFigures> {
  const serve = await startServe(archiveDir);
  const search = async (query: string): Promise<{ ms: number; total: number }> => {
    const start = nowMs();
    const res = await fetch(`${serve.base}/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
      body: JSON.stringify({ query, limit: 50, facets: true }),
    });
    const body = (await res.json()) as { total: number };
    if (!res.ok) throw new Error(`search ${query} answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms: nowMs() - start, total: body.total };
  };
  try {
    const cold = await search(typoQuery[lang]);
    const warm = await search(typoQuery[lang]);
    for (let k = 0; k < searches; k++) await search(mix[k % mix.length]!.query);
    return {
      typoQuery: typoQuery[lang], typoColdMs: round(cold.ms, 1), typoColdTotal: cold.total, typoWarmMs: round(warm.ms, 1), searches,
      serveRssMiB: procStatusMiB(serve.pid, 'VmRSS'), servePeakRssMiB: procStatusMiB(serve.pid, 'VmHWM'),
    };
  } finally {
    await serve.stop();
  }
}
