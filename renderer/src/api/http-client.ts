// The ArchiveApi over the web bridge (`khizana serve`), built from the contract's method table.
import { methodNames, type ArchiveApi, type MethodName } from '../../../electron/shared/contract.js';
import type { ArchiveEvent, ImportReport } from '../../../electron/shared/dto.js';
import { ArchiveError, fromErrorShape, isErrorCode } from '../../../electron/shared/errors.js';
import { originalUrlPath } from '../../../electron/shared/original-download.js';
import { packHead, uploadPacks } from '../../../electron/shared/upload-pack.js';
import { reportUnauthorized } from './unauthorized.js';

/** How every POST to the bridge goes: with the token, never cached, without cookies. */
function postInit(token: string, body: BodyInit | null, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...headers }, body, cache: 'no-store', credentials: 'omit' };
}

/** POSTs JSON to the bridge and returns the JSON answer, or throws the ArchiveError it reports. */
async function post(path: string, token: string, body: BodyInit | null, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { ...postInit(token, body, headers), ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw new ArchiveError('cancelled', 'cancelled');
    throw new ArchiveError('archive-unavailable', `Khizana is not reachable (${String(error)}). Is \`khizana serve\` still running?`);
  }
  return answer(response);
}

/** The JSON of a response, or the ArchiveError it reports. */
async function answer(response: Response): Promise<unknown> {
  const text = await response.text();
  let value: unknown = null;
  try {
    value = text ? JSON.parse(text) : null;
  } catch {
    throw new ArchiveError('internal', `unexpected answer (${response.status})`);
  }
  if (!response.ok) {
    // A refused token means a stale address: the page says so instead of looking empty.
    if (response.status === 401) reportUnauthorized();
    const shape = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (shape && isErrorCode(shape.code) && typeof shape.message === 'string') throw fromErrorShape({ code: shape.code, message: shape.message });
    throw new ArchiveError('internal', `request failed (${response.status})`);
  }
  return value;
}

const json = (value: unknown): [string, Record<string, string>] => [JSON.stringify(value ?? {}), { 'Content-Type': 'application/json' }];

/** An ArchiveApi whose every method is `POST /api/<method>` with the token; `base` is '' in the page. */
export function createHttpArchiveApi(token: string, base = ''): ArchiveApi {
  const api = {} as Record<MethodName, (args?: unknown) => Promise<unknown>>;
  for (const name of methodNames) {
    api[name] = (args) => post(`${base}/api/${name}`, token, ...json(args));
  }
  return api as unknown as ArchiveApi;
}

/** Archive events from the bridge's Server-Sent Events stream; returns the unsubscribe function. */
export function subscribeHttpEvents(token: string, listener: (event: ArchiveEvent) => void): () => void {
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (message: MessageEvent<string>) => {
    try {
      listener(JSON.parse(message.data) as ArchiveEvent);
    } catch {
      // A malformed event is dropped; the import's final report is what counts.
    }
  };
  return () => source.close();
}

/** A file to upload and the relative name (folder/file) it should be imported under. */
export interface UploadFile {
  file: File;
  name: string;
}

export interface UploadOptions {
  jobId: string;
  tags: string[];
  signal: AbortSignal;
  onUploaded(done: number, total: number, name: string): void;
}

/**
 * Requests sent at once: a small file's upload is mostly waiting for the round trip, so a few in
 * flight keep the server busy (the order of the batch is the order they were sent in).
 */
export const uploadsInFlight = 4;

/** One request of an upload: a file alone, or a pack of small files (shared/upload-pack.ts). */
export function uploadRequest(batch: string, files: Array<{ name: string; file: Blob }>): { path: string; body: Blob; headers: Record<string, string> } {
  const headers = { 'Content-Type': 'application/octet-stream', 'X-Upload-Batch': batch };
  if (files.length === 1) return { path: '/api/upload/file', body: files[0]!.file, headers: { ...headers, 'X-File-Name': encodeURIComponent(files[0]!.name) } };
  return { path: '/api/upload/files', body: new Blob([packHead(files.map(({ name, file }) => ({ name, size: file.size }))), ...files.map(({ file }) => file)]), headers };
}

/** Tells serve to throw an upload's batch away, answer or not; `keepalive`: the request outlives the page. */
function abortUpload(token: string, batch: string, keepalive = false): void {
  void fetch('/api/upload/abort', { ...postInit(token, ...json({ batch })), keepalive }).catch(() => undefined);
}

/** Uploads files to a temp folder on the server and imports them as one job. */
export async function uploadAndImport(token: string, files: UploadFile[], options: UploadOptions): Promise<ImportReport> {
  const { batch } = (await post('/api/upload/begin', token, ...json({}), options.signal)) as { batch: string };
  // A page closed or reloaded mid-upload says so as it goes: serve drops the batch (and what it
  // stored) at once, instead of after its idle time. Once the commit is sent, the import is serve's.
  // A page kept for Back may come back and go on sending: it is left to the idle time.
  const abandon = (event: PageTransitionEvent): void => {
    if (!event.persisted) abortUpload(token, batch, true);
  };
  window.addEventListener('pagehide', abandon);
  try {
    let done = 0;
    let next = 0;
    let failed = false;
    // Small files go several to a request: a request costs both sides more than a small file.
    const packs = uploadPacks(files.map((f) => ({ ...f, size: f.file.size })));
    const sendNext = async (): Promise<void> => {
      while (next < packs.length && !failed) {
        if (options.signal.aborted) throw new ArchiveError('cancelled', 'cancelled');
        const pack = packs[next++]!;
        options.onUploaded(done, files.length, pack[0]!.name);
        const request = uploadRequest(batch, pack);
        await post(request.path, token, request.body, request.headers, options.signal);
        done += pack.length;
      }
    };
    // The first failure stops the others from sending more (the batch is thrown away below).
    await Promise.all(Array.from({ length: Math.min(uploadsInFlight, packs.length) }, () => sendNext().catch((error: unknown) => {
      failed = true;
      throw error;
    })));
    options.onUploaded(done, files.length, '');
  } catch (error) {
    abortUpload(token, batch);
    throw error;
  } finally {
    window.removeEventListener('pagehide', abandon);
  }
  return (await post('/api/upload/commit', token, ...json({ batch, jobId: options.jobId, tags: options.tags }))) as ImportReport;
}

/** GETs item `id`'s original; `token` for the web bridge, null on app:// (same origin, no token). */
export async function fetchOriginalBytes(id: number, token: string | null): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(originalUrlPath(id), {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    throw new ArchiveError('archive-unavailable', `Khizana is not reachable (${String(error)}). Is \`khizana serve\` still running?`);
  }
  if (!response.ok) await answer(response); // throws the error the server reported
  return response.arrayBuffer();
}
