import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

/** What was just moved to the trash, for the Undo toast. */
export interface Trashed {
  id: number;
  title: string;
  notes: number;
}

/** Something just done that can be undone (a delete, a bulk tag …), as the toast shows it. */
export interface UndoOffer {
  /** A new key for each action, so the timer starts over. */
  key: number;
  icon: IconName;
  text: ReactNode;
  /** Undoes it; null when nothing changed (the toast only says so). */
  undo: (() => void) | null;
}

/** How long Undo is offered. */
export const undoMs = 8000;

interface UndoToastProps {
  offer: UndoOffer | null;
  onDismiss(): void;
}

/**
 * "Moved to the trash … Undo" for a few seconds after an action. A status region, so screen readers
 * announce it; the timer pauses while the pointer or the keyboard focus is on it.
 */
export function UndoToast({ offer, onDismiss }: UndoToastProps) {
  const t = useT();
  const [paused, setPaused] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!offer || paused) return;
    const timer = setTimeout(onDismiss, undoMs);
    return () => clearTimeout(timer);
  }, [offer, paused, onDismiss]);
  useEffect(() => setPaused(false), [offer?.key]);
  return (
    <div
      ref={ref}
      className="undo-toast"
      role="status"
      aria-live="polite"
      hidden={!offer}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(ref.current?.contains(document.activeElement) ?? false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => setPaused(ref.current?.contains(e.relatedTarget as Node | null) ?? false)}
    >
      {offer && (
        <>
          <Icon name={offer.icon} size={16} />
          {offer.text}
          {offer.undo && <button type="button" className="button" onClick={offer.undo}>{t('toast.undo')}</button>}
          <button type="button" className="icon-button" aria-label={t('toast.dismiss')} onClick={onDismiss}>
            <Icon name="close" size={12} />
          </button>
        </>
      )}
    </div>
  );
}

/** The toast's words for an item moved to the trash: only the title is cut short, never the count of notes. */
export function trashedText(trashed: Trashed, t: ReturnType<typeof useT>): ReactNode {
  return (
    <span className="undo-text">
      <bdi className="undo-title" dir="auto" title={trashed.title}>{trashed.title || t('common.untitled')}</bdi>
      <span className="undo-what">
        {t('toast.movedToTrash', { withNotes: trashed.notes > 0 ? t('toast.withNotes', { count: trashed.notes }) : '' })}
      </span>
    </span>
  );
}
