// khizana annotate / annotations / annotation delete|restore
import type { ArchiveSession } from '../../core/archive.js';
import { annotationColors, type AnnotationColor, type AnnotationInfo } from '../../shared/dto.js';
import { parseCommandArgs, parseId } from '../args.js';
import { commandHelp } from '../usage.js';
import { dim, printJson, UsageError, useColor } from '../output.js';

function help(command: string): number {
  console.log(commandHelp[command]);
  return 0;
}

function parseColor(value: string | undefined): AnnotationColor | undefined {
  if (value === undefined) return undefined;
  if (!(annotationColors as readonly string[]).includes(value)) throw new UsageError(`--color must be one of ${annotationColors.join(', ')}, not "${value}"`);
  return value as AnnotationColor;
}

/** An annotation by its number or its uid. */
function parseAnnotationRef(value: string | undefined): number | string {
  if (value === undefined) throw new UsageError('missing annotation (its number or uid, from khizana annotations)');
  if (/^\d+$/.test(value)) return parseId(value, 'annotation number');
  if (/^[0-9a-f-]{36}$/i.test(value)) return value.toLowerCase();
  throw new UsageError(`"${value}" is not an annotation: give its number or its uid (khizana annotations lists them)`);
}

function describe(a: AnnotationInfo): string {
  const where = a.orphaned ? 'orphaned: its passage is no longer in the text' : `${a.page ? `p. ${a.page}, ` : ''}at ${a.resolved!.start}`;
  return `#${a.id} on #${a.itemId} (${a.color}, ${where})  «${a.exact.replace(/\s+/g, ' ')}»${a.comment ? `  — ${a.comment.replace(/\s+/g, ' ')}` : ''}`;
}

/** khizana annotate <id> --quote "…" [--comment "…"] [--color C] [--occurrence N] [--json] */
export async function annotateCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    quote: { type: 'string' }, comment: { type: 'string' }, color: { type: 'string' }, occurrence: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) return help('annotate');
  if (positionals.length !== 1) throw new UsageError('usage: khizana annotate <id> --quote "…" [--comment "…"] [--color C] [--occurrence N]');
  const id = parseId(positionals[0]);
  if (values.quote === undefined || values.quote.trim() === '') throw new UsageError('give the passage to highlight: --quote "…" (copy it from khizana show <id>)');
  const occurrence = values.occurrence === undefined ? undefined : parseId(values.occurrence, '--occurrence (1 for the first)');
  const annotation = await session.api.addAnnotation({ id, quote: values.quote, occurrence, comment: values.comment, color: parseColor(values.color) });
  if (values.json) printJson(annotation);
  else console.log(`annotation ${describe(annotation)}`);
  return 0;
}

/** khizana annotations [--on <id>] [--json] */
export async function annotationsCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { on: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return help('annotations');
  if (positionals.length > 0) throw new UsageError('usage: khizana annotations [--on <id>] [--json]');
  const list = await session.api.listAnnotations({ on: values.on === undefined ? undefined : parseId(values.on, 'item id') });
  if (values.json) printJson(list);
  else if (list.length === 0) console.log('No annotations yet. Highlight a passage: khizana annotate <id> --quote "…"');
  else {
    const color = useColor();
    for (const a of list) console.log(`${describe(a)}  ${dim(a.uid, color)}`);
  }
  return 0;
}

/** khizana annotation delete|restore <aid> */
export async function annotationCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) return help('annotation');
  const [action, ref] = positionals;
  if ((action !== 'delete' && action !== 'restore') || positionals.length !== 2) throw new UsageError('usage: khizana annotation delete|restore <annotation number or uid>');
  const annotation = parseAnnotationRef(ref);
  if (action === 'delete') {
    const result = await session.api.deleteAnnotation({ annotation });
    if (values.json) printJson(result);
    else console.log(result.deleted ? `annotation ${ref} deleted; khizana annotation restore ${ref} brings it back` : `annotation ${ref} was already deleted`);
  } else {
    const restored = await session.api.restoreAnnotation({ annotation });
    if (values.json) printJson(restored);
    else console.log(`annotation ${describe(restored)}`);
  }
  return 0;
}
