// Where tests find the repository and the built CLI, and make temp folders. The shared fixtures
// beside the repository are in ./shared.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(repoRoot, 'bin/khizana.js');

/** A fresh temporary folder, in the test run's folder (./temp-root.ts), which goes when the run ends. */
export function tempDir(prefix = 'khizana-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
