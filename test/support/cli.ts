// Runs the real `khizana` command (bin/khizana.js → dist/) as a child process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliPath, repoRoot } from './paths.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs khizana with `args`; the CLI must have been built (`npm run build`, done by `npm test`). */
export function khizana(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): CliRun {
  if (!fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js'))) throw new Error('the CLI is not built: run `npm run build` first');
  const run = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: timeoutMs,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
