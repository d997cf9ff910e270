#!/usr/bin/env node
// Regenerates the app icons (the letter خ in Noto Naskh Arabic on an ink-blue tile) by rendering
// an SVG in headless Chromium at every size, so small sizes are drawn, not downscaled.
//   node resources/icons/make-icons.mjs   (needs /usr/bin/chromium or CHROMIUM_PATH)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const font = readFileSync(path.join(root, 'node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2')).toString('base64');

/** The icon as SVG on a 1024 grid; text needs the embedded font, so it is rendered, not shipped. */
export function iconSvg(size) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1d4e6b"/>
      <stop offset="1" stop-color="#0e2a3d"/>
    </linearGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#tile)"/>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="none" stroke="#e9c46a" stroke-opacity="0.35" stroke-width="12"/>
  <line x1="262" y1="846" x2="762" y2="846" stroke="#e9c46a" stroke-width="26" stroke-linecap="round"/>
  <text x="512" y="596" text-anchor="middle" font-family="Naskh" font-weight="700" font-size="640" fill="#f6ecd2">خ</text>
</svg>`;
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  mkdirSync(path.join(here, 'png'), { recursive: true });
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><style>@font-face{font-family:Naskh;src:url(data:font/woff2;base64,${font}) format('woff2');font-weight:700}
       html,body{margin:0;background:transparent}svg{display:block}</style>${iconSvg(size)}`,
    );
    await page.evaluate(() => document.fonts.ready);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(path.join(here, 'png', `${size}x${size}.png`), png);
    if (size === 1024) writeFileSync(path.join(here, 'icon.png'), png);
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${path.relative(process.cwd(), here)}`);
