// Several programs on one archive at once, each a real `khizana` process (issue 8 items 1, 2).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { writeFiles } from '../support/archive.js';
import { inspectArchive } from '../support/archive-integrity.js';
import { jsonLines, runKhizana, startKhizana, type CliResult } from '../support/cli-process.js';
import { repoRoot, tempDir } from '../support/paths.js';

interface FileLine {
  path: string;
  status: string;
  error?: { code: string; message: string };
}

/** A folder of `n` small distinct text files, each with the word "common". */
function smallFiles(n: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`f${String(i).padStart(5, '0')}.txt`] = `File ${i}\n\nword${i} common ${'market oil city '.repeat(20 + (i % 30))}`;
  return writeFiles(files);
}

describe('two imports of one folder at the same time', () => {
  it('store every file exactly once; the other import reports it as a duplicate; every original stays', async () => {
    const archive = path.join(tempDir(), 'archive'); // fresh: both processes also race to create it
    const folder = smallFiles(300);
    const runs = await Promise.all([0, 1].map(() => runKhizana(['--archive', archive, 'import', '--json', folder])));
    const statuses = new Map<string, string[]>();
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      for (const line of jsonLines<FileLine>(run.stdout)) statuses.set(line.path, [...(statuses.get(line.path) ?? []), line.status]);
    }
    expect(statuses.size).toBe(300);
    for (const [file, pair] of statuses) expect(pair.sort(), file).toEqual(['duplicate', 'imported']);
    const integrity = inspectArchive(archive);
    expect(integrity).toEqual({ items: 300, badOriginals: [], orphans: [], temps: [], quickCheck: 'ok' });
  }, 120_000);
});

describe('writes while an import runs', () => {
  it('tag and note add from other processes, and a note typed in another program, never fail', async () => {
    const archive = path.join(tempDir(), 'archive');
    const first = await runKhizana(['--archive', archive, 'import', '--json', writeFiles({ 'a.txt': 'the article the notes are about' })]);
    expect(first.status).toBe(0);
    // Long enough (~25 s here) for the three lanes below to write 20 times while it runs.
    const folder = smallFiles(10_000);

    // A person typing a note in another program: saved every 20 ms all through the import.
    const typing = spawn(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', path.join(repoRoot, 'test/support/note-stream.ts'), archive, '20', '120000'], {
      cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let typed = '';
    typing.stdout.setEncoding('utf8').on('data', (chunk: string) => (typed += chunk));
    await new Promise<void>((resolve, reject) => {
      typing.stdout.on('data', () => typed.includes('started') && resolve());
      typing.on('exit', () => reject(new Error(`the note stream ended early: ${typed}`)));
    });

    const importing = startKhizana(['--archive', archive, 'import', '--json', folder], 180_000);
    let importDone = false;
    void importing.done.then(() => (importDone = true));
    // Three lanes of `khizana note add` / `khizana tag` until the import ends (at least 20 in all).
    const commands: Array<CliResult & { during: boolean; args: string[] }> = [];
    const lane = async (lane: number) => {
      for (let k = 0; (!importDone || commands.length < 20) && k < 200; k++) {
        const args = k % 2 === 0 ? ['note', 'add', '--on', '1', `note ${lane}-${k}`] : ['tag', '1', `lane${lane}/t${k}`];
        const run = await runKhizana(['--archive', archive, ...args], 60_000);
        commands.push({ ...run, during: !importDone, args });
      }
    };
    await Promise.all([lane(0), lane(1), lane(2)]);
    const imported = await importing.done;
    typing.kill('SIGTERM');
    await new Promise((resolve) => typing.on('close', resolve));

    console.log(`during an import of ${Math.round(imported.ms)} ms: ${commands.filter((c) => c.during).length} CLI writes, ${typed.trim().split('\n').at(-1)}`);
    const failures = commands.filter((c) => c.status !== 0).map((c) => `${c.args.join(' ')}: ${c.stderr.trim()}`);
    expect(failures).toEqual([]);
    expect(commands.filter((c) => c.during).length).toBeGreaterThanOrEqual(20);
    const notes = JSON.parse(typed.trim().split('\n').at(-1)!) as { writes: number; failed: number; errors: string[]; maxMs: number };
    expect(notes.errors).toEqual([]);
    expect(notes.writes).toBeGreaterThan(20);
    expect(imported.status).toBe(0);
    expect(jsonLines<FileLine>(imported.stdout).filter((l) => l.status === 'imported')).toHaveLength(10_000);
    expect(inspectArchive(archive)).toMatchObject({ items: 10_001, badOriginals: [], orphans: [], temps: [], quickCheck: 'ok' });
  }, 240_000);
});
