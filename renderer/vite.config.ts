// Builds the UI into dist/renderer; Electron serves it on app://khizana/ and `khizana serve` over HTTP.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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

/**
 * Copies what pdf.js fetches at run time into the build (dist/renderer/pdfjs/), so the page view
 * loads it from the app's own origin: the CMaps (CID-keyed fonts: Arabic PDFs from Word and
 * LibreOffice have no text positions without them), the standard fonts, and the JPEG 2000 decoder
 * in plain JS (the page view runs without WebAssembly, so the CSP needs no 'wasm-unsafe-eval').
 */
function pdfjsAssets(): Plugin {
  const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const files = [
    ...readdirSync(path.join(pdfjs, 'cmaps')).map((name) => `cmaps/${name}`),
    ...readdirSync(path.join(pdfjs, 'standard_fonts')).map((name) => `standard_fonts/${name}`),
    'wasm/openjpeg_nowasm_fallback.js',
  ];
  return {
    name: 'khizana-pdfjs-assets',
    apply: 'build',
    generateBundle() {
      for (const file of files) this.emitFile({ type: 'asset', fileName: `pdfjs/${file}`, source: readFileSync(path.join(pdfjs, file)) });
    },
  };
}

export default defineConfig({
  root,
  base: './', // relative asset URLs work both on app://khizana/ and on http://127.0.0.1
  plugins: [react(), contentSecurityPolicy(), pdfjsAssets()],
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
