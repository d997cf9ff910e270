// khizana backlinks <id> [--json]
import type { ArchiveSession } from '../../core/archive.js';
import { parseCommandArgs, parseId } from '../args.js';
import { commandHelp } from '../usage.js';
import { dim, printJson, UsageError, useColor } from '../output.js';

/** khizana backlinks <id> [--json]: the notes that link to an item or note, with the linking sentence. */
export async function backlinksCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) {
    console.log(commandHelp.backlinks);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('usage: khizana backlinks <id> [--json]');
  const id = parseId(positionals[0]);
  const links = await session.api.backlinks({ id });
  if (values.json) {
    printJson(links);
    return 0;
  }
  const notes = new Set(links.map((l) => l.fromId)).size;
  if (notes === 0) {
    console.log(`No note links to #${id}.`);
    return 0;
  }
  console.log(`#${id} is linked from ${notes} note${notes === 1 ? '' : 's'}:`);
  const color = useColor();
  for (const link of links) console.log(`#${link.fromId}  ${link.fromTitle}\n    ${dim(link.sentence, color)}`);
  return 0;
}
