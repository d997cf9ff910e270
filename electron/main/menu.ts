// The application menu as a plain template (tested under Node); main.ts builds it with Menu.
import type { MenuItemConstructorOptions, OpenDialogOptions } from 'electron';
import { importExtensions } from '../shared/import-formats.js';
import { catalogs, type UiLocale } from '../shared/i18n/locale.js';

export interface MenuActions {
  importFiles(): void;
  importFolder(): void;
  newNote(): void;
  backUpNow(): void;
  find(): void;
  showArchiveFolder(): void;
  about(): void;
}

/** Open-dialog options for importing files or folders. Windows and Linux cannot mix the two. */
export function importDialogOptions(folders: boolean, locale: UiLocale = 'en'): OpenDialogOptions {
  const m = catalogs[locale];
  return folders
    ? { title: m['dialog.importFolder'], properties: ['openDirectory', 'multiSelections'] }
    : {
        title: m['dialog.importFiles'],
        properties: ['openFile', 'multiSelections'],
        // The importable files first; Electron wants extensions without their dot.
        filters: [
          { name: m['dialog.documents'], extensions: importExtensions.map((ext) => ext.slice(1)) },
          { name: m['dialog.allFiles'], extensions: ['*'] },
        ],
      };
}

/**
 * The menu template in the interface language (English by default); reload and DevTools exist only
 * in development. Electron's role items (Undo, Copy…) are named by Electron in the OS language.
 */
export function menuTemplate(options: { isDev: boolean; isMac: boolean; actions: MenuActions; locale?: UiLocale }): MenuItemConstructorOptions[] {
  const { isDev, isMac, actions } = options;
  // Menu labels are plain catalog strings (no ICU arguments), so the main process needs no formatter.
  const m = catalogs[options.locale ?? 'en'];
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: m['menu.file'],
      submenu: [
        { label: m['menu.importFiles'], accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { label: m['menu.importFolder'], accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
        { label: m['menu.newNote'], accelerator: 'CmdOrCtrl+N', click: () => actions.newNote() },
        { type: 'separator' },
        { label: m['menu.backUpNow'], click: () => actions.backUpNow() },
        { label: m['menu.showArchiveFolder'], click: () => actions.showArchiveFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: m['menu.edit'],
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: m['menu.find'], accelerator: 'CmdOrCtrl+F', click: () => actions.find() },
      ],
    },
    {
      label: m['menu.view'],
      submenu: [
        ...(isDev
          ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      label: m['menu.help'],
      role: 'help',
      submenu: [{ label: m['menu.about'], click: () => actions.about() }],
    },
  );
  return template;
}
