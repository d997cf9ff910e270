// App lifecycle: one instance, one hardened window, the archive in a worker thread, and a quiet
// shutdown that closes the database before the process exits.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { openArchiveInWorker } from '../core/worker/worker-client.js';
import { ArchiveError } from '../shared/errors.js';
import { EVENT_CHANNEL, MENU_CHANNEL } from '../shared/ipc.js';
import type { MenuEvent } from '../shared/window-api.js';
import { APP_SCHEME } from './app-origin.js';
import { appProtocolHandler } from './app-protocol.js';
import { archiveDirFor } from './archive-dir.js';
import { registerIpc } from './ipc.js';
import { importDialogOptions, menuTemplate } from './menu.js';
import { BINDING_ENV, chooseSqliteBinding } from './native-binding.js';
import { prepareOriginal } from './open-original.js';
import { applySessionSecurity, guardWebContents, isTrustedFrame } from './security.js';
import { createMainWindow } from './window.js';

const log = (message: string): void => console.warn(`[khizana] ${message}`);

/** Shows a fatal error and exits; usable before `ready`. */
function fail(title: string, detail: string): never {
  dialog.showErrorBox(title, detail);
  app.exit(1);
  return process.exit(1);
}

// Before `ready`: a standard, secure scheme gets a real origin, so CSP 'self' and fetch work.
protocol.registerSchemesAsPrivileged([
  // corsEnabled: Vite's <script type="module" crossorigin> loads in CORS mode. Other origins still
  // cannot read app:// (no Access-Control-Allow-Origin is ever sent, and every other origin is blocked).
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);

// One profile folder for `npm start` and the packaged app ("khizana" vs "Khizana" otherwise);
// KHIZANA_USER_DATA gives tests their own profile and single-instance lock.
app.setPath('userData', process.env.KHIZANA_USER_DATA ? path.resolve(process.env.KHIZANA_USER_DATA) : path.join(app.getPath('appData'), 'Khizana'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const isDev = !app.isPackaged;
  const appRoot = app.getAppPath();
  const tempRoot = path.join(app.getPath('temp'), 'khizana-originals');
  let win: BrowserWindow | null = null;

  let archiveDir: string;
  try {
    archiveDir = archiveDirFor(process.argv, process.env);
  } catch (error) {
    fail('Khizana', (error as Error).message);
  }

  const binding = chooseSqliteBinding({ isPackaged: app.isPackaged, appRoot, env: process.env, exists: existsSync });
  if (binding.kind === 'missing') {
    fail('Khizana needs SQLite built for Electron', `Not found: ${binding.expected}\n\nRun:  node scripts/electron-native.mjs`);
  }
  // The worker inherits this environment; electron/core/storage/database.ts reads it.
  if (binding.kind === 'dev') process.env[BINDING_ENV] = binding.path;

  const send = (channel: string, payload: unknown): void => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };

  // Guards every webContents ever created, the main window included.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    applySessionSecurity(session.defaultSession, log);
    session.defaultSession.protocol.handle(APP_SCHEME, appProtocolHandler(path.join(appRoot, 'dist', 'renderer')));
    void rm(tempRoot, { recursive: true, force: true }).catch(() => undefined);

    const archive = openArchiveInWorker({ dir: archiveDir, onEvent: (event) => send(EVENT_CHANNEL, event) });
    archive.catch((error: unknown) => fail('Khizana cannot open the archive', `${archiveDir}\n\n${(error as Error).message ?? String(error)}`));

    const pickImportPaths = async ({ folders }: { folders: boolean }): Promise<string[]> => {
      const options = importDialogOptions(folders);
      const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    };
    const importFromMenu = (folders: boolean): void => {
      pickImportPaths({ folders })
        .then((paths) => {
          if (paths.length > 0) send(MENU_CHANNEL, { type: 'import', paths } satisfies MenuEvent);
        })
        .catch((error: unknown) => log(`import dialog failed: ${String(error)}`));
    };

    registerIpc({
      ipcMain,
      isTrustedSender: (event) =>
        win !== null && !win.isDestroyed() && event.sender === win.webContents && isTrustedFrame(event.senderFrame, win.webContents.mainFrame),
      archive: async () => (await archive).api,
      host: {
        openOriginal: async (id) => {
          const target = await prepareOriginal({ api: (await archive).api, archiveDir, tempRoot, id });
          const problem = await shell.openPath(target);
          if (problem) throw new ArchiveError('unreadable', `cannot open ${path.basename(target)}: ${problem}`);
        },
        pickImportPaths,
      },
      log,
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          isDev,
          isMac: process.platform === 'darwin',
          actions: {
            importFiles: () => importFromMenu(false),
            importFolder: () => importFromMenu(true),
            newNote: () => send(MENU_CHANNEL, { type: 'new-note' } satisfies MenuEvent),
            find: () => send(MENU_CHANNEL, { type: 'find' } satisfies MenuEvent),
            showArchiveFolder: () => void shell.openPath(archiveDir),
            about: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: 'About Khizana',
                message: `Khizana ${app.getVersion()}`,
                detail: `An offline research archive.\n\nArchive: ${archiveDir}\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
              }),
          },
        }),
      ),
    );

    const openWindow = (): void => {
      win = createMainWindow({
        preload: path.join(appRoot, 'dist', 'electron', 'preload', 'preload.cjs'),
        icon: path.join(appRoot, 'resources', 'icons', 'png', '512x512.png'),
        devTools: isDev,
        log,
      });
      win.on('closed', () => {
        win = null;
      });
    };
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });

    // Close the database (checkpoint the WAL) before exiting; never hang the quit.
    let closed = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      closed = true;
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
      const close = archive.then((session) => session.close()).catch((error: unknown) => log(`closing the archive: ${String(error)}`));
      void Promise.race([close, timeout]).finally(() => app.quit());
    });
  }).catch((error: unknown) => fail('Khizana failed to start', (error as Error).stack ?? String(error)));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
