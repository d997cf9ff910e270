// Errors cross the transport as {code, message}; the archive's messages are English (the CLI shows
// them too). The English interface shows the archive's own sentence; another language shows a
// catalog message chosen by the error's code, or, for the refusals a user meets in the dialogs and
// the details editor, by the field or the case (with the path or value it names).
import { toErrorShape, type ErrorCode } from '../../../electron/shared/errors.js';
import type { MessageId, UiLocale } from '../../../electron/shared/i18n/locale.js';

/** A message of the interface language by id (react-intl's formatMessage, or IntlMessageFormat in tests). */
export type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** The archive's sentences a user meets in the export, backup and restore dialogs and the editors, and their catalog message. */
const knownCases: Array<{ test: RegExp; id: MessageId }> = [
  { test: /^cannot export: the folder (.+) does not exist$/, id: 'error.folderMissing' },
  { test: /^cannot write the backup: the folder (.+) does not exist$/, id: 'error.folderMissing' },
  { test: /^(.+) is not an existing folder: /, id: 'error.folderMissing' },
  { test: /^cannot export to (.+): the folder is not empty/, id: 'error.notEmpty' },
  { test: /^(.+) is not empty: restore into/, id: 'error.notEmpty' },
  { test: /^cannot export to (.+): it is a file/, id: 'error.isFile' },
  { test: /^(.+) is a file: restore into/, id: 'error.isFile' },
  { test: /^cannot export to (.+): it already exists/, id: 'error.exists' },
  { test: /^(.+) already exists: choose another name/, id: 'error.exists' },
  { test: /^(.+) is this archive's folder or inside it/, id: 'error.insideArchive' },
  { test: /^choose a backup folder outside the archive folder/, id: 'error.backupOutside' },
  { test: /^choose a backup folder (first|before)/, id: 'error.backupFolderFirst' },
  { test: /is in the trash[;:]/, id: 'error.inTrash' },
  // toErrorShape's environment errors, also met as a stored backup failure (a message without a code).
  { test: /^the disk is full/, id: 'error.disk-full' },
  { test: /^the archive cannot be written here/, id: 'error.read-only' },
  { test: /^another program kept the archive busy/, id: 'error.busy' },
  { test: /^the archive database is damaged/, id: 'error.corrupt' },
  { test: /^item \d+ is a note[,:;]/, id: 'error.isNote' },
];

/** Fields whose refusal (`editItem: url: …`, contract.ts) has a message of its own. */
const fieldMessages: Record<string, MessageId> = {
  title: 'error.field.title',
  publishedAt: 'error.field.publishedAt',
  url: 'error.field.url',
  lang: 'error.field.lang',
  authors: 'error.field.authors',
};

/** The sentence to show for `error` in the interface language `locale`. */
export function errorMessage(error: unknown, locale: UiLocale, t: Translate): string {
  const { code, message } = toErrorShape(error);
  if (locale === 'en') return message || code;
  return caseMessage(message, t) ?? fieldMessage(code, message, t) ?? t(`error.${code}` satisfies `error.${ErrorCode}`);
}

function caseMessage(message: string, t: Translate): string | null {
  for (const { test, id } of knownCases) {
    const m = test.exec(message);
    // The path a user typed, isolated so its direction cannot reorder the sentence around it.
    if (m) return t(id, { path: `\u2068${m[1] ?? ''}\u2069` });
  }
  return null;
}

function fieldMessage(code: ErrorCode, message: string, t: Translate): string | null {
  if (code !== 'invalid-argument') return null;
  // "editItem: url: …; lang: …": the first refused field that has a message of its own.
  for (const [, field] of message.matchAll(/(?:^\w+:|;) (\w+)(?:\.\d+)?: /g)) {
    const id = field === undefined ? undefined : fieldMessages[field];
    if (id) return t(id);
  }
  return null;
}
