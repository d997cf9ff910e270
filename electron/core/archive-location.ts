// Where the archive lives: --archive DIR, else KHIZANA_ARCHIVE, else the OS per-user data folder.
import os from 'node:os';
import path from 'node:path';

/** The OS per-user data folder for Khizana's archive (shared by the app and the CLI). */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Khizana', 'archive');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Khizana', 'archive');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'khizana', 'archive');
}

/** The archive folder to use, given an explicit choice (flag) and the environment. */
export function resolveArchiveDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.KHIZANA_ARCHIVE) return path.resolve(env.KHIZANA_ARCHIVE);
  return defaultArchiveDir(env);
}
