// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and the built UI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openArchive } from '../../electron/core/archive.js';
import type { ArchiveApi } from '../../electron/shared/contract.js';
import { serveArchive, type ServedArchive } from '../../electron/web/serve-archive.js';
import { repoRoot, tempDir } from '../support/paths.js';

export const chromiumPath = process.env.KHIZANA_CHROMIUM ?? '/usr/bin/chromium';
export const builtUi = path.join(repoRoot, 'dist/renderer');
export const screenshotsDir = path.join(repoRoot, 'test-results/screenshots');

/** Launches Chromium, or fails with what to install: a missing browser must never pass silently. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium fonts-noto-core\` (or set KHIZANA_CHROMIUM).`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--lang=en-GB'],
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = path.join(builtUi, 'index.html');
  const sources = [path.join(repoRoot, 'renderer'), path.join(repoRoot, 'resources/fonts'), path.join(repoRoot, 'electron/shared')];
  return fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime));
}

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds the UI with Vite when dist/renderer is missing or older than its sources (once, across test files). */
export function ensureBuiltUi(): void {
  if (isFresh()) return;
  // Test files run in parallel processes: one builds, the others wait for it.
  const lock = path.join(repoRoot, 'dist/.renderer-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (const end = Date.now() + 180_000; ; ) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > end) throw new Error(`timed out waiting for ${lock} (remove it if no build is running)`);
      sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The built UI served over a seeded archive, open in Chromium. */
export interface SeededUi {
  server: ServedArchive;
  page: Page;
  close(): Promise<void>;
}

/**
 * Seeds a fresh archive in a temp folder (`seed` writes through the API), serves it in-process with
 * the built UI and opens it in Chromium at 1280×800, en-GB unless `options.locale` says otherwise.
 */
export async function openSeededUi(seed: (api: ArchiveApi) => Promise<unknown>, options: { locale?: string } = {}): Promise<SeededUi> {
  ensureBuiltUi();
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const dir = path.join(tempDir(), 'archive');
  const seeding = await openArchive({ dir, parseWorkers: 0 });
  try {
    await seed(seeding.api);
  } finally {
    await seeding.close();
  }
  const browser = await launchChromium();
  const server = await serveArchive({ dir, staticDir: builtUi, inWorker: false });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: options.locale ?? 'en-GB' });
  await page.goto(server.url);
  return {
    server,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Runs in the page before the app (page.addInitScript): a stand-in for what preload.cts exposes,
 * window.archive over the serve's HTTP API and window.archiveHost with a scripted file/folder pick.
 * Self-contained: Playwright serialises it into the page.
 */
export function installPreloadStandIn({ token, methods, pick, folder }: { token: string; methods: string[]; pick: string[]; folder: string }): void {
  const host = window as unknown as Record<string, unknown> & { __opened: number[]; __menu?: (event: unknown) => void };
  const call = async (method: string, args: unknown): Promise<unknown> => {
    const res = await fetch(`/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args ?? {}) });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    // Like the preload: failures are plain {name, code, message} objects, not Errors.
    if (!res.ok) throw { name: 'ArchiveError', ...body.error };
    return body;
  };
  const archive: Record<string, unknown> = Object.fromEntries(methods.map((m) => [m, (args: unknown) => call(m, args)]));
  archive.onEvent = (listener: (event: unknown) => void) => {
    const source = new EventSource(`/api/events?token=${token}`);
    source.onmessage = (m) => listener(JSON.parse(m.data as string));
    return () => source.close();
  };
  host.archive = archive;
  host.__opened = [];
  host.archiveHost = {
    pathForFile: () => '',
    openOriginal: async (id: number) => void host.__opened.push(id),
    pickImportPaths: async () => pick,
    pickFolder: async () => folder,
    setLocale: async () => undefined,
    onMenu: (listener: (event: unknown) => void) => {
      host.__menu = listener;
      return () => undefined;
    },
  };
}
