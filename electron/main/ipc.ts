// The app's only ipcMain registration (DESIGN §1, §6): one handler per contract method, derived
// from `methodNames`, plus the host actions. Every call checks its sender frame, validates its
// arguments and answers with an envelope.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { methodNames, parseArgs, type ArchiveApi } from '../shared/contract.js';
import { ArchiveError } from '../shared/errors.js';
import { errorEnvelope, methodChannel, OPEN_ORIGINAL_CHANNEL, PICK_FOLDER_CHANNEL, PICK_IMPORT_PATHS_CHANNEL, SET_LOCALE_CHANNEL, toEnvelope } from '../shared/ipc.js';
import { uiLocales, type UiLocale } from '../shared/i18n/locale.js';

/** What the window may ask of the desktop beyond the archive itself. */
export interface HostHandlers {
  openOriginal(id: number): Promise<void>;
  pickImportPaths(options: { folders: boolean }): Promise<string[]>;
  pickFolder(options: { title: string }): Promise<string | null>;
  /** The interface language changed: rebuild the menu in it. */
  setLocale(locale: UiLocale): void;
}

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** True when the call comes from the main window's top frame on the app origin. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** The open archive (resolves once the worker is up). */
  archive(): Promise<ArchiveApi>;
  host: HostHandlers;
  log(message: string): void;
}

const openOriginalArgs = z.object({ id: z.number().int().positive() });
const pickArgs = z.object({ folders: z.boolean().default(false) });
const pickFolderArgs = z.object({ title: z.string().max(200) });
const setLocaleArgs = z.object({ locale: z.enum(uiLocales) });

function parseHostArgs<T extends z.ZodType>(schema: T, channel: string, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw ?? {});
  if (!result.success) throw new ArchiveError('invalid-argument', `${channel}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpc(options: IpcOptions): () => void {
  const channels: string[] = [];
  const handle = (channel: string, run: (raw: unknown) => Promise<unknown>): void => {
    options.ipcMain.handle(channel, (event: IpcMainInvokeEvent, raw: unknown) => {
      if (!options.isTrustedSender(event)) {
        options.log(`refused ${channel} from an untrusted frame`);
        return errorEnvelope({ code: 'unauthorized', message: `${channel}: the caller is not the app window` });
      }
      return toEnvelope(() => run(raw));
    });
    channels.push(channel);
  };

  for (const method of methodNames) {
    handle(methodChannel(method), async (raw) => {
      const args = parseArgs(method, raw);
      const api = await options.archive();
      return (api[method] as (args: unknown) => Promise<unknown>)(args);
    });
  }
  handle(OPEN_ORIGINAL_CHANNEL, async (raw) => {
    const { id } = parseHostArgs(openOriginalArgs, OPEN_ORIGINAL_CHANNEL, raw);
    await options.host.openOriginal(id);
    return null;
  });
  handle(PICK_IMPORT_PATHS_CHANNEL, async (raw) => options.host.pickImportPaths(parseHostArgs(pickArgs, PICK_IMPORT_PATHS_CHANNEL, raw)));
  handle(PICK_FOLDER_CHANNEL, async (raw) => options.host.pickFolder(parseHostArgs(pickFolderArgs, PICK_FOLDER_CHANNEL, raw)));
  handle(SET_LOCALE_CHANNEL, async (raw) => {
    options.host.setLocale(parseHostArgs(setLocaleArgs, SET_LOCALE_CHANNEL, raw).locale);
    return null;
  });

  return () => {
    for (const channel of channels) options.ipcMain.removeHandler(channel);
  };
}
