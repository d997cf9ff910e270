// Builds the UI into dist/renderer; Electron serves it on app://khizana/ and `khizana serve` over HTTP.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { metaContentSecurityPolicy } from '../electron/shared/content-security-policy.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Adds the UI's CSP as a meta tag to the built page, on top of the header both servers send. Build
 * only: the dev server's React preamble is an inline script and its styles are injected inline.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'khizana-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root,
  base: './', // relative asset URLs work both on app://khizana/ and on http://127.0.0.1
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
