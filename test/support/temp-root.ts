// Vitest global setup: every temp folder of a test run (the tests' own, and those the app's code,
// the CLI and serve make under os.tmpdir()) goes into one folder for the run, removed when the run
// ends. Test processes are stopped without running their exit handlers, so removing each folder at
// process exit left them all behind (~1,000 folders and ~2 GB per full run on a developer's machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processRuns } from '../../electron/core/storage/original-files.js';

const prefix = 'khizana-tests-';

/**
 * Removes this user's folders of earlier runs that were killed before their teardown (their process
 * is gone). Another user's are left alone (the sticky temp folder would refuse), and a folder that
 * cannot be removed is left for later: a stale folder must never fail this run.
 */
function sweepAbandonedRuns(parent: string): void {
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(/^khizana-tests-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processRuns(pid)) continue;
    const dir = path.join(parent, name);
    try {
      if (fs.statSync(dir).uid === process.getuid?.()) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** The run's folder and how many projects' setups share it (each project of the config runs the setup). */
interface RunRoot {
  dir: string;
  parent: string;
  users: number;
}
const shared = globalThis as typeof globalThis & { khizanaTestRoot?: RunRoot };

export function setup(): () => void {
  if (!shared.khizanaTestRoot) {
    const parent = os.tmpdir();
    sweepAbandonedRuns(parent);
    const dir = fs.mkdtempSync(path.join(parent, `${prefix}${process.pid}-`));
    // Passable by other users, as the system's temp folder is: the read-only tests run the CLI as
    // an unprivileged user on an archive inside (each test's own folder is still 0700 unless it says).
    fs.chmodSync(dir, 0o755);
    // The test processes start after this and inherit it; so do the processes they start.
    process.env.TMPDIR = dir;
    shared.khizanaTestRoot = { dir, parent, users: 0 };
  }
  const root = shared.khizanaTestRoot;
  root.users++;
  return () => {
    if (--root.users > 0) return;
    fs.rmSync(root.dir, { recursive: true, force: true });
    process.env.TMPDIR = root.parent;
    delete shared.khizanaTestRoot;
  };
}
