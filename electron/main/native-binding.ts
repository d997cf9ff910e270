// better-sqlite3 for Electron's ABI (DESIGN §7). node_modules holds the Node build for tests and
// the CLI; `npm start` uses a copy built by scripts/electron-native.mjs, handed to the core through
// KHIZANA_SQLITE_BINDING (read by electron/core/storage/database.ts). Packaged apps need none:
// electron-builder rebuilds node_modules for Electron.
import path from 'node:path';

export const BINDING_ENV = 'KHIZANA_SQLITE_BINDING';

/** Where scripts/electron-native.mjs puts the Electron-ABI build, relative to the app root. */
export const DEV_BINDING_PATH = path.join('.electron-native', 'better_sqlite3.node');

export type BindingChoice =
  | { kind: 'env'; path: string }
  | { kind: 'dev'; path: string }
  | { kind: 'packaged' }
  | { kind: 'missing'; expected: string };

/** Which native binding the archive worker should load. */
export function chooseSqliteBinding(input: {
  isPackaged: boolean;
  appRoot: string;
  env: Readonly<Record<string, string | undefined>>;
  exists: (file: string) => boolean;
}): BindingChoice {
  const fromEnv = input.env[BINDING_ENV];
  if (fromEnv) return { kind: 'env', path: fromEnv };
  if (input.isPackaged) return { kind: 'packaged' };
  const dev = path.join(input.appRoot, DEV_BINDING_PATH);
  return input.exists(dev) ? { kind: 'dev', path: dev } : { kind: 'missing', expected: dev };
}
