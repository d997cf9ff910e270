// The commands that run on an open archive in this process, and those that open the folder themselves.
// cli/main.ts loads this file for every command but serve, whose main thread only answers HTTP
// (the archive runs in worker threads): serve never loads the import parsers or SQLite (issue 14).
import { openArchive, type ArchiveSession } from '../core/archive.js';
import type { ArchiveEvent } from '../shared/dto.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { citeCommand, editCommand } from './commands/cite.js';
import { exportCommand } from './commands/export.js';
import { importCommand, type SubscribeEvents } from './commands/import.js';
import { deleteCommand, noteCommand, notesCommand, showCommand, tagCommand, tagsCommand, trashCommand, undeleteCommand } from './commands/items.js';
import { searchCommand } from './commands/search.js';
import { annotateCommand, annotationCommand, annotationsCommand } from './commands/annotations.js';
import { backlinksCommand } from './commands/links.js';

type Command = (session: ArchiveSession, argv: string[], subscribe?: SubscribeEvents) => Promise<number>;

/** Commands on an archive this process opens. */
export const commands: Record<string, Command> = {
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
export const folderCommands: Record<string, (dir: string, argv: string[]) => Promise<number>> = {
  backup: backupCommand,
  restore: restoreCommand,
};


/** Opens the archive in `dir`, runs `command` on it with `argv`, then closes it; returns the exit status. */
export async function runOnArchive(dir: string, command: Command, argv: string[]): Promise<number> {
  const listeners = new Set<(event: ArchiveEvent) => void>();
  const session = await openArchive({ dir, onEvent: (event) => listeners.forEach((listener) => listener(event)) });
  try {
    return await command(session, argv, (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    });
  } finally {
    await session.close();
  }
}
