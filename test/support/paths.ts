// Where tests find the repository, the shared fixtures and the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const samplePath = path.join(sharedDir, 'samples/idlib-ar.txt');
export const fixturesDir = path.join(sharedDir, 'fixtures');
export const cliPath = path.join(repoRoot, 'bin/khizana.js');

/** A fresh temporary folder, removed at process exit. */
export function tempDir(prefix = 'khizana-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The sample article's text. */
export function sampleText(): string {
  return fs.readFileSync(samplePath, 'utf8');
}
