// Window and session hardening (DESIGN §6). Policy is pure functions so it can be tested under Node;
// the appliers take Electron objects as arguments and import nothing from Electron at runtime.
import type { Session, WebContents, WebFrameMain, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../shared/content-security-policy.js';
import { isAppUrl, parseUrl } from './app-origin.js';

/** Schemes that never touch the network: the app itself, inline data, in-memory blobs, DevTools. */
const localSchemes = new Set(['data:', 'blob:', 'devtools:']);

/** True when a request to `url` may proceed: only the app's own origin and local-only schemes. */
export function isAllowedUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parseUrl(url);
  return parsed !== null && localSchemes.has(parsed.protocol);
}

/** True when a frame may navigate to `url`: the app's pages and empty frames only. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url) || url === 'about:blank' || url === 'about:srcdoc';
}

/** The bits of a WebFrameMain the sender check reads. */
export type FrameInfo = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> & { readonly parent: unknown };

/** True when `frame` is the main window's top frame showing an app page (IPC sender check). */
export function isTrustedFrame(frame: FrameInfo | null | undefined, mainFrame: FrameInfo | null | undefined): boolean {
  if (!frame || !mainFrame) return false;
  try {
    return (
      frame.parent === null &&
      frame.processId === mainFrame.processId &&
      frame.routingId === mainFrame.routingId &&
      isAppUrl(frame.url)
    );
  } catch {
    // A destroyed frame throws on property access: it cannot be trusted.
    return false;
  }
}

/** webPreferences of the app window: isolated, sandboxed, no Node, no webviews, no spellcheck downloads. */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // Dropping a file on the window must reach the UI's drop handler, never navigate to file://.
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  };
}

/** Response headers with our CSP replacing any the response carried. */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy];
  return result;
}

type Log = (message: string) => void;

/**
 * True for the one permission the app uses: writing plain text to the clipboard ("Copy citation"),
 * asked by the app's own page. Reading the clipboard, camera, notifications … stay denied.
 */
export function isAllowedPermission(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/** Session-wide guards: cancel every request not to the app, force the CSP, deny every permission but a clipboard write. */
export function applySessionSecurity(session: Session, log: Log): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedUrl(details.url);
    if (!allowed) log(`blocked request: ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isAllowedPermission(permission, details?.requestingUrl);
    if (!allowed) log(`denied permission request: ${permission}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  // The spellchecker downloads dictionaries from the network; the app never spellchecks.
  session.setSpellCheckerEnabled(false);
}

/** Per-webContents guards: no navigation away, no redirects, no new windows, no webviews. */
export function guardWebContents(contents: WebContents, log: Log): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    log(`blocked navigation: ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    log(`blocked frame navigation: ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url)) return;
    log(`blocked redirect: ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    log('blocked webview');
    event.preventDefault();
  });
  // Offline app: links never open windows or the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open: ${url}`);
    return { action: 'deny' };
  });
}
