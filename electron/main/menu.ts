// The application menu as a plain template (tested under Node); main.ts builds it with Menu.
import type { MenuItemConstructorOptions, OpenDialogOptions } from 'electron';
import { importExtensions } from '../shared/import-formats.js';

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
export function importDialogOptions(folders: boolean): OpenDialogOptions {
  return folders
    ? { title: 'Import folder', properties: ['openDirectory', 'multiSelections'] }
    : {
        title: 'Import files',
        properties: ['openFile', 'multiSelections'],
        // The importable files first; Electron wants extensions without their dot.
        filters: [
          { name: 'Documents', extensions: importExtensions.map((ext) => ext.slice(1)) },
          { name: 'All files', extensions: ['*'] },
        ],
      };
}

/** The menu template; reload and DevTools exist only in development. */
export function menuTemplate(options: { isDev: boolean; isMac: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { isDev, isMac, actions } = options;
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
        { label: 'New Note', accelerator: 'CmdOrCtrl+N', click: () => actions.newNote() },
        { type: 'separator' },
        { label: 'Back Up Now…', click: () => actions.backUpNow() },
        { label: 'Show Archive Folder', click: () => actions.showArchiveFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
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
        { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => actions.find() },
      ],
    },
    {
      label: '&View',
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
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About Khizana', click: () => actions.about() }],
    },
  );
  return template;
}
