// khizana export DIR|FILE.zip [--query Q] [--json]
import path from 'node:path';
import type { ArchiveSession } from '../../core/archive.js';
import { parseCommandArgs } from '../args.js';
import { printJson, UsageError } from '../output.js';
import { commandHelp } from '../usage.js';

/** Exports the archive (or a search's hits) to a new folder or a .zip file. */
export async function exportCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { query: { type: 'string', short: 'q' }, json: { type: 'boolean' } });
  if (values.help) {
    console.log(commandHelp.export);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('usage: khizana export DIR|FILE.zip [--query Q] [--json]');
  const result = await session.api.exportItems({ target: path.resolve(positionals[0]!), ...(values.query !== undefined ? { query: values.query } : {}) });
  if (values.json) printJson(result);
  else {
    const c = result.counts;
    const size = `${(result.bytes / 1e6).toFixed(result.bytes < 1e7 ? 1 : 0)} MB`;
    console.log(`Exported ${c.articles} articles, ${c.notes} notes, ${c.tags} tags, ${c.savedSearches} saved searches and ${c.originals} original files to ${result.target} (${size}, ${result.seconds.toFixed(1)} s)`);
  }
  if (result.missingOriginals.length > 0) {
    process.stderr.write(`khizana: warning: ${result.missingOriginals.length} original file(s) were missing from the archive folder and are not in the export (first: ${result.missingOriginals[0]})\n`);
  }
  return 0;
}
