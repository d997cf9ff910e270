// Window/session hardening policy (DESIGN §6), tested with fakes: no Electron binary needed.
import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../electron/main/app-origin.js';
import {
  applySessionSecurity,
  guardWebContents,
  isAllowedNavigation,
  isAllowedUrl,
  isTrustedFrame,
  secureWebPreferences,
  withCsp,
  type FrameInfo,
} from '../../electron/main/security.js';
import { contentSecurityPolicy } from '../../electron/shared/content-security-policy.js';

describe('request allow-list: no request ever leaves the machine', () => {
  it.each([
    APP_ENTRY_URL,
    'app://khizana/',
    'app://khizana/assets/index-abc.js',
    'data:image/png;base64,AAAA',
    'blob:app://khizana/2f1c0d7e-1111-2222-3333-444455556666',
    'devtools://devtools/bundled/devtools_app.html',
  ])('allows %s', (url) => {
    expect(isAllowedUrl(url)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'http://127.0.0.1/',
    'ws://127.0.0.1:8080/',
    'wss://example.com/socket',
    'ftp://example.com/file',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://user:pass@khizana/index.html',
    'chrome://settings',
    'chrome-extension://abc/x.js',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('blocks %s', (url) => {
    expect(isAllowedUrl(url)).toBe(false);
  });

  it('treats only app://khizana as the app', () => {
    expect(isAppUrl('app://khizana/x')).toBe(true);
    expect(isAppUrl('app://khizana.evil/x')).toBe(false);
    expect(isAppUrl('https://khizana/x')).toBe(false);
  });
});

describe('navigation policy', () => {
  it('allows the app and empty frames only', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('about:blank')).toBe(true);
    expect(isAllowedNavigation('about:srcdoc')).toBe(true);
    for (const url of ['https://example.com', 'file:///tmp/x.html', 'data:text/html,<p>x', 'blob:app://khizana/x', 'devtools://devtools/x']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy;
  const directives = new Map(csp.split(';').map((d) => { const [name = '', ...values] = d.trim().split(/\s+/); return [name, values]; }));

  it('defaults to nothing and allows only the app’s own scripts', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows eval, inline scripts or inline styles, and names no network host', () => {
    expect(csp).not.toMatch(/unsafe-eval|unsafe-hashes|strict-dynamic/);
    for (const [name, values] of directives) {
      expect(values, name).not.toContain("'unsafe-inline'");
    }
    expect(csp).not.toMatch(/https?:|wss?:|\*/);
  });

  it('replaces any CSP a response carried, whatever its case', () => {
    const headers = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [csp] });
  });
});

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
});

describe('IPC sender frame check', () => {
  const main: FrameInfo = { url: APP_ENTRY_URL, processId: 4, routingId: 1, parent: null };

  it('trusts the main window’s top frame on the app origin', () => {
    expect(isTrustedFrame({ ...main }, main)).toBe(true);
  });

  it('refuses sub-frames, other frames, other origins and missing frames', () => {
    expect(isTrustedFrame({ ...main, parent: main }, main)).toBe(false);
    expect(isTrustedFrame({ ...main, routingId: 2 }, main)).toBe(false);
    expect(isTrustedFrame({ ...main, processId: 5 }, main)).toBe(false);
    expect(isTrustedFrame({ ...main, url: 'https://evil.example/' }, main)).toBe(false);
    expect(isTrustedFrame({ ...main, url: 'file:///tmp/x.html' }, main)).toBe(false);
    expect(isTrustedFrame(null, main)).toBe(false);
    expect(isTrustedFrame(main, null)).toBe(false);
  });

  it('refuses a destroyed frame (property access throws)', () => {
    const destroyed = { get url(): string { throw new Error('Render frame was disposed'); }, processId: 4, routingId: 1, parent: null };
    expect(isTrustedFrame(destroyed, main)).toBe(false);
  });
});

describe('session guards', () => {
  function fakeSession() {
    const calls = {
      beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
      headers: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
      permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: { requestingUrl?: string }) => void),
      permissionCheck: undefined as undefined | ((wc: unknown, permission: string, origin: string) => boolean),
      devicePermission: undefined as undefined | (() => boolean),
      spellchecker: undefined as undefined | boolean,
    };
    const session = {
      webRequest: {
        onBeforeRequest: (fn: typeof calls.beforeRequest) => { calls.beforeRequest = fn; },
        onHeadersReceived: (fn: typeof calls.headers) => { calls.headers = fn; },
      },
      setPermissionRequestHandler: (fn: typeof calls.permissionRequest) => { calls.permissionRequest = fn; },
      setPermissionCheckHandler: (fn: typeof calls.permissionCheck) => { calls.permissionCheck = fn; },
      setDevicePermissionHandler: (fn: typeof calls.devicePermission) => { calls.devicePermission = fn; },
      setSpellCheckerEnabled: (on: boolean) => { calls.spellchecker = on; },
    };
    return { session: session as unknown as Session, calls };
  }

  it('cancels every request that is not the app’s and logs it', () => {
    const { session, calls } = fakeSession();
    const log = vi.fn();
    applySessionSecurity(session, log);
    const decide = (url: string) => { let result: { cancel?: boolean } = {}; calls.beforeRequest!({ url }, (r) => { result = r; }); return result.cancel; };
    expect(decide('https://tracker.example/pixel.gif')).toBe(true);
    expect(decide('ws://127.0.0.1:9222/')).toBe(true);
    expect(decide('app://khizana/index.html')).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://tracker.example/pixel.gif'));
  });

  it('adds the CSP to every response, denies every permission but the app’s clipboard write, disables the spellchecker', () => {
    const { session, calls } = fakeSession();
    applySessionSecurity(session, () => {});
    let headers: Record<string, string[]> | undefined;
    calls.headers!({ responseHeaders: {} }, (r) => { headers = r.responseHeaders; });
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    const granted = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      calls.permissionRequest!({}, permission, granted, { requestingUrl: 'app://khizana/index.html' });
    }
    calls.permissionRequest!({}, 'clipboard-sanitized-write', granted, { requestingUrl: 'https://example.com/' });
    calls.permissionRequest!({}, 'clipboard-sanitized-write', granted, {});
    expect(granted.mock.calls.every(([g]) => g === false)).toBe(true);
    expect(granted).toHaveBeenCalledTimes(7);
    // "Copy citation": the app's own page may write text to the clipboard, nothing else may.
    calls.permissionRequest!({}, 'clipboard-sanitized-write', granted, { requestingUrl: 'app://khizana/index.html' });
    expect(granted).toHaveBeenLastCalledWith(true);
    expect(calls.permissionCheck!({}, 'clipboard-sanitized-write', 'app://khizana')).toBe(true);
    expect(calls.permissionCheck!({}, 'clipboard-read', 'app://khizana')).toBe(false);
    expect(calls.permissionCheck!({}, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(calls.devicePermission!()).toBe(false);
    expect(calls.spellchecker).toBe(false);
  });
});

describe('webContents guards', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = Object.assign(emitter, { setWindowOpenHandler: (fn: typeof openHandler) => { openHandler = fn; } });
    return { contents: contents as unknown as WebContents, emitter, open: (url: string) => openHandler!({ url }) };
  }
  const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

  it('blocks navigation, frame navigation and redirects away from the app', () => {
    const { contents, emitter } = fakeContents();
    guardWebContents(contents, () => {});
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navEvent('https://example.com/');
      emitter.emit(name, away);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const inside = navEvent('app://khizana/index.html');
      emitter.emit(name, inside);
      expect(inside.preventDefault, name).not.toHaveBeenCalled();
    }
  });

  it('denies window.open for every URL and blocks webviews', () => {
    const { contents, emitter, open } = fakeContents();
    guardWebContents(contents, () => {});
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(open('app://khizana/index.html')).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    emitter.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});
