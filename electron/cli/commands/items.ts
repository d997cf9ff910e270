// khizana show / tag / untag / tags / note add / notes / delete / trash / undelete
import type { ArchiveSession } from '../../core/archive.js';
import { parseCommandArgs, parseId } from '../args.js';
import { commandHelp } from '../usage.js';
import { dim, printJson, UsageError, useColor } from '../output.js';

function help(command: string): number {
  console.log(commandHelp[command]);
  return 0;
}

/** khizana show <id> [--json] */
export async function showCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) return help('show');
  const item = await session.api.getItem({ id: parseId(positionals[0]) });
  if (values.json) {
    printJson({
      id: item.id, uid: item.uid, kind: item.kind, title: item.title, text: item.text,
      source: item.source ? { path: item.source.path, format: item.source.format, sha256: item.source.sha256, encoding: item.source.encoding } : null,
      lang: item.lang, tags: item.tags, notes: item.notes, importedAt: item.importedAt, publishedAt: item.publishedAt,
      html: item.html, pages: item.pages, warnings: item.warnings, authors: item.authors, publication: item.publication, url: item.url,
      sourceMeta: item.sourceMeta, edited: item.edited, dir: item.dir, parentId: item.parentId,
      deletedAt: item.deletedAt,
    });
    return 0;
  }
  const color = useColor();
  console.log(`#${item.id}  ${item.title}`);
  if (item.deletedAt) console.log(`in the trash since ${item.deletedAt}: khizana undelete ${item.id} brings it back`);
  const facts = [
    item.kind,
    item.source ? `${item.source.format} ${item.source.path}${item.source.encoding ? ` (${item.source.encoding})` : ''}` : null,
    item.lang ? `lang ${item.lang}` : null,
    item.authors.length > 0 ? item.authors.join('; ') : null,
    item.publication,
    item.publishedAt ? `published ${item.publishedAt}` : null,
    `imported ${item.importedAt}`,
    item.pages ? `${item.pages} pages` : null,
  ].filter(Boolean);
  console.log(dim(facts.join(' · '), color));
  if (item.url) console.log(`url: ${item.url}`);
  if (item.tags.length) console.log(`tags: ${item.tags.join(', ')}`);
  for (const warning of item.warnings) console.log(`warning: ${warning}`);
  console.log(`\n${item.text}\n`);
  for (const note of item.notes) console.log(`note #${note.id}: ${note.text}`);
  return 0;
}

/** khizana tag|untag <id> <tag> */
export async function tagCommand(session: ArchiveSession, argv: string[], remove: boolean): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) return help(remove ? 'untag' : 'tag');
  const id = parseId(positionals[0]);
  const tag = positionals[1];
  if (!tag || positionals.length > 2) throw new UsageError(`usage: khizana ${remove ? 'untag' : 'tag'} <id> <tag>`);
  const { tags } = remove ? await session.api.removeTag({ id, tag }) : await session.api.addTag({ id, tag });
  console.log(`#${id} tags: ${tags.length ? tags.join(', ') : '(none)'}`);
  return 0;
}

/** khizana tags [--json] | tags rename OLD NEW [--json] | tags delete T [--json] */
export async function tagsCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) return help('tags');
  const [sub, ...rest] = positionals;
  if (sub === 'rename' || sub === 'delete') return await manageTag(session, sub, rest, values.json === true);
  if (positionals.length > 0) throw new UsageError('usage: khizana tags [--json] | khizana tags rename OLD NEW | khizana tags delete TAG');
  const tags = await session.api.listTags({});
  if (values.json) printJson(tags);
  else if (tags.length === 0) console.log('No tags yet. Add one: khizana tag <id> <tag>');
  else for (const tag of tags) console.log(`${tag.path}  ${tag.count}${tag.color ? `  ${tag.color}` : ''}`);
  return 0;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** khizana tags rename OLD NEW | tags delete TAG: an unknown tag is a usage error (exit 2). */
async function manageTag(session: ArchiveSession, sub: 'rename' | 'delete', args: string[], json: boolean): Promise<number> {
  const usage = sub === 'rename' ? 'usage: khizana tags rename OLD NEW' : 'usage: khizana tags delete TAG';
  if (args.length !== (sub === 'rename' ? 2 : 1)) throw new UsageError(usage);
  try {
    if (sub === 'rename') {
      const done = await session.api.renameTag({ from: args[0]!, to: args[1]! });
      if (json) printJson(done);
      else if (done.tags === 0) console.log(`"${done.from}" is already called "${done.to}": nothing changed`);
      else {
        const merged = done.merged.length > 0 ? `; merged into the existing ${done.merged.map((t) => `"${t}"`).join(', ')} (their colours kept)` : '';
        const searches = done.savedSearches > 0 ? `; ${plural(done.savedSearches, 'saved search')} updated` : '';
        console.log(`renamed "${done.from}" to "${done.to}" (${plural(done.tags, 'tag')}, ${plural(done.items, 'item')})${merged}${searches}`);
      }
    } else {
      const done = await session.api.deleteTag({ tag: args[0]! });
      if (json) printJson(done);
      else console.log(`deleted "${done.tag}"${done.tags > 1 ? ` and ${plural(done.tags - 1, 'sub-tag')}` : ''} from ${plural(done.items, 'item')}`);
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'not-found') throw new UsageError((error as Error).message);
    throw error;
  }
  return 0;
}

/** khizana note add [--on <id>] <text> */
export async function noteCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { on: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return help('note');
  if (positionals[0] !== 'add') throw new UsageError('usage: khizana note add [--on <id>] <text>');
  const text = positionals.slice(1).join(' ');
  if (!text.trim()) throw new UsageError('the note is empty: khizana note add [--on <id>] <text>');
  const note = await session.api.addNote({ text, on: values.on === undefined ? undefined : parseId(values.on, 'item id') });
  if (values.json) printJson(note);
  else console.log(`note #${note.id} saved${note.parentId ? ` on #${note.parentId}` : ''}`);
  return 0;
}

/** khizana notes [--on <id>] [--json] */
export async function notesCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { on: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return help('notes');
  const notes = await session.api.listNotes({ on: values.on === undefined ? undefined : parseId(values.on, 'item id') });
  if (values.json) printJson(notes);
  else if (notes.length === 0) console.log('No notes yet. Write one: khizana note add [--on <id>] <text>');
  else for (const n of notes) console.log(`#${n.id}${n.parentId ? ` (on #${n.parentId})` : ''}  ${n.text.replace(/\s+/g, ' ').slice(0, 200)}`);
  return 0;
}

/** khizana delete <id>: to the trash */
export async function deleteCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) return help('delete');
  const id = parseId(positionals[0]);
  const { deleted, notes } = await session.api.deleteItem({ id });
  if (!deleted) {
    console.log(`#${id} is already in the trash`);
    return 0;
  }
  const withNotes = notes === 0 ? '' : ` with ${notes} attached note${notes === 1 ? '' : 's'}`;
  console.log(`#${id} moved to the trash${withNotes}; khizana undelete ${id} brings it back`);
  return 0;
}

/** khizana undelete <id> */
export async function undeleteCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) return help('undelete');
  const id = parseId(positionals[0]);
  const { notes } = await session.api.restoreItem({ id });
  console.log(`#${id} restored${notes === 0 ? '' : ` with ${notes} attached note${notes === 1 ? '' : 's'}`}`);
  return 0;
}

/** khizana trash [--json] | trash empty [--json] */
export async function trashCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) return help('trash');
  if (positionals[0] === 'empty' && positionals.length === 1) {
    const done = await session.api.emptyTrash({});
    if (values.json) printJson(done);
    else if (done.deleted === 0) console.log('The trash is empty.');
    else console.log(`deleted for good: ${done.deleted} item${done.deleted === 1 ? '' : 's'}, ${done.notes} attached note${done.notes === 1 ? '' : 's'}, ${done.files} original file${done.files === 1 ? '' : 's'}`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('usage: khizana trash [--json] | khizana trash empty');
  const entries = await session.api.listTrash({});
  if (values.json) printJson(entries);
  else if (entries.length === 0) console.log('The trash is empty.');
  else {
    for (const e of entries) {
      console.log(`#${e.id}  ${e.title}  ${dim(`${e.kind} · deleted ${e.deletedAt}${e.notes ? ` · ${e.notes} note${e.notes === 1 ? '' : 's'}` : ''}`, useColor())}`);
    }
  }
  return 0;
}
