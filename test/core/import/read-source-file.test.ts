// The file reader of the import: regular files only, never blocking, the size limit checked while reading.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readSourceFile, smallFileBytes } from '../../../electron/core/import/read-source-file.js';
import { tempDir } from '../../support/paths.js';

const linux = process.platform === 'linux';

/** `promise`, or a rejection after `ms`: a read that blocks must fail the test, not hang it. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Every case both ways: a file listed as large is read in the background, one listed as small
// with blocking calls; the answers are the same.
describe.each([['in the background', Infinity], ['with blocking calls (listed as small)', 10]] as const)('readSourceFile %s', (_how, listed) => {
  const readSourceFileListed = (file: string, maxBytes: number) => readSourceFile(file, maxBytes, listed);
  it('reads a regular file whole, and refuses one over the limit', async () => {
    const file = path.join(tempDir(), 'a.txt');
    fs.writeFileSync(file, 'x'.repeat(5000));
    expect(Buffer.from(await readSourceFileListed(file, 5000)).toString()).toBe('x'.repeat(5000));
    await expect(readSourceFileListed(file, 4999)).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/limit/) });
  });

  it.runIf(linux)('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(tempDir(), 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    await expect(within(readSourceFileListed(fifo, 1024), 5000)).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('named pipe (FIFO)') });
  });

  it.runIf(linux)('refuses a character device (/dev/zero) and a link to it, whose size reads as 0', async () => {
    const link = path.join(tempDir(), 'zero.txt');
    fs.symlinkSync('/dev/zero', link);
    for (const file of ['/dev/zero', link]) {
      await expect(within(readSourceFileListed(file, 1024), 5000)).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('character device') });
    }
  });

  it.runIf(linux)('refuses a socket', async () => {
    const socket = path.join(tempDir(), 'socket.txt');
    const server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      await expect(within(readSourceFileListed(socket, 1024), 5000)).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('socket') });
    } finally {
      server.close();
    }
  });

  it.runIf(linux && fs.existsSync('/proc/self/status'))('checks the limit while reading: a regular file whose size says 0 but that holds more', async () => {
    // /proc files are regular files that report size 0: like a file that grows while it is read.
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    const whole = Buffer.from(await readSourceFileListed('/proc/self/status', 1024 * 1024)).toString();
    expect(whole).toMatch(/^Name:/);
    await expect(readSourceFileListed('/proc/self/status', 100)).rejects.toMatchObject({ code: 'too-large', message: expect.stringContaining('while it was read') });
  });

  it('says why a file cannot be read, in one line', async () => {
    const error = await readSourceFileListed(path.join(tempDir(), 'gone.txt'), 1024).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreadable', message: 'cannot read the file: it no longer exists (ENOENT)' });
  });
});

describe('readSourceFile: which calls', () => {
  it('reads a small file with blocking calls and a large one (or one of unknown size) in the background', async () => {
    const small = path.join(tempDir(), 'small.txt');
    fs.writeFileSync(small, 'a short article');
    const blocking = vi.spyOn(fs, 'readSync');
    const background = vi.spyOn(fs, 'read');
    try {
      await readSourceFile(small, 1024, 15);
      expect([blocking.mock.calls.length, background.mock.calls.length]).toEqual([2, 0]); // the bytes, then the end
      await readSourceFile(small, 1024, smallFileBytes + 1);
      await readSourceFile(small, 1024);
      expect([blocking.mock.calls.length, background.mock.calls.length]).toEqual([2, 4]);
    } finally {
      blocking.mockRestore();
      background.mockRestore();
    }
  });

  it('a file listed as small that is large by the time it is opened is read in the background', async () => {
    const grown = path.join(tempDir(), 'grown.txt');
    fs.writeFileSync(grown, 'x'.repeat(3 * smallFileBytes));
    const blocking = vi.spyOn(fs, 'readSync');
    try {
      expect((await readSourceFile(grown, 10 * smallFileBytes, 100)).length).toBe(3 * smallFileBytes);
      expect(blocking).not.toHaveBeenCalled();
    } finally {
      blocking.mockRestore();
    }
  });

  it.runIf(linux && fs.existsSync('/proc/self/status'))('a file that says 0 bytes is read with blocking calls only up to the small size', async () => {
    const blocking = vi.spyOn(fs, 'readSync');
    try {
      await readSourceFile('/proc/self/status', 1024 * 1024, 0);
      // /proc/self/status is under 256 KB: all of it blocking, as small files are.
      expect(blocking).toHaveBeenCalled();
    } finally {
      blocking.mockRestore();
    }
  });
});
