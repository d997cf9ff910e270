// Raw HTTP against the web bridge: node:http sends paths and headers exactly as given,
// which fetch would normalise (../, Host), so the security checks are tested for real.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ArchiveEvent } from '../../electron/shared/dto.js';
import { tempDir } from '../support/paths.js';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): unknown;
}

/** One HTTP request to 127.0.0.1:port; `host` overrides the Host header. */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; host?: string; address?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: options.host ?? `127.0.0.1:${port}`, ...options.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST /api/<method> with JSON and the token. */
export function callApi(port: number, token: string | null, method: string, args: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(args),
  });
}

/** A static folder with an index page and an asset, next to a secret that must never be served. */
export function makeStaticDir(): { staticDir: string; secret: string } {
  const root = tempDir('khizana-static-');
  const staticDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Khizana</title><p>index</p>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log("app")');
  const secret = `secret-${Math.random()}`;
  fs.writeFileSync(path.join(root, 'secret.txt'), secret);
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(staticDir, 'link.txt'));
  return { staticDir, secret };
}

/** Reads the bridge's SSE stream into `events` until `stop()` is called. */
export function listenEvents(url: string): { events: ArchiveEvent[]; ready: Promise<void>; stop(): void } {
  const events: ArchiveEvent[] = [];
  const controller = new AbortController();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    try {
      const res = await fetch(url, { signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        if (buffer.includes('retry:')) markReady();
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) events.push(JSON.parse(data) as ArchiveEvent);
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return { events, ready, stop: () => controller.abort() };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
