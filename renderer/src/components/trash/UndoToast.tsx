import { useEffect, useRef, useState } from 'react';
import { Icon } from '../common/Icon.js';

/** What was just moved to the trash, for the Undo toast. */
export interface Trashed {
  id: number;
  title: string;
  notes: number;
  /** What happened, when it was not a move to the trash (e.g. "annotation deleted."). */
  message?: string;
}

/** How long Undo is offered. */
export const undoMs = 8000;

interface UndoToastProps {
  trashed: Trashed | null;
  onUndo(trashed: Trashed): void;
  onDismiss(): void;
}

/**
 * "Moved to the trash … Undo" for a few seconds after a delete. A status region, so screen readers
 * announce it; the timer pauses while the pointer or the keyboard focus is on it.
 */
export function UndoToast({ trashed, onUndo, onDismiss }: UndoToastProps) {
  const [paused, setPaused] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!trashed || paused) return;
    const timer = setTimeout(onDismiss, undoMs);
    return () => clearTimeout(timer);
  }, [trashed, paused, onDismiss]);
  useEffect(() => setPaused(false), [trashed]);
  return (
    <div
      ref={ref}
      className="undo-toast"
      role="status"
      aria-live="polite"
      hidden={!trashed}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(ref.current?.contains(document.activeElement) ?? false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => setPaused(ref.current?.contains(e.relatedTarget as Node | null) ?? false)}
    >
      {trashed && (
        <>
          <Icon name="trash" size={16} />
          {/* The title may be long: only it is cut short, never the count of notes. */}
          <span className="undo-text">
            <bdi className="undo-title" dir="auto" title={trashed.title}>{trashed.title || '(untitled)'}</bdi>
            <span className="undo-what">
              {trashed.message ?? <>moved to the trash{trashed.notes > 0 && ` with ${trashed.notes} attached note${trashed.notes === 1 ? '' : 's'}`}.</>}
            </span>
          </span>
          <button type="button" className="button" onClick={() => onUndo(trashed)}>Undo</button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            <Icon name="close" size={12} />
          </button>
        </>
      )}
    </div>
  );
}
