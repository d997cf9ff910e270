// A person typing a note, as its own process: one note on the archive, saved every `intervalMs`
// (as the app's autosave does) until SIGTERM or `maxMs`. Prints one JSON line on exit:
// {writes, failed, errors, p50Ms, maxMs} (each save's latency, including waiting for the lock).
// Run: node --import tsx test/support/note-stream.ts <archiveDir> <intervalMs> <maxMs>
import { openArchive } from '../../electron/core/archive.js';

const [dir, intervalArg, maxArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: note-stream.ts <archiveDir> [intervalMs] [maxMs]');
const intervalMs = Number(intervalArg ?? 100);
const maxMs = Number(maxArg ?? 60_000);

const session = await openArchive({ dir, parseWorkers: 0 });
const latencies: number[] = [];
const errors: string[] = [];
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
const end = Date.now() + maxMs;
let text = 'Typing a note while an import runs:';
const timed = async (write: () => Promise<unknown>) => {
  const start = performance.now();
  try {
    await write();
  } catch (error) {
    errors.push(`${(error as { code?: string }).code ?? '?'}: ${(error as Error).message}`);
  }
  latencies.push(performance.now() - start);
};
let id = 0;
await timed(async () => (id = (await session.api.addNote({ text })).id));
process.stdout.write('started\n');
while (!stopping && Date.now() < end) {
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
  text += ` word${latencies.length}`;
  await timed(() => session.api.updateNote({ id, text }));
}
await session.close();
latencies.sort((a, b) => a - b);
const result = {
  writes: latencies.length,
  failed: errors.length,
  errors: errors.slice(0, 5),
  p50Ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
  maxMs: Math.round(latencies.at(-1) ?? 0),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
