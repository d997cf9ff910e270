// App lifecycle: one instance, one hardened window, the archive in a worker thread, and a quiet
// shutdown that closes the database before the process exits.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type MessageBoxOptions, type OpenDialogOptions } from 'electron';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { scheduleAutoBackups } from '../core/backup/auto-backup.js';
import { locateOriginal } from '../core/original-file.js';
import { openArchiveInWorker } from '../core/worker/worker-client.js';
import { ArchiveError } from '../shared/errors.js';
import { EVENT_CHANNEL, MENU_CHANNEL } from '../shared/ipc.js';
import type { MenuEvent } from '../shared/window-api.js';
import { APP_SCHEME } from './app-origin.js';
import { appProtocolHandler } from './app-protocol.js';
import { archiveDirFor } from './archive-dir.js';
import { registerIpc } from './ipc.js';
import { importDialogOptions, menuTemplate } from './menu.js';
import { pickUiLocale, type UiLocale } from '../shared/i18n/locale.js';
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

/** The app's install folder, dev mode, and where the archive and its opened originals live. */
interface Places {
  isDev: boolean;
  appRoot: string;
  archiveDir: string;
  /** Read-only copies of originals opened with the system app; emptied at each start. */
  tempRoot: string;
}

/** The archive, opening in its worker thread. */
type OpeningArchive = ReturnType<typeof openArchiveInWorker>;

/** The one main window: opened on demand, focused on a second launch, the target of every send. */
interface MainWindow {
  /** The window, or null while none is open. */
  current(): BrowserWindow | null;
  open(): void;
  focus(): void;
  /** Sends to the renderer; dropped while no window is open. */
  send(channel: string, payload: unknown): void;
}

/** Everything after the instance lock: the window, the session, the archive, IPC, the menu, shutdown. */
function start(): void {
  const places = findPlaces();
  useSqliteBuiltForElectron(places.appRoot);
  const appWindow = mainWindow(places);

  // Guards every webContents ever created, the main window included.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  app.on('second-instance', () => appWindow.focus());

  app.whenReady().then(() => {
    void rm(places.tempRoot, { recursive: true, force: true }).catch(() => undefined);
    const archive = openArchive(places.archiveDir, appWindow);
    secureSessionAndServeUi(places, archive);
    backUpDailyWhileRunning(archive);
    // The OS language until the window says which one its interface shows (its switch).
    const language: UiLanguage = { locale: pickUiLocale(app.getPreferredSystemLanguages().concat(app.getLocale())) };
    const pickImportPaths = importPicker(appWindow, language);
    const menu = () => installMenu(places, appWindow, pickImportPaths, language.locale);
    registerIpcHandlers(places, archive, appWindow, pickImportPaths, (locale) => {
      language.locale = locale;
      menu();
    });
    menu();
    appWindow.open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) appWindow.open();
    });
    closeArchiveBeforeQuit(archive);
  }).catch((error: unknown) => fail('Khizana failed to start', (error as Error).stack ?? String(error)));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** Where everything is; exits with a message when the archive folder argument is unusable. */
function findPlaces(): Places {
  const appRoot = app.getAppPath();
  const tempRoot = path.join(app.getPath('temp'), 'khizana-originals');
  try {
    return { isDev: !app.isPackaged, appRoot, archiveDir: archiveDirFor(process.argv, process.env), tempRoot };
  } catch (error) {
    fail('Khizana', (error as Error).message);
  }
}

/** Points the core at an Electron-ABI better-sqlite3 (DESIGN §7), or exits saying how to build one. */
function useSqliteBuiltForElectron(appRoot: string): void {
  const binding = chooseSqliteBinding({ isPackaged: app.isPackaged, appRoot, env: process.env, exists: existsSync });
  if (binding.kind === 'missing') {
    fail('Khizana needs SQLite built for Electron', `Not found: ${binding.expected}\n\nRun:  node scripts/electron-native.mjs`);
  }
  // The worker inherits this environment; electron/core/storage/database.ts reads it.
  if (binding.kind === 'dev') process.env[BINDING_ENV] = binding.path;
}

/** Keeps the main window (window.ts builds it); none is open until `open()`. */
function mainWindow(places: Places): MainWindow {
  let win: BrowserWindow | null = null;
  const current = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null);
  return {
    current,
    open: () => {
      const opened = createMainWindow({
        preload: path.join(places.appRoot, 'dist', 'electron', 'preload', 'preload.cjs'),
        icon: path.join(places.appRoot, 'resources', 'icons', 'png', '512x512.png'),
        devTools: places.isDev,
        log,
      });
      win = opened;
      opened.on('closed', () => {
        win = null;
      });
    },
    focus: () => {
      const shown = current();
      if (!shown) return;
      if (shown.isMinimized()) shown.restore();
      shown.focus();
    },
    send: (channel, payload) => current()?.webContents.send(channel, payload),
  };
}

/** Session hardening (security.ts), then the built UI on app://, and the originals the page view reads. */
function secureSessionAndServeUi(places: Places, archive: OpeningArchive): void {
  applySessionSecurity(session.defaultSession, log);
  const original = async (id: number) => locateOriginal({ api: (await archive).api, archiveDir: places.archiveDir, id });
  session.defaultSession.protocol.handle(APP_SCHEME, appProtocolHandler(path.join(places.appRoot, 'dist', 'renderer'), { original }));
}

/** Opens the archive in a worker thread, forwarding its events to the window; exits if it cannot. */
function openArchive(archiveDir: string, appWindow: MainWindow): OpeningArchive {
  const archive = openArchiveInWorker({ dir: archiveDir, onEvent: (event) => appWindow.send(EVENT_CHANNEL, event) });
  archive.catch((error: unknown) => fail('Khizana cannot open the archive', `${archiveDir}\n\n${(error as Error).message ?? String(error)}`));
  return archive;
}

/** Daily automatic backups (when turned on in the backup dialog) while the app runs. */
function backUpDailyWhileRunning(archive: OpeningArchive): void {
  void archive.then((opened) => {
    const stop = scheduleAutoBackups(opened.api, { log });
    app.once('before-quit', stop);
  }, () => undefined);
}

type PickImportPaths = (options: { folders: boolean }) => Promise<string[]>;
/** The interface language the menu and dialogs use, changed by the window's language switch. */
interface UiLanguage {
  locale: UiLocale;
}

/** The system file/folder picker for imports, attached to the window when one is open. */
function importPicker(appWindow: MainWindow, language: UiLanguage): PickImportPaths {
  return async ({ folders }) => {
    const options = importDialogOptions(folders, language.locale);
    const parent = appWindow.current();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
}

/** The archive's methods and the two host actions over IPC, for the main window's top frame only. */
function registerIpcHandlers(places: Places, archive: OpeningArchive, appWindow: MainWindow, pickImportPaths: PickImportPaths, setLocale: (locale: UiLocale) => void): void {
  registerIpc({
    ipcMain,
    isTrustedSender: (event) => {
      const win = appWindow.current();
      return win !== null && event.sender === win.webContents && isTrustedFrame(event.senderFrame, win.webContents.mainFrame);
    },
    archive: async () => (await archive).api,
    host: {
      openOriginal: async (id) => {
        const target = await prepareOriginal({ api: (await archive).api, archiveDir: places.archiveDir, tempRoot: places.tempRoot, id });
        const problem = await shell.openPath(target);
        if (problem) throw new ArchiveError('unreadable', `cannot open ${path.basename(target)}: ${problem}`);
      },
      pickImportPaths,
      setLocale,
      pickFolder: async ({ title }) => {
        const options = { title, properties: ['openDirectory', 'createDirectory'] } satisfies OpenDialogOptions;
        const parent = appWindow.current();
        const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
    log,
  });
}

/** The application menu; its commands reach the renderer as MenuEvents. */
function installMenu(places: Places, appWindow: MainWindow, pickImportPaths: PickImportPaths, locale: UiLocale): void {
  const sendMenu = (event: MenuEvent): void => appWindow.send(MENU_CHANNEL, event);
  const importFromMenu = (folders: boolean): void => {
    pickImportPaths({ folders })
      .then((paths) => {
        if (paths.length > 0) sendMenu({ type: 'import', paths });
      })
      .catch((error: unknown) => log(`import dialog failed: ${String(error)}`));
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isDev: places.isDev,
        isMac: process.platform === 'darwin',
        locale,
        actions: {
          importFiles: () => importFromMenu(false),
          importFolder: () => importFromMenu(true),
          newNote: () => sendMenu({ type: 'new-note' }),
          backUpNow: () => sendMenu({ type: 'backup' }),
          find: () => sendMenu({ type: 'find' }),
          showArchiveFolder: () => void shell.openPath(places.archiveDir),
          about: () => void dialog.showMessageBox(aboutBox(places.archiveDir)),
        },
      }),
    ),
  );
}

/** Help → About Khizana: versions and where the archive is. */
function aboutBox(archiveDir: string): MessageBoxOptions {
  return {
    type: 'info',
    title: 'About Khizana',
    message: `Khizana ${app.getVersion()}`,
    detail: `An offline research archive.\n\nArchive: ${archiveDir}\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
  };
}

/** Closes the database (checkpointing the WAL) before the app exits; never hangs the quit. */
function closeArchiveBeforeQuit(archive: OpeningArchive): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
    const close = archive.then((session) => session.close()).catch((error: unknown) => log(`closing the archive: ${String(error)}`));
    void Promise.race([close, timeout]).finally(() => app.quit());
  });
}
