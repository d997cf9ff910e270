// One import at a time: by path (Electron, or a path typed in the browser) or by upload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportProgress, ImportReport } from '../../../electron/shared/dto.js';
import type { UploadFile } from '../api/http-client.js';
import { newJobId } from '../lib/ids.js';
import { useArchive } from './archive-context.js';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; jobId: string; done: number; total: number; current: string }
  | { phase: 'importing'; jobId: string; progress: ImportProgress | null }
  | { phase: 'done'; report: ImportReport }
  | { phase: 'failed'; error: unknown };

export interface ImportControl {
  state: ImportState;
  /** Imports files and folders by path on this machine. */
  importPaths(paths: string[], tags: string[]): void;
  /** Uploads files (browser) and imports them. */
  importFiles(files: UploadFile[], tags: string[]): void;
  cancel(): void;
  dismiss(): void;
  busy: boolean;
}

/** The import job of this window, with progress from archive events. */
export function useImport(): ImportControl {
  const { api, upload, subscribeEvents, dataChanged } = useArchive();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const jobRef = useRef<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(
    () =>
      subscribeEvents((event) => {
        if (event.type !== 'importProgress' || event.progress.jobId !== jobRef.current) return;
        setState((s) => (s.phase === 'importing' || s.phase === 'uploading' ? { phase: 'importing', jobId: event.progress.jobId, progress: event.progress } : s));
      }),
    [subscribeEvents],
  );

  const finish = useCallback(
    (run: Promise<ImportReport>) => {
      run.then(
        (report) => setState({ phase: 'done', report }),
        (error: unknown) => setState({ phase: 'failed', error }),
      ).finally(() => {
        jobRef.current = null;
        abortRef.current = null;
        dataChanged();
      });
    },
    [dataChanged],
  );

  const importPaths = useCallback(
    (paths: string[], tags: string[]) => {
      if (jobRef.current || paths.length === 0) return;
      const jobId = newJobId();
      jobRef.current = jobId;
      setState({ phase: 'importing', jobId, progress: null });
      finish(api.importPaths({ paths, tags, jobId }));
    },
    [api, finish],
  );

  const importFiles = useCallback(
    (files: UploadFile[], tags: string[]) => {
      if (jobRef.current || files.length === 0 || !upload) return;
      const jobId = newJobId();
      const abort = new AbortController();
      jobRef.current = jobId;
      abortRef.current = abort;
      setState({ phase: 'uploading', jobId, done: 0, total: files.length, current: files[0]?.name ?? '' });
      const run = upload(files, {
        jobId,
        tags,
        signal: abort.signal,
        onUploaded: (done, total, current) => {
          setState((s) => (s.phase === 'uploading' ? { ...s, done, total, current } : s));
          // Once every byte is up, the server imports: show import progress from here on.
          if (done === total) setState((s) => (s.phase === 'uploading' ? { phase: 'importing', jobId, progress: null } : s));
        },
      });
      finish(run);
    },
    [upload, finish],
  );

  const cancel = useCallback(() => {
    const jobId = jobRef.current;
    if (!jobId) return;
    if (abortRef.current && state.phase === 'uploading') abortRef.current.abort();
    else void api.cancelImport({ jobId }).catch(() => undefined);
  }, [api, state.phase]);

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, importPaths, importFiles, cancel, dismiss, busy: state.phase === 'uploading' || state.phase === 'importing' };
}
