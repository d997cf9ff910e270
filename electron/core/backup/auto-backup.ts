// Daily automatic backups while the app (or `khizana serve`) runs: shortly after start and then
// every hour it asks the archive for a backup if one is due (turned on, a folder set, the last one a
// day old); the archive decides (service.ts), so the app, serve and the CLI agree on what "due" is.
import type { ArchiveApi } from '../../shared/contract.js';
import { toErrorShape } from '../../shared/errors.js';

export interface AutoBackupOptions {
  /** First check after start (default 1 minute: let the app settle first). */
  firstCheckMs?: number;
  /** Then check this often (default 1 hour). */
  everyMs?: number;
  log?: (message: string) => void;
}

/** Starts the checks; returns a function that stops them. */
export function scheduleAutoBackups(api: Pick<ArchiveApi, 'backupNow'>, options: AutoBackupOptions = {}): () => void {
  const log = options.log ?? (() => undefined);
  const check = (): void => {
    api.backupNow({ ifDue: true }).then(
      (result) => {
        if (result) log(`automatic backup written: ${result.file}`);
      },
      // The failure is also kept in settings.json, and the app shows it beside the last backup.
      (error: unknown) => log(`automatic backup failed: ${toErrorShape(error).message}`),
    );
  };
  const first = setTimeout(check, options.firstCheckMs ?? 60_000);
  const every = setInterval(check, options.everyMs ?? 60 * 60_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
