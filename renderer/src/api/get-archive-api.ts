// The one way the UI reaches the archive: Electron's preload, or the web bridge over HTTP.
import type { ArchiveApi } from '../../../electron/shared/contract.js';
import type { ArchiveEvent, ImportReport } from '../../../electron/shared/dto.js';
import { ArchiveError } from '../../../electron/shared/errors.js';
import { createHttpArchiveApi, fetchOriginalBytes, subscribeHttpEvents, uploadAndImport, type UploadFile, type UploadOptions } from './http-client.js';
import { takeToken } from './token.js';

interface Connection {
  api: ArchiveApi;
  subscribe(listener: (event: ArchiveEvent) => void): () => void;
  /** Browser only: files from a file picker or a drop cannot be imported by path. */
  upload: ((files: UploadFile[], options: UploadOptions) => Promise<ImportReport>) | null;
  /** The bytes of item `id`'s archived original (the page view reads PDFs with it). */
  original(id: number): Promise<ArrayBuffer>;
}

let connection: Connection | null = null;

function connect(): Connection {
  const preload = window.archive;
  if (preload) {
    // The app:// protocol serves originals on the page's own origin (electron/main/app-protocol.ts).
    return { api: preload, subscribe: (listener) => preload.onEvent(listener), upload: null, original: (id) => fetchOriginalBytes(id, null) };
  }
  const token = takeToken();
  if (!token) {
    throw new ArchiveError('unauthorized', 'Open the address that `khizana serve` printed: it carries the access token.');
  }
  // One stream for the whole page, opened now so it is connected before any import starts.
  const listeners = new Set<(event: ArchiveEvent) => void>();
  subscribeHttpEvents(token, (event) => listeners.forEach((listener) => listener(event)));
  return {
    api: createHttpArchiveApi(token),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    upload: (files, options) => uploadAndImport(token, files, options),
    original: (id) => fetchOriginalBytes(id, token),
  };
}

function current(): Connection {
  return (connection ??= connect());
}

/** The archive: `window.archive` in Electron, else the HTTP client of `khizana serve`. */
export function getArchiveApi(): ArchiveApi {
  return current().api;
}

/** Listens to archive events (import progress) on either transport; returns the unsubscribe function. */
export function subscribeEvents(listener: (event: ArchiveEvent) => void): () => void {
  return current().subscribe(listener);
}

/** The upload-then-import function of the web bridge, or null in Electron (which imports by path). */
export function getUploader(): Connection['upload'] {
  return current().upload;
}

/** The bytes of item `id`'s archived original, from the web bridge or the app:// protocol. */
export function fetchOriginal(id: number): Promise<ArrayBuffer> {
  return current().original(id);
}
