// The app's own origin. The UI is served from a privileged custom scheme rather than file://, so
// it has a real origin for CSP 'self', and no file:// page can ever read the disk.

export const APP_SCHEME = 'app';
export const APP_HOST = 'khizana';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses a URL, or null when it is not one. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` belongs to the app's own origin (app://khizana/…). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  // Node's URL gives non-special schemes an opaque origin ("null"), so compare the parts.
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
}
