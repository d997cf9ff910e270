import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openArchive } from '../../../electron/core/archive.js';
import { incomingDir, originalPath } from '../../../electron/core/storage/original-files.js';
import { writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

const sha = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A process id that is surely not running (the highest Linux allows is 4,194,304). */
function deadPid(): number {
  for (let pid = 4_194_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

/** Imports `text` as one file; returns its sha256. */
async function importOne(dir: string, text: string): Promise<string> {
  const session = await openArchive({ dir, parseWorkers: 0 });
  const report = await session.api.importPaths({ paths: [path.join(writeFiles({ 'a.txt': text }), 'a.txt')], tags: [] });
  expect(report.imported).toBe(1);
  await session.close();
  return sha(text);
}

describe('originals: written to a temp name, renamed into place after the commit', () => {
  it('an import leaves no temp file, and every original in place', async () => {
    const dir = path.join(tempDir(), 'archive');
    const hash = await importOne(dir, 'The original of an imported file');
    expect(fs.readFileSync(originalPath(dir, hash), 'utf8')).toBe('The original of an imported file');
    expect(fs.readdirSync(incomingDir(dir))).toEqual([]);
  });

  it('opening the archive finishes or removes what a crashed writer left, and leaves a running writer\'s temp files alone', async () => {
    const dir = path.join(tempDir(), 'archive');
    const committed = 'committed, but the writer died before renaming its original';
    const committedSha = await importOne(dir, committed);
    fs.rmSync(originalPath(dir, committedSha)); // as if the rename never happened
    const dead = deadPid();
    const incoming = incomingDir(dir);
    const uncommittedSha = sha('never committed');
    const running = sha('being imported by another process right now');
    const temps = {
      committed: path.join(incoming, `${committedSha}.${dead}.1`),
      uncommitted: path.join(incoming, `${uncommittedSha}.${dead}.2`),
      halfWritten: path.join(incoming, `${committedSha}.${dead}.3`), // another writer's copy cut short
      running: path.join(incoming, `${running}.${process.ppid}.4`), // a live process (our parent)
    };
    fs.writeFileSync(temps.halfWritten, committed.slice(0, 10));
    fs.writeFileSync(temps.committed, committed);
    fs.writeFileSync(temps.uncommitted, 'never committed');
    fs.writeFileSync(temps.running, 'being imported');

    const session = await openArchive({ dir, parseWorkers: 0 });
    expect(fs.readFileSync(originalPath(dir, committedSha), 'utf8')).toBe(committed);
    expect(fs.readdirSync(incoming)).toEqual([path.basename(temps.running)]);
    expect(fs.existsSync(originalPath(dir, uncommittedSha))).toBe(false);
    await session.close();
  });
});
