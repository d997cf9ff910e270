// The `khizana` command: global options, then one command on the archive.
import { createRequire } from 'node:module';
import { openArchive, type ArchiveSession } from '../core/archive.js';
import { resolveArchiveDir } from '../core/archive-location.js';
import type { ArchiveEvent } from '../shared/dto.js';
import { ArchiveError, toErrorShape } from '../shared/errors.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { citeCommand, editCommand } from './commands/cite.js';
import { exportCommand } from './commands/export.js';
import { importCommand, type SubscribeEvents } from './commands/import.js';
import { deleteCommand, noteCommand, notesCommand, showCommand, tagCommand, tagsCommand, trashCommand, undeleteCommand } from './commands/items.js';
import { searchCommand } from './commands/search.js';
import { annotateCommand, annotationCommand, annotationsCommand } from './commands/annotations.js';
import { backlinksCommand } from './commands/links.js';
import { UsageError } from './output.js';
import { commandHelp, mainHelp } from './usage.js';

type Command = (session: ArchiveSession, argv: string[], subscribe?: SubscribeEvents) => Promise<number>;

const commands: Record<string, Command> = {
  import: importCommand,
  search: searchCommand,
  show: showCommand,
  tag: (s, a) => tagCommand(s, a, false),
  untag: (s, a) => tagCommand(s, a, true),
  tags: tagsCommand,
  note: noteCommand,
  notes: notesCommand,
  delete: deleteCommand,
  export: exportCommand,
  undelete: undeleteCommand,
  trash: trashCommand,
  edit: editCommand,
  cite: citeCommand,
  annotate: annotateCommand,
  annotations: annotationsCommand,
  annotation: annotationCommand,
  backlinks: backlinksCommand,
};

/** Commands that open the archive folder themselves (restore writes a new one). */
const folderCommands: Record<string, (dir: string, argv: string[]) => Promise<number>> = {
  backup: backupCommand,
  restore: restoreCommand,
};

/** Splits global options (before the command) from the command and its arguments. */
function splitGlobal(argv: string[]): { archive?: string; command?: string; rest: string[]; help: boolean; version: boolean } {
  let archive: string | undefined;
  let help = false;
  let version = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--archive') {
      archive = argv[++i];
      if (archive === undefined || archive === '') throw new UsageError('--archive needs a folder');
    } else if (arg.startsWith('--archive=')) archive = arg.slice('--archive='.length);
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version') version = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} (options of a command come after it)`);
    else break;
  }
  return { archive, command: argv[i], rest: argv.slice(i + 1), help, version };
}

/** Runs the CLI with the given arguments; returns the exit status. */
export async function runCli(argv: string[]): Promise<number> {
  let session: ArchiveSession | undefined;
  try {
    const global = splitGlobal(argv);
    if (global.version) {
      const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
      console.log(pkg.version);
      return 0;
    }
    if (global.command === undefined || (global.help && !commands[global.command] && !folderCommands[global.command] && global.command !== 'serve')) {
      console.log(mainHelp);
      return global.command === undefined && !global.help ? 2 : 0;
    }
    if (global.command === 'help') {
      console.log(commandHelp[global.rest[0] ?? ''] ?? mainHelp);
      return 0;
    }
    const dir = resolveArchiveDir(global.archive);
    if (global.command === 'serve') {
      const { serveCommand } = await import('./commands/serve.js');
      return await serveCommand(dir, global.rest);
    }
    const folderCommand = folderCommands[global.command];
    if (folderCommand) return await folderCommand(dir, global.help ? ['--help'] : global.rest);
    const command = commands[global.command];
    if (!command) throw new UsageError(`unknown command "${global.command}" (see khizana --help)`);
    if (global.rest.includes('--help') || global.rest.includes('-h')) return await command(undefined as never, global.rest);
    const listeners = new Set<(event: ArchiveEvent) => void>();
    session = await openArchive({ dir, onEvent: (event) => listeners.forEach((listener) => listener(event)) });
    return await command(session, global.rest, (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`khizana: ${error.message}\n`);
      return 2;
    }
    const shape = toErrorShape(error);
    process.stderr.write(`khizana: ${shape.message}${error instanceof ArchiveError ? '' : ` [${shape.code}]`}\n`);
    if (shape.code === 'invalid-argument') return 2;
    return 1;
  } finally {
    await session?.close();
  }
}

process.exitCode = await runCli(process.argv.slice(2));
