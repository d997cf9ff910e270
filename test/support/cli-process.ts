// The built `khizana` as a running child process, for tests of several programs on one archive
// (test/support/cli.ts runs one to completion). Each child is capped in memory and time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliPath, repoRoot } from './paths.js';

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Starts `khizana args` (killed after `timeoutMs`); `done` resolves when it exits, however it exits. */
export function startKhizana(args: string[], timeoutMs = 120_000): CliProcess {
  if (!fs.existsSync(path.join(repoRoot, 'dist/electron/cli/main.js'))) throw new Error('the CLI is not built: run `npm run build` first');
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-old-space-size=512', cliPath, ...args], {
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
  return { child, done };
}

/** Runs `khizana args` to the end. */
export function runKhizana(args: string[], timeoutMs?: number): Promise<CliResult> {
  return startKhizana(args, timeoutMs).done;
}

/** The per-file objects `import --json` printed, one per line (the closing summary line left out). */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  const objects = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  return objects.filter((o) => !('summary' in o)) as T[];
}
