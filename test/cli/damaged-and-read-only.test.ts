// Issue 8, items 4 and 7, as a user meets them with the real CLI (and serve): a damaged archive is
// refused with a one-line message; a read-only archive can be searched and read, every write says
// why it cannot. Read-only for real: we run as root, which ignores permission bits, so the archive
// is made read-only by a read-only bind mount in a private mount namespace (unshare -m), or read
// by an unprivileged user (setpriv to nobody). A mechanism this machine lacks is skipped with why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { khizana } from '../support/cli.js';
import { writeFiles } from '../support/archive.js';
import { cliPath, repoRoot, tempDir } from '../support/paths.js';
import { waitForServeUrl } from '../support/serve-url.js';
import { callApi } from '../web/helpers.js';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** A way to run a command on an archive folder it cannot write, or why this machine has none. */
interface Mechanism {
  name: string;
  /** The command line that runs `argv` with `dir` read-only. */
  wrap(dir: string, argv: string[]): string[];
  unavailable(dir: string): string | null;
}

const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
const mechanisms: Mechanism[] = [
  {
    name: 'a read-only bind mount',
    wrap: (dir, argv) => ['unshare', '-m', '--propagation', 'private', 'sh', '-c', 'mount --bind -o ro "$1" "$1" && shift && exec "$@"', 'sh', dir, ...argv],
    unavailable(dir) {
      const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind -o ro "$1" "$1" && ! touch "$1/.probe" 2>/dev/null', 'sh', dir], { timeout: 10_000, encoding: 'utf8' });
      fs.rmSync(path.join(dir, '.probe'), { force: true });
      return probe.status === 0 ? null : `unshare -m + mount --bind -o ro does not work here (${(probe.error?.message ?? probe.stderr.trim()) || `exit ${probe.status}`})`;
    },
  },
  {
    name: "another user's archive",
    wrap: (_dir, argv) => [...nobody, ...argv],
    unavailable(dir) {
      const probe = spawnSync(nobody[0]!, [...nobody.slice(1), 'sh', '-c', '! touch "$1/.probe" 2>/dev/null && test -r "$1/khizana.sqlite" && test -r "$2"', 'sh', dir, cliPath], { timeout: 10_000, encoding: 'utf8' });
      fs.rmSync(path.join(dir, '.probe'), { force: true });
      return probe.status === 0 ? null : `cannot run as an unprivileged user that reads but cannot write the archive (${(probe.error?.message ?? probe.stderr.trim()) || `exit ${probe.status}`})`;
    },
  },
];

function run(argv: string[]): Run {
  const [command, ...args] = argv;
  const env = { ...process.env };
  delete env.FORCE_COLOR; // plain output, and no Node warning about NO_COLOR on stderr
  delete env.NO_COLOR;
  const result = spawnSync(command!, args, { encoding: 'utf8', timeout: 60_000, env });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh archive with one article (tagged, with a note), readable by any user. */
function makeArchive(): string {
  const root = tempDir();
  fs.chmodSync(root, 0o755); // mkdtemp makes 0700; the unprivileged user must reach the archive
  const dir = path.join(root, 'archive');
  const source = writeFiles({ 'report.txt': 'Harbour report from Idlib' });
  expect(khizana(['--archive', dir, 'import', source, '--tag', 'syria']).status).toBe(0);
  expect(khizana(['--archive', dir, 'note', 'add', '--on', '1', 'checked the harbour']).status).toBe(0);
  return dir;
}

/** Every file under `dir` with its size and modification time: a read-only session changes none. */
function snapshot(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((name) => {
    const st = fs.statSync(path.join(dir, name));
    return `${name} ${st.size} ${st.mtimeMs}`;
  });
}

describe.each(mechanisms)('a read-only archive: $name', (mechanism) => {
  let dir: string;
  let skipReason: string | null;
  beforeAll(() => {
    expect(fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js')), 'build first (npm run build)').toBe(true);
    dir = makeArchive();
    skipReason = mechanism.unavailable(dir);
    if (skipReason) console.warn(`SKIPPED read-only tests (${mechanism.name}): ${skipReason}`);
  });
  const cli = (...args: string[]) => run(mechanism.wrap(dir, [process.execPath, cliPath, '--archive', dir, ...args]));

  it('searches, shows, lists tags and notes; every write fails with read-only and why; nothing is written', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const before = snapshot(dir);
    const search = cli('search', 'harbour');
    expect(search.stderr).toBe('');
    expect(search.stdout).toMatch(/#1\s+«Harbour» report from Idlib\s+\[syria\]/);
    expect(cli('show', '1').stdout).toMatch(/Harbour report from Idlib[\s\S]*note #2: checked the harbour/);
    expect(cli('tags').stdout).toMatch(/^syria\s+1$/m);
    expect(cli('notes').stdout).toContain('checked the harbour');

    const why = mechanism.name.startsWith('a read-only') ? 'it is on a read-only file system' : 'the folder is not writable by this user';
    const writes: Array<[string[], string]> = [
      [['tag', '1', 'more'], 'add tags'],
      [['untag', '1', 'syria'], 'remove tags'],
      [['note', 'add', 'x'], 'add notes'],
      [['delete', '1'], 'delete items'],
      [['import', writeFiles({ 'new.txt': 'New text' })], 'import files'],
    ];
    for (const [args, action] of writes) {
      const result = cli(...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(`khizana: the archive at ${dir} is read-only (${why}), so Khizana cannot ${action}: search and reading work; to change it, use a writable copy or get write access\n`);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives the error code read-only to API callers', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const script = `
      const { openArchive } = await import(${JSON.stringify(path.join(repoRoot, 'dist/electron/core/archive.js'))});
      const session = await openArchive({ dir: ${JSON.stringify(dir)}, parseWorkers: 0 });
      const found = (await session.api.search({ query: 'idlib' })).total;
      const error = await session.api.addNote({ text: 'x' }).then(() => null, (e) => e);
      await session.close();
      console.log(JSON.stringify({ found, code: error?.code }));`;
    const result = run(mechanism.wrap(dir, [process.execPath, '--input-type=module', '-e', script]));
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ found: 1, code: 'read-only' });
  });

  it('serves it: search answers, a write gets 403 with code read-only', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const [command, ...args] = mechanism.wrap(dir, [process.execPath, cliPath, '--archive', dir, 'serve', '--port', '0']);
    const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const { port, searchParams } = await waitForServeUrl(child);
      const token = searchParams.get('token')!;
      const search = await callApi(Number(port), token, 'search', { query: 'idlib' });
      expect(search.status).toBe(200);
      expect(search.json()).toMatchObject({ total: 1 });
      const write = await callApi(Number(port), token, 'addNote', { text: 'x' });
      expect(write.status).toBe(403);
      expect(write.json()).toMatchObject({ error: { code: 'read-only', message: expect.stringMatching(/is read-only \(.+\), so Khizana cannot add notes/) } });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('a damaged archive, as the CLI reports it', () => {
  it('an emptied database beside stored originals: one line, how to recover, exit 1', () => {
    const dir = makeArchive();
    fs.writeFileSync(path.join(dir, 'khizana.sqlite'), '');
    const result = khizana(['--archive', dir, 'search', 'harbour']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^khizana: the archive database .*khizana\.sqlite is empty \(0 bytes\) while 1 original file is stored in .*; Khizana will not start a new archive on top of them: restore a backup \(see "Damaged or read-only archives" in the README\), or choose another folder for a new archive\n$/);
  });

  it('garbage inside the database: the next write is refused before writing, reads say damaged, never [internal]', () => {
    const dir = makeArchive();
    // Grow the database (200 notes, in one process) so its middle holds b-tree pages.
    const grow = `
      const { openArchive } = await import(${JSON.stringify(path.join(repoRoot, 'dist/electron/core/archive.js'))});
      const session = await openArchive({ dir: ${JSON.stringify(dir)}, parseWorkers: 0 });
      for (let k = 0; k < 200; k++) await session.api.addNote({ text: 'note ' + k + ' ' + 'harbour words '.repeat(100) });
      await session.close();`;
    expect(run([process.execPath, '--input-type=module', '-e', grow])).toMatchObject({ status: 0, stderr: '' });
    const file = path.join(dir, 'khizana.sqlite');
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(65_536, 0xa5), 0, 65_536, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);

    const write = khizana(['--archive', dir, 'tag', '1', 'after']);
    expect(write.status).toBe(1);
    expect(write.stderr).toMatch(/^khizana: the archive database .*khizana\.sqlite is damaged \(.+\); nothing more is written to it: restore a backup \(see "Damaged or read-only archives" in the README\)\n$/);
    const read = khizana(['--archive', dir, 'search', 'harbour', '--limit', '1000']);
    expect(read.status).toBe(1);
    expect(read.stderr).toMatch(/^khizana: the archive database .* is damaged \(.+\)/);
    expect(read.stderr).not.toContain('[internal]');
  });
});
