// The notes panel's height: a separator above it that drags or takes ↑/↓; kept in localStorage.
import { useCallback, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../i18n/locale.js';

const key = 'khizana.notesHeight';
const minHeight = 120;
/** Room the article always keeps above the notes (toolbar and a few lines). */
const articleRoom = 200;

function maxHeight(): number {
  return Math.max(minHeight, window.innerHeight - articleRoom);
}

function initialHeight(): number {
  const saved = Number(localStorage.getItem(key));
  // A third of the window by default, so the article's first lines show above an open note.
  return Number.isFinite(saved) && saved >= minHeight ? saved : Math.round(Math.min(window.innerHeight * 0.34, 340));
}

/** The open notes panel's height, and its separator's props. */
export function useNotesHeight() {
  const t = useT();
  const [height, setHeightState] = useState(initialHeight);
  const shown = Math.min(height, maxHeight());
  const setHeight = useCallback((h: number) => {
    const clamped = Math.round(Math.max(minHeight, Math.min(maxHeight(), h)));
    setHeightState(clamped);
    localStorage.setItem(key, String(clamped));
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const start = shown;
    const move = (m: globalThis.PointerEvent): void => setHeight(start + (startY - m.clientY));
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 80 : 24;
    const next = ({ ArrowUp: shown + step, ArrowDown: shown - step, Home: maxHeight(), End: minHeight } as Record<string, number>)[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setHeight(next);
  };

  const separator = {
    role: 'separator',
    tabIndex: 0,
    'aria-orientation': 'horizontal',
    'aria-label': t('notes.resize'),
    'aria-valuemin': minHeight,
    'aria-valuemax': maxHeight(),
    'aria-valuenow': shown,
    className: 'notes-resizer',
    onPointerDown,
    onKeyDown,
  } as const;
  return { height: shown, separator };
}
