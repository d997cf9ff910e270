// `khizana backup` and `khizana restore` as a user runs them, with real processes: a backup taken
// while `khizana serve` keeps writing notes holds a consistent state (exactly the notes committed
// before its snapshot, what sat in the WAL included), standard tools open and check the file, and
// a bad file or target is refused with one line, leaving nothing behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/core/archive.js';
import { khizana } from '../support/cli.js';
import { cliPath, tempDir } from '../support/paths.js';
import { samplePath } from '../support/shared.js';
import { writeFiles } from '../support/archive.js';
import { callApi } from '../web/helpers.js';

/** Runs khizana without blocking this process (the HTTP writer keeps going meanwhile). */
function khizanaAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}

/** Starts `khizana serve` on `dir`; resolves with its port and token. */
function startServe(dir: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  const child = spawn(process.execPath, ['--max-old-space-size=1024', cliPath, '--archive', dir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, port: Number(match[1]), token: match[2]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

let serve: ChildProcess | undefined;
afterAll(() => {
  serve?.kill('SIGKILL');
});

describe('a backup while khizana serve is writing notes', () => {
  it('holds a consistent state: exactly the notes committed before its snapshot, all searchable', async () => {
    const dir = path.join(tempDir(), 'archive');
    const articles = writeFiles(Object.fromEntries(Array.from({ length: 300 }, (_, k) => [`a${k}.txt`, `Article ${k}\n\n${'word '.repeat(400)} marker${k}`])));
    expect(khizana(['--archive', dir, 'import', samplePath, articles, '--tag', 'corpus']).status).toBe(0);

    const server = await startServe(dir);
    serve = server.child;
    let acknowledged = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        const res = await callApi(server.port, server.token, 'addNote', { text: `stream note n${acknowledged}x` });
        expect(res.status).toBe(200);
        acknowledged++;
      }
    })();
    while (acknowledged < 20) await new Promise((resolve) => setTimeout(resolve, 10));

    const before = acknowledged;
    const file = path.join(tempDir(), 'during.tar');
    const backup = await khizanaAsync(['--archive', dir, 'backup', file]);
    const after = acknowledged;
    stop = true;
    await writer;
    serve.kill('SIGTERM');
    expect(backup.stderr).not.toMatch(/khizana:/);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up 301 articles, \d+ notes, 1 tag, 0 saved searches and 301 original files to .*during\.tar \(/);
    expect(after).toBeGreaterThan(before); // serve really was writing during the backup

    const target = path.join(tempDir(), 'restored');
    const restore = khizana(['--archive', target, 'restore', file]);
    expect(restore.status).toBe(0);
    expect(restore.stderr).not.toMatch(/khizana:/);
    const db = new Database(path.join(target, 'khizana.sqlite'), { readonly: true });
    const texts = (db.prepare("SELECT text FROM items WHERE kind = 'note'").all() as Array<{ text: string }>).map((r) => r.text);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // Notes were written one after another, so a consistent snapshot holds a prefix of them.
    const n = texts.length;
    expect(n).toBeGreaterThanOrEqual(before);
    expect(n).toBeLessThanOrEqual(after + 1);
    expect(texts.sort()).toEqual(Array.from({ length: n }, (_, k) => `stream note n${k}x`).sort());
    const restored = await openArchive({ dir: target, parseWorkers: 0 });
    try {
      expect((await restored.api.search({ query: `n${n - 1}x` })).total).toBe(1);
      expect((await restored.api.search({ query: 'marker299' })).total).toBe(1);
      expect((await restored.api.stats({})).articles).toBe(301);
    } finally {
      await restored.close();
    }
  });
});

describe('backup and restore from the command line', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = path.join(tempDir(), 'archive');
    expect(khizana(['--archive', dir, 'import', samplePath, '--tag', 'syria/idlib']).status).toBe(0);
    expect(khizana(['--archive', dir, 'note', 'add', '--on', '1', 'تحقق من عدد القرى']).status).toBe(0);
    file = path.join(tempDir(), 'backup.tar');
    const run = khizana(['--archive', dir, 'backup', file]);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/khizana:/);
  });

  it('writes a tar that standard tools list, extract and check', () => {
    const list = spawnSync('tar', ['-tf', file], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    const names = list.stdout.trim().split('\n');
    expect(names[0]).toBe('khizana-backup.json');
    expect(names[1]).toBe('khizana.sqlite');
    expect(names.filter((n) => /^files\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(n))).toHaveLength(1);
    expect(names.slice(-2)).toEqual(['manifest.json', 'manifest.json.sha256']);
    const out = tempDir('khizana-untar-');
    expect(spawnSync('tar', ['-xf', file, '-C', out]).status).toBe(0);
    const check = spawnSync('sha256sum', ['-c', 'manifest.json.sha256'], { cwd: out, encoding: 'utf8' });
    expect(check.stdout.trim()).toBe('manifest.json: OK');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
    const sums = manifest.files.map((f) => `${f.sha256}  ${f.path}`).join('\n') + '\n';
    expect(spawnSync('sha256sum', ['-c', '-'], { cwd: out, input: sums, encoding: 'utf8' }).status).toBe(0);
  });

  it('restores into a new folder that searches the same', () => {
    const target = path.join(tempDir(), 'restored');
    const run = khizana(['--archive', target, 'restore', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Restored the backup of .* into .*restored: 1 article, 1 note, 1 tag, 0 saved searches and 1 original file/);
    for (const query of ['ادلب', '"ولا تهنوا"', 'in:notes القرى', 'tag:syria']) {
      expect(khizana(['--archive', target, 'search', query, '--json']).stdout).toBe(khizana(['--archive', dir, 'search', query, '--json']).stdout);
    }
    expect(khizana(['--archive', target, 'show', '1', '--json']).stdout).toBe(khizana(['--archive', dir, 'show', '1', '--json']).stdout);
  });

  it('refuses a truncated backup, leaving nothing in or beside the target', () => {
    const cut = path.join(tempDir(), 'cut.tar');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size / 2)));
    const parent = tempDir('khizana-parent-');
    const run = khizana(['--archive', path.join(parent, 'restored'), 'restore', cut]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/khizana: cut\.tar is incomplete \(it ends early: cut short while written or copied\): use another backup; nothing was restored\n$/);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('refuses a foreign file and a non-empty target with one line', () => {
    const zip = path.join(tempDir(), 'photos.zip');
    fs.writeFileSync(zip, Buffer.from('PK\x03\x04 not really a zip, but not a backup either'));
    const foreign = khizana(['--archive', path.join(tempDir(), 'r'), 'restore', zip]);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toMatch(/khizana: photos\.zip is not a Khizana backup .*; nothing was restored\n$/);
    const full = khizana(['--archive', dir, 'restore', file]);
    expect(full.status).toBe(2);
    expect(full.stderr).toMatch(/khizana: .*archive is not empty: restore into a new or empty folder \(nothing was changed\)\n$/);
    expect(khizana(['--archive', dir, 'search', 'ادلب', '--json']).stdout).toMatch(/"total":1/);
  });

  it('never overwrites an existing file, and backs up nothing from a folder with no archive', () => {
    const again = khizana(['--archive', dir, 'backup', file]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/backup\.tar already exists: choose another name/);
    const none = khizana(['--archive', path.join(tempDir(), 'nothing'), 'backup', path.join(tempDir(), 'x.tar')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/there is no archive in .*nothing: nothing to back up/);
  });
});
