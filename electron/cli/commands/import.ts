// khizana import <path...> [--tag T]... [--json]
import type { ArchiveSession } from '../../core/archive.js';
import { randomUUID } from 'node:crypto';
import type { ArchiveEvent, ImportFileResult, ImportReport } from '../../shared/dto.js';
import { parseCommandArgs } from '../args.js';
import { commandHelp } from '../usage.js';
import { dim, printJson, UsageError, useColor } from '../output.js';

function describe(result: ImportFileResult): string {
  switch (result.status) {
    case 'imported':
      return `imported   #${result.id}  ${result.path}${result.warnings?.length ? `  (warning: ${result.warnings.join('; ')})` : ''}`;
    case 'duplicate':
      return `duplicate  of #${result.duplicateOf}  ${result.path}${result.warnings?.length ? `  (${result.warnings.join('; ')})` : ''}`;
    case 'skipped':
      return `skipped    ${result.path}  (${result.error?.message ?? 'not supported'})`;
    default:
      return `failed     ${result.path}  [${result.error?.code}] ${result.error?.message}`;
  }
}

/** Subscribes to the session's archive events; returns the unsubscribe function. */
export type SubscribeEvents = (listener: (event: ArchiveEvent) => void) => () => void;

/**
 * Runs the import command; returns the exit status. Each file's line is printed as soon as it is
 * settled (from the progress events): a killed import leaves the record of what it stored.
 */
export async function importCommand(session: ArchiveSession, argv: string[], subscribe?: SubscribeEvents): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { tag: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  if (values.help) {
    console.log(commandHelp.import);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
  const print = (result: ImportFileResult, stoppedCode?: string): void => {
    if (values.json) printJson(result);
    // Hidden files and the files a stopped import never tried are counted in the summary, not listed.
    else if (result.status !== 'skipped' || (result.error?.message !== 'hidden file or folder' && result.error?.code !== stoppedCode)) console.log(describe(result));
  };
  // Lines already printed, by content: the report repeats them at the end.
  const printed = new Map<string, number>();
  const jobId = randomUUID();
  const unsubscribe = subscribe?.((event) => {
    const last = event.type === 'importProgress' && event.progress.jobId === jobId ? event.progress.last : undefined;
    if (!last) return;
    print(last);
    const key = JSON.stringify(last);
    printed.set(key, (printed.get(key) ?? 0) + 1);
  });
  let report: ImportReport;
  try {
    report = await session.api.importPaths({ paths: positionals, tags: values.tag ?? [], jobId });
  } finally {
    unsubscribe?.();
  }
  for (const result of report.results) {
    const key = JSON.stringify(result);
    const left = printed.get(key) ?? 0;
    if (left > 0) printed.set(key, left - 1);
    else print(result, report.stopped?.code);
  }
  const { imported, duplicates, failed, skipped, cancelled, stopped } = report;
  if (values.json) printJson({ summary: { imported, duplicates, failed, skipped, cancelled, ...(stopped ? { stopped } : {}) } });
  else {
    const summary = `${imported} imported, ${duplicates} duplicates, ${failed} failed, ${skipped} skipped`;
    console.log(dim(summary + (cancelled ? ' (cancelled)' : ''), useColor()));
  }
  if (stopped) {
    const notTried = report.results.filter((r) => r.status === 'skipped' && r.error?.code === stopped.code).length;
    process.stderr.write(`khizana: the import stopped, ${notTried} files not tried: ${stopped.message}\n`);
  }
  return failed > 0 || stopped ? 1 : 0;
}
