// khizana import <path...> [--tag T]... [--json]
import type { ArchiveSession } from '../../core/archive.js';
import type { ImportFileResult } from '../../shared/dto.js';
import { parseCommandArgs } from '../args.js';
import { commandHelp } from '../usage.js';
import { dim, printJson, UsageError, useColor } from '../output.js';

function describe(result: ImportFileResult): string {
  switch (result.status) {
    case 'imported':
      return `imported   #${result.id}  ${result.path}${result.warnings?.length ? `  (warning: ${result.warnings.join('; ')})` : ''}`;
    case 'duplicate':
      return `duplicate  of #${result.duplicateOf}  ${result.path}`;
    case 'skipped':
      return `skipped    ${result.path}  (${result.error?.message ?? 'not supported'})`;
    default:
      return `failed     ${result.path}  [${result.error?.code}] ${result.error?.message}`;
  }
}

/** Runs the import command; returns the exit status. */
export async function importCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { tag: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  if (values.help) {
    console.log(commandHelp.import);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
  const report = await session.api.importPaths({ paths: positionals, tags: values.tag ?? [] });
  const color = useColor();
  for (const result of report.results) {
    if (values.json) printJson(result);
    else if (result.status !== 'skipped' || (result.error?.message !== 'hidden file or folder' && result.error?.code !== report.stopped?.code)) console.log(describe(result));
  }
  if (!values.json) {
    const summary = `${report.imported} imported, ${report.duplicates} duplicates, ${report.failed} failed, ${report.skipped} skipped`;
    console.log(dim(summary + (report.cancelled ? ' (cancelled)' : ''), color));
  }
  if (report.stopped) {
    const notTried = report.results.filter((r) => r.status === 'skipped' && r.error?.code === report.stopped!.code).length;
    process.stderr.write(`khizana: the import stopped, ${notTried} files not tried: ${report.stopped.message}\n`);
  }
  return report.failed > 0 || report.stopped ? 1 : 0;
}
