#!/usr/bin/env node
// Builds an Electron-ABI copy of better-sqlite3 into .electron-native/better_sqlite3.node for
// `npm start` (DESIGN §7). node_modules keeps its Node build for tests and the CLI; the app hands
// this copy to better-sqlite3's `nativeBinding` option via KHIZANA_SQLITE_BINDING. Work happens in
// a staging copy of the package, so node_modules is never touched. Needs the network (prebuilt
// binary from GitHub, or Electron headers for a compile); skips when the stamp is current.
//   node scripts/electron-native.mjs [--force]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(root, '.electron-native');
export const bindingFile = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** What the binding must have been built for: Electron and better-sqlite3 versions, OS, CPU. */
export function wantedStamp(projectRoot = root, platform = process.platform, arch = process.arch) {
  const electron = readJson(path.join(projectRoot, 'node_modules', 'electron', 'package.json'));
  const sqlite = readJson(path.join(projectRoot, 'node_modules', 'better-sqlite3', 'package.json'));
  if (!electron || !sqlite) throw new Error('electron and better-sqlite3 must be installed (npm ci)');
  return { electron: electron.version, betterSqlite3: sqlite.version, platform, arch };
}

/** True when an existing binding was built for exactly `wanted`. */
export function isFresh(stamp, wanted, bindingExists) {
  if (!bindingExists || !stamp || typeof stamp !== 'object') return false;
  return Object.keys(wanted).every((key) => stamp[key] === wanted[key]);
}

/** Builds the binding unless it is fresh; returns what happened. */
export async function ensureElectronBinding({ force = false, log = console.log } = {}) {
  const wanted = wantedStamp();
  if (!force && isFresh(readJson(stampFile), wanted, fs.existsSync(bindingFile))) {
    log(`better-sqlite3 for Electron ${wanted.electron} is up to date: ${path.relative(root, bindingFile)}`);
    return 'fresh';
  }
  const stage = path.join(outDir, 'stage');
  const stagedModule = path.join(stage, 'node_modules', 'better-sqlite3');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(stagedModule), { recursive: true });
  // Source only: the Node build in build/ must not be mistaken for a finished Electron build.
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), stagedModule, {
    recursive: true,
    filter: (src) => !/[\\/]better-sqlite3[\\/](build|node_modules)([\\/]|$)/.test(src),
  });
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({ name: 'khizana-electron-native', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': wanted.betterSqlite3 } }),
  );

  log(`building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch})…`);
  try {
    const { rebuild } = await import('@electron/rebuild');
    // projectRootPath = stage keeps the rebuild away from the repository's node_modules.
    await rebuild({ buildPath: stage, projectRootPath: stage, electronVersion: wanted.electron, arch: wanted.arch, onlyModules: ['better-sqlite3'], force: true });
    const built = path.join(stagedModule, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) throw new Error(`the rebuild finished but ${built} is missing`);
    fs.copyFileSync(built, bindingFile);
    fs.writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  log(`wrote ${path.relative(root, bindingFile)}`);
  return 'built';
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await ensureElectronBinding({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(`electron-native: ${error instanceof Error ? error.message : String(error)}`);
    console.error('This step downloads a prebuilt better-sqlite3 for Electron, or Electron headers to compile one; it needs the network.');
    process.exitCode = 1;
  }
}
