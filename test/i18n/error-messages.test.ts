// The archive's refusals, as the interface shows them: the English interface keeps the archive's
// own sentence; the Arabic one shows a catalog message (by case, field or code) with no English in
// it but the path the user typed. The errors are real ones, from a real archive.
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSession } from '../../electron/core/archive.js';
import { errorCodes } from '../../electron/shared/errors.js';
import { catalogs, formattingLocale, type MessageId, type UiLocale } from '../../electron/shared/i18n/locale.js';
import { errorMessage } from '../../renderer/src/lib/error-messages.js';
import { freshArchive, writeFiles } from '../support/archive.js';
import { tempDir } from '../support/paths.js';

const translate = (locale: UiLocale) => (id: MessageId, values?: Record<string, string | number>) =>
  String(new IntlMessageFormat(catalogs[locale][id], formattingLocale(locale)).format(values));
const arabic = (error: unknown) => errorMessage(error, 'ar', translate('ar'));
/** Latin words left once the path is taken out (the isolated run between U+2068 and U+2069). */
const english = (text: string) => text.replace(/\u2068[^\u2069]*\u2069/gu, '').replace(/https?:\/\/|\ben(-GB)?\b|\bar\b/g, '').match(/[A-Za-z]{2,}/g) ?? [];

async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the archive to refuse');
}

let session: ArchiveSession;
let id: number;

beforeAll(async () => {
  session = await freshArchive();
  const dir = writeFiles({ 'a.html': '<html><head><title>An article</title></head><body><p>Some text to keep.</p></body></html>' });
  const report = await session.api.importPaths({ paths: [path.join(dir, 'a.html')] });
  id = report.results[0]!.id!;
});

afterAll(async () => {
  await session?.close();
});

describe('errors in the Arabic interface', () => {
  it('say which field of the details editor was refused, in Arabic', async () => {
    const cases: Array<[Record<string, string>, MessageId]> = [
      [{ publishedAt: '2015-13-40' }, 'error.field.publishedAt'],
      [{ url: 'example.org/page' }, 'error.field.url'],
      [{ title: '   ' }, 'error.field.title'],
      [{ lang: 'not a tag' }, 'error.field.lang'],
    ];
    for (const [args, messageId] of cases) {
      const error = await refusal(() => session.api.editItem({ id, ...args }));
      expect(arabic(error), JSON.stringify(args)).toBe(catalogs.ar[messageId]);
      expect(errorMessage(error, 'en', translate('en'))).toMatch(/^editItem: /);
    }
  });

  it('name the folder of an export or a backup that cannot be written, and what to do', async () => {
    const full = writeFiles({ 'x.txt': 'x' });
    const missing = path.join(tempDir(), 'nope', 'deeper');
    const cases: Array<[() => Promise<unknown>, MessageId, string]> = [
      [() => session.api.exportItems({ target: full }), 'error.notEmpty', full],
      [() => session.api.exportItems({ target: path.join(full, 'x.txt') }), 'error.isFile', path.join(full, 'x.txt')],
      [() => session.api.exportItems({ target: path.join(missing, 'out') }), 'error.folderMissing', missing],
      [() => session.api.restoreBackup({ file: path.join(full, 'x.txt'), target: full }), 'error.notEmpty', full],
    ];
    for (const [run, messageId, shownPath] of cases) {
      const error = await refusal(run);
      const text = arabic(error);
      expect(text, messageId).toBe(translate('ar')(messageId, { path: `\u2068${shownPath}\u2069` }));
      expect(english(text), text).toEqual([]);
    }
  });

  it('fall back to a sentence for the error code, never the English message', () => {
    for (const code of errorCodes) {
      const text = arabic({ code, message: 'Something went wrong in English' });
      expect(text, code).toBe(catalogs.ar[`error.${code}`]);
      expect(english(text), code).toEqual([]);
    }
    // A plain Error from the transport (the serve is gone): internal, in Arabic.
    expect(arabic(new TypeError('Failed to fetch'))).toBe(catalogs.ar['error.internal']);
  });

  it('leave the English interface the archive’s own sentence', () => {
    expect(errorMessage({ code: 'disk-full', message: 'the disk is full (ENOSPC): free some space, then try again' }, 'en', translate('en'))).toBe('the disk is full (ENOSPC): free some space, then try again');
    expect(fs.existsSync(tempDir())).toBe(true);
  });
});
