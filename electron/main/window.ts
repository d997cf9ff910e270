// The one app window. Security settings come from security.ts; this only sizes and loads it.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';
import { secureWebPreferences } from './security.js';

/** Creates the main window, shows it once painted, and loads the UI from app://. */
export function createMainWindow(options: { preload: string; icon: string | undefined; devTools: boolean; log: (message: string) => void }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Khizana',
    icon: options.icon,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preload, { devTools: options.devTools }),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => options.log(`renderer gone: ${details.reason}`));
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => options.log(`cannot load the UI: ${String(error)}`));
  return win;
}
