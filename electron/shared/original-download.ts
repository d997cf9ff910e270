// How an item's archived original is handed out: the file name it gets (the desktop's temporary
// copy, the browser's download) and the headers of the download. Both the web bridge and the
// Electron app:// protocol send it, so it is written once here.
import type { SourceInfo } from './dto.js';

/** The URL path at which the archive serves item `id`'s original (web bridge and app://). */
export function originalUrlPath(id: number): string {
  return `/api/original/${id}`;
}

/** The item id in an original's URL path, or null when the path is not one. */
export function originalIdFromPath(pathname: string): number | null {
  const match = /^\/api\/original\/([1-9]\d{0,15})$/.exec(pathname);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

/** A safe file name for the original: its base name (either OS), with the format as extension when it has none. */
export function originalFileName(source: Pick<SourceInfo, 'path' | 'format'>, id: number): string {
  // The stored path may come from another OS: split on both separators.
  const base = source.path.split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(-120);
  if (!name) name = `item-${id}`;
  const hasExtension = /[^.]\.[^.]+$/.test(name);
  if (!hasExtension && /^[a-z0-9]{1,8}$/i.test(source.format)) name += `.${source.format.toLowerCase()}`;
  return name;
}

/** `Content-Disposition: attachment` with an ASCII fallback name and the real one (RFC 6266/5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Headers of an original's download. Always an attachment, never shown inline from the app's own
 * origin: an archived web page is hostile HTML. Only a PDF keeps its type (the page view reads it);
 * anything else is application/octet-stream, with nosniff and a sandboxing CSP should a browser
 * ever render it anyway.
 */
export function originalDownloadHeaders(source: Pick<SourceInfo, 'path' | 'format'>, id: number, size: number): Record<string, string> {
  return {
    'Content-Type': source.format.toLowerCase() === 'pdf' ? 'application/pdf' : 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': attachmentDisposition(originalFileName(source, id)),
    'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
