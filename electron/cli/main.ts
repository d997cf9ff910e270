// The `khizana` command: global options, then one command on the archive.
import { createRequire } from 'node:module';
import { resolveArchiveDir } from '../core/archive-location.js';
import { ArchiveError, toErrorShape } from '../shared/errors.js';
import { UsageError } from './output.js';
import { commandHelp, mainHelp } from './usage.js';

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
  try {
    const global = splitGlobal(argv);
    if (global.version) {
      const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
      console.log(pkg.version);
      return 0;
    }
    // serve's main thread only answers HTTP (its archive runs in worker threads): it does not load
    // the other commands, the core or SQLite (~10 MiB of serve's memory at 100,000 articles, issue 14).
    const table = global.command === undefined || global.command === 'serve' ? undefined : await import('./command-table.js');
    if (global.command === undefined || (global.help && !table?.commands[global.command] && !table?.folderCommands[global.command] && global.command !== 'serve')) {
      console.log(mainHelp);
      return global.command === undefined && !global.help ? 2 : 0;
    }
    if (global.command === 'help') {
      console.log(commandHelp[global.rest[0] ?? ''] ?? mainHelp);
      return 0;
    }
    const dir = resolveArchiveDir(global.archive);
    if (!table) {
      // serve: the only command without the table
      const { serveCommand } = await import('./commands/serve.js');
      return await serveCommand(dir, global.rest);
    }
    const folderCommand = table.folderCommands[global.command];
    if (folderCommand) return await folderCommand(dir, global.help ? ['--help'] : global.rest);
    const command = table.commands[global.command];
    if (!command) throw new UsageError(`unknown command "${global.command}" (see khizana --help)`);
    if (global.rest.includes('--help') || global.rest.includes('-h')) return await command(undefined as never, global.rest);
    return await table.runOnArchive(dir, command, global.rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`khizana: ${error.message}\n`);
      return 2;
    }
    const shape = toErrorShape(error);
    process.stderr.write(`khizana: ${shape.message}${error instanceof ArchiveError ? '' : ` [${shape.code}]`}\n`);
    if (shape.code === 'invalid-argument') return 2;
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
