// Builds the UI into dist/renderer; Electron loads it from file:// and `khizana serve` over HTTP.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The same policy the web bridge sends as a header; as a meta tag it also covers file:// in Electron. */
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Adds the CSP meta tag to the built page only (the dev server needs an inline preamble). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'khizana-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root,
  base: './', // relative asset URLs work both from file:// and from http://127.0.0.1
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    assetsInlineLimit: 0, // fonts stay files (font-src 'self'), never data: URLs
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
});
