// node --import tsx bench/concurrent-writes.ts [--files 3000] [--interval 100] [--kills 8] [--json]
// Several programs on one archive (issue 8), with the built CLI (`npm run build` first): a folder
// of small .txt files imported (1) alone and (2) while another process saves a note every
// --interval ms (a person typing; the app autosaves as you type), (3) 20 `khizana note add` / `tag`
// during an import, (4) kill -9 mid-import --kills times, counting orphans and temp files after the
// next opening. Runs (1) and (2) alternate twice and the faster of each counts (a shared machine).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { inspectArchive } from '../test/support/archive-integrity.js';
import { runKhizana, startKhizana } from '../test/support/cli-process.js';
import { repoRoot } from '../test/support/paths.js';

const { values } = parseArgs({
  options: { files: { type: 'string', default: '3000' }, interval: { type: 'string', default: '100' }, kills: { type: 'string', default: '8' }, json: { type: 'boolean', default: false } },
});
const fileCount = Number(values.files);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-concurrent-'));
const folder = path.join(root, 'in');
fs.mkdirSync(folder);
for (let i = 0; i < fileCount; i++) {
  fs.writeFileSync(path.join(folder, `f${String(i).padStart(5, '0')}.txt`), `File ${i}\n\nword${i} common ${'market oil city السوق النفط '.repeat(40 + (i % 200))}`);
}
let archives = 0;
const freshArchive = async () => {
  const dir = path.join(root, `archive-${++archives}`);
  await runKhizana(['--archive', dir, 'import', path.join(folder, 'f00000.txt')]); // an item to write notes on
  return dir;
};

/** Seconds the CLI takes to import the folder into `archive`. */
async function timedImport(archive: string): Promise<number> {
  const run = await runKhizana(['--archive', archive, 'import', folder], 600_000);
  if (run.status !== 0) throw new Error(`the import failed: ${run.stderr}`);
  return run.ms / 1000;
}

/** Saves a note every `interval` ms in another process until stopped; resolves with its figures. */
async function typing(archive: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/note-stream.ts'), archive, values.interval, '600000'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  await new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('started') && resolve()));
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
    return JSON.parse(out.trim().split('\n').at(-1)!) as { writes: number; failed: number; errors: string[]; p50Ms: number; maxMs: number };
  };
}

const alone: number[] = [];
const withNotes: number[] = [];
const noteStreams: Array<Awaited<ReturnType<Awaited<ReturnType<typeof typing>>>>> = [];
for (let round = 0; round < 2; round++) {
  alone.push(await timedImport(await freshArchive()));
  const archive = await freshArchive();
  const stop = await typing(archive);
  withNotes.push(await timedImport(archive));
  noteStreams.push(await stop());
}

// 20 CLI writes (note add, tag) in two lanes during an import.
const cliArchive = await freshArchive();
const importing = startKhizana(['--archive', cliArchive, 'import', folder], 600_000);
let importDone = false;
void importing.done.then(() => (importDone = true));
const cli: Array<{ ok: boolean; during: boolean; message: string }> = [];
await Promise.all([0, 1].map(async (lane) => {
  for (let k = 0; k < 10; k++) {
    const args = k % 2 === 0 ? ['note', 'add', '--on', '1', `note ${lane}-${k}`] : ['tag', '1', `lane${lane}/t${k}`];
    const run = await runKhizana(['--archive', cliArchive, ...args]);
    cli.push({ ok: run.status === 0, during: !importDone, message: run.stderr.trim() });
  }
}));
await importing.done;

// kill -9 mid-import, each time a little later; the next opening (a search) must leave nothing behind.
const killArchive = path.join(root, 'kills');
const kills: Array<{ items: number; orphans: number; temps: number; badOriginals: number; quickCheck: string }> = [];
for (let k = 0; k < Number(values.kills); k++) {
  const before = kills.at(-1)?.items ?? 0;
  const run = startKhizana(['--archive', killArchive, 'import', folder], 600_000);
  for (let waited = 0; waited < 120_000 && run.child.exitCode === null; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (countItems(killArchive) >= before + 60 + 40 * k) break;
  }
  await new Promise((resolve) => setTimeout(resolve, (k * 53) % 250));
  run.child.kill('SIGKILL');
  await run.done;
  await runKhizana(['--archive', killArchive, 'search', 'common', '--limit', '1']);
  const found = inspectArchive(killArchive);
  kills.push({ items: found.items, orphans: found.orphans.length, temps: found.temps.length, badOriginals: found.badOriginals.length, quickCheck: found.quickCheck });
}
fs.rmSync(root, { recursive: true, force: true });

const best = (seconds: number[]) => Math.round(fileCount / Math.min(...seconds));
const result = {
  bench: 'concurrent-writes',
  files: fileCount,
  importFilesPerSec: best(alone),
  importFilesPerSecWhileTyping: best(withNotes),
  noteIntervalMs: Number(values.interval),
  noteSaves: noteStreams.reduce((sum, s) => sum + s.writes, 0),
  noteSavesFailed: noteStreams.reduce((sum, s) => sum + s.failed, 0),
  noteSaveP50Ms: Math.max(...noteStreams.map((s) => s.p50Ms)),
  noteSaveMaxMs: Math.max(...noteStreams.map((s) => s.maxMs)),
  cliWrites: cli.length,
  cliWritesDuringImport: cli.filter((c) => c.during).length,
  cliWritesFailed: cli.filter((c) => !c.ok).length,
  cliErrors: [...new Set(cli.filter((c) => !c.ok).map((c) => c.message))].slice(0, 3),
  kills: kills.length,
  orphansAfterKills: kills.reduce((sum, k) => sum + k.orphans + k.badOriginals, 0),
  tempFilesAfterKills: kills.reduce((sum, k) => sum + k.temps, 0),
  quickCheckAfterKills: [...new Set(kills.map((k) => k.quickCheck))],
  loadAverage1m: os.loadavg()[0],
};
if (values.json) console.log(JSON.stringify(result));
else console.table(Object.entries(result).map(([figure, value]) => ({ figure, value: typeof value === 'object' ? JSON.stringify(value) : value })));

function countItems(archive: string): number {
  try {
    const db = new Database(path.join(archive, 'khizana.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM items').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}
