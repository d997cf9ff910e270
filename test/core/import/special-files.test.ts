// What import does with paths that are not plain files: sockets, devices, links out of the folder,
// names that are not UTF-8. (The endless ones — FIFOs, /dev/zero — are run through the CLI under
// a memory cap and a time limit in test/cli/endless-files.test.ts.)
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArchive, writeFiles } from '../../support/archive.js';

const linux = process.platform === 'linux';

describe.runIf(linux)('import of paths that are not regular files', () => {
  let server: net.Server;
  let dir: string;
  let socket: string;

  beforeAll(async () => {
    dir = writeFiles({ 'good.txt': 'a good file about Homs' });
    socket = path.join(dir, 'socket.txt');
    server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    fs.symlinkSync('/dev/null', path.join(dir, 'null.txt'));
  });
  afterAll(() => server.close());

  it('inside a folder, a socket and a link to a device are skipped and reported, the rest imported', async () => {
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const byName = (name: string) => report.results.find((r) => path.basename(r.path) === name);
    expect(byName('good.txt')?.status).toBe('imported');
    expect(byName('socket.txt')).toMatchObject({ status: 'skipped', error: { code: 'unsupported', message: expect.stringMatching(/^a socket, not a regular file/) } });
    expect(byName('null.txt')).toMatchObject({ status: 'skipped', error: { code: 'unsupported', message: expect.stringMatching(/^a link to a character device \(\/dev\/null\)/) } });
    expect(report).toMatchObject({ imported: 1, skipped: 2, failed: 0 });
    await archive.close();
  });

  it('given explicitly, a socket and a link to a device fail with a code', async () => {
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [socket, path.join(dir, 'null.txt')], tags: [] });
    expect(report.results).toEqual([
      { path: socket, status: 'failed', error: { code: 'unsupported', message: expect.stringContaining('a socket, not a regular file') } },
      { path: path.join(dir, 'null.txt'), status: 'failed', error: { code: 'unsupported', message: expect.stringContaining('character device') } },
    ]);
    await archive.close();
  });
});

describe.runIf(linux)('links inside an imported folder', () => {
  it('a link to a file outside the folder is skipped, one inside is followed, an explicit one is followed', async () => {
    const outside = writeFiles({ 'secret.txt': 'a private file elsewhere on the disk' });
    const dir = writeFiles({ 'sub/inner.txt': 'a file inside the imported folder' });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'out.txt'));
    fs.symlinkSync('sub/inner.txt', path.join(dir, 'in.txt'));
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const byName = (name: string) => report.results.find((r) => path.basename(r.path) === name);
    expect(byName('out.txt')).toMatchObject({
      status: 'skipped',
      error: { code: 'unsupported', message: `a link to a file outside the imported folder is not followed (it leads to ${fs.realpathSync(path.join(outside, 'secret.txt'))})` },
    });
    expect(byName('in.txt')?.status).toBe('imported');
    expect(byName('inner.txt')?.status).toBe('duplicate'); // the same file through its real name
    expect((await archive.api.search({ query: 'private' })).total).toBe(0);

    const explicit = await archive.api.importPaths({ paths: [path.join(dir, 'out.txt')], tags: [] });
    expect(explicit.results[0]?.status).toBe('imported');
    await archive.close();
  });
});

describe.runIf(linux)('file names that are not valid UTF-8', () => {
  // "العربية.txt" as a Windows zip stores it: windows-1256 bytes, not UTF-8.
  const cp1256Name = Buffer.concat([Buffer.from([0xc7, 0xe1, 0xda, 0xd1, 0xc8, 0xed, 0xc9]), Buffer.from('.txt')]);
  const shown = cp1256Name.toString('utf8');

  function folderWithBadName(): { dir: string; raw: Buffer } {
    const dir = writeFiles({ 'sub/plain.txt': 'a plain file beside it' });
    const raw = Buffer.concat([Buffer.from(path.join(dir, 'sub') + path.sep), cp1256Name]);
    fs.writeFileSync(raw, 'تقرير عن إدلب من ملف اسمه ليس UTF-8');
    return { dir, raw };
  }

  it('a file in a folder imports; the report and the stored source path show the name readably', async () => {
    const { dir } = folderWithBadName();
    expect(shown).toContain('\uFFFD');
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const result = report.results.find((r) => r.path.endsWith('.txt') && r.path.includes('\uFFFD'));
    expect(result).toMatchObject({ path: path.join(dir, 'sub', shown), status: 'imported', warnings: [expect.stringContaining('not valid UTF-8')] });
    expect(report).toMatchObject({ imported: 2, failed: 0 });
    const item = await archive.api.getItem({ id: result!.id! });
    expect(item.source?.path).toBe(path.join(dir, 'sub', shown));
    expect(item.text).toContain('إدلب');
    await archive.close();
  });

  it('given explicitly as a string (argv, a dropped file: the bad bytes arrive as U+FFFD) it is found and imported', async () => {
    const { dir } = folderWithBadName();
    const archive = await freshArchive();
    const report = await archive.api.importPaths({ paths: [path.join(dir, 'sub', shown)], tags: [] });
    expect(report.results).toEqual([expect.objectContaining({ path: path.join(dir, 'sub', shown), status: 'imported' })]);
    await archive.close();
  });
});
