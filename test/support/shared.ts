// The shared fixtures every developer and CI run has beside the repository, at ../shared (see
// README): the sample article, the fixtures folder and the corpora. Importing this module fails
// a test file with one clear message when they are missing, instead of ENOENT somewhere inside.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

const sharedDir = path.resolve(repoRoot, '../shared');

/** The path of `relative` inside ../shared; throws a message saying what to do when it is missing. */
export function sharedPath(relative: string): string {
  if (!fs.existsSync(sharedDir)) {
    throw new Error(`../shared is missing (${sharedDir}): these tests need the shared fixtures; clone the project beside shared/ (see README, Development)`);
  }
  const full = path.join(sharedDir, relative);
  if (!fs.existsSync(full)) throw new Error(`../shared/${relative} is missing (${full}): update your copy of shared/`);
  return full;
}

export const samplePath = sharedPath('samples/idlib-ar.txt');
export const fixturesDir = sharedPath('fixtures');

/** The sample article's text. */
export function sampleText(): string {
  return fs.readFileSync(samplePath, 'utf8');
}
