// The one Content-Security-Policy of the UI (DESIGN §6), as data. The Electron app:// protocol and
// the web bridge send it as a header; the Vite build also puts it in index.html as a meta tag, so
// a page shown any other way is still covered. Where both apply, a browser enforces both.

/** Each directive and its sources: the page's own files only; nothing remote, ever. */
export const cspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // Imported HTML may keep inline data: images; the sanitiser removes every remote one.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The web bridge's UI calls its HTTP API on its own origin; in Electron 'self' is app://khizana.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

// Browsers ignore these in a <meta> policy and log a console error saying so.
const headerOnlyDirectives: ReadonlySet<string> = new Set(['frame-ancestors']);

function serialize(directives: ReadonlyArray<readonly [string, readonly string[]]>): string {
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The policy as a Content-Security-Policy header value. */
export const contentSecurityPolicy = serialize(Object.entries(cspDirectives));

/** The same policy for a `<meta http-equiv="Content-Security-Policy">` tag: the header-only directives left out. */
export const metaContentSecurityPolicy = serialize(Object.entries(cspDirectives).filter(([name]) => !headerOnlyDirectives.has(name)));
