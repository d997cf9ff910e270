// Which archive folder the app opens (DESIGN §2): `--archive DIR`, else KHIZANA_ARCHIVE, else the
// per-user data folder. The default comes from the core, so the app and the CLI share one archive.
import path from 'node:path';
import { resolveArchiveDir } from '../core/archive-location.js';

/** The value of `--name VALUE` or `--name=VALUE` in argv; throws when the flag has no value. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const flag = `--${name}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${flag}=`)) {
      const value = arg.slice(flag.length + 1);
      if (!value) throw new Error(`${flag} needs a folder`);
      return value;
    }
    if (arg === flag) {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) throw new Error(`${flag} needs a folder`);
      return value;
    }
  }
  return undefined;
}

/** The absolute archive folder for this run, from the app's argv and environment. */
export function archiveDirFor(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  return resolveArchiveDir(flagValue(argv, 'archive'), env);
}

/** True when `target` is `dir` itself or lies inside it (both already resolved, symlinks included). */
export function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
