// Saves a note a moment after the user stops typing; creates it on the first save.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NoteInfo } from '../../../electron/shared/dto.js';
import { useArchive } from './archive-context.js';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'empty' }
  | { kind: 'error'; error: unknown };

interface AutosaveOptions {
  noteId: number | null;
  /** The item a new note is attached to; null for a standalone note. */
  parentId: number | null;
  onCreated?: (note: NoteInfo) => void;
  delayMs?: number;
}

export interface Autosave {
  status: SaveStatus;
  /** Call on every edit. */
  change(text: string): void;
  /** Saves now if anything is pending. */
  flush(): void;
}

/** Debounced, serialised saving of one note. */
export function useNoteAutosave({ noteId, parentId, onCreated, delayMs = 600 }: AutosaveOptions): Autosave {
  const { api, dataChanged } = useArchive();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const idRef = useRef(noteId);
  const pendingRef = useRef<string | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queueRef = useRef<Promise<void>>(Promise.resolve());
  const live = useRef(true);
  const createdRef = useRef(onCreated);
  createdRef.current = onCreated;

  const flush = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = null;
    const text = pendingRef.current;
    if (text === null) return;
    pendingRef.current = null;
    if (text.trim() === '') {
      if (live.current) setStatus({ kind: 'empty' });
      return;
    }
    // One save at a time, so a slow first save cannot create the note twice.
    queueRef.current = queueRef.current.then(async () => {
      if (live.current) setStatus({ kind: 'saving' });
      try {
        const id = idRef.current;
        const note = id === null ? await api.addNote({ text, on: parentId ?? undefined }) : await api.updateNote({ id, text });
        if (id === null) {
          idRef.current = note.id;
          createdRef.current?.(note);
        }
        if (live.current) setStatus({ kind: 'saved', at: note.updatedAt });
        dataChanged();
      } catch (error) {
        if (live.current) setStatus({ kind: 'error', error });
        pendingRef.current ??= text; // try again with the next edit or flush
      }
    });
  }, [api, parentId, dataChanged]);

  const change = useCallback(
    (text: string) => {
      pendingRef.current = text;
      setStatus({ kind: 'pending' });
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    live.current = true;
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      live.current = false;
      flush(); // leaving the note (another item, closing) never loses what was typed
    };
  }, [flush]);

  return { status, change, flush };
}
