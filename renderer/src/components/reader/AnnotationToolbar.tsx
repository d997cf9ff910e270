// The little toolbar over a selection in the reader: highlight it in a colour, with an optional
// Markdown comment. The selection is read once (as offsets of the item's text) when it shows.
import { useEffect, useState, type RefObject } from 'react';
import { annotationColors, type AnnotationColor } from '../../../../electron/shared/dto.js';
import { textOfRange, type TextMap } from './annotation-dom.js';
import { useT } from '../../i18n/locale.js';

export interface PendingSelection {
  start: number;
  end: number;
  /** Where to show the toolbar (viewport coordinates of the selection's box). */
  box: { top: number; left: number; bottom: number; right: number };
}

/** Watches selections inside `bodyRef`'s article; the current one as offsets of the item's text, or null. */
export function useTextSelection(bodyRef: RefObject<HTMLElement | null>, textMap: () => TextMap | null): [PendingSelection | null, (s: PendingSelection | null) => void] {
  const [pending, setPending] = useState<PendingSelection | null>(null);
  useEffect(() => {
    const read = () => {
      const body = bodyRef.current;
      const selection = window.getSelection();
      const range = body && selection && !selection.isCollapsed && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      const map = textMap();
      const span = range && map && body!.contains(range.startContainer) && body!.contains(range.endContainer) ? textOfRange(map, range) : null;
      if (!range || !span) {
        setPending(null);
        return;
      }
      const rect = range.getBoundingClientRect();
      setPending({ ...span, box: { top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right } });
    };
    const onUp = (e: Event) => {
      if ((e.target as Element | null)?.closest?.('.annotation-toolbar')) return;
      setTimeout(read, 0); // after the browser settled the selection
    };
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
    };
  }, [bodyRef, textMap]);
  return [pending, setPending];
}

interface AnnotationToolbarProps {
  pending: PendingSelection;
  onHighlight(color: AnnotationColor, comment: string): void;
  onCancel(): void;
}

/** Colour swatches, and a comment box behind "Comment…". */
export function AnnotationToolbar({ pending, onHighlight, onCancel }: AnnotationToolbarProps) {
  const [commenting, setCommenting] = useState(false);
  const t = useT();
  const [comment, setComment] = useState('');
  const [color, setColor] = useState<AnnotationColor>('yellow');
  const top = pending.box.top > 120 ? pending.box.top - 8 : pending.box.bottom + 8;
  const above = pending.box.top > 120;
  const left = Math.min(Math.max(8, (pending.box.left + pending.box.right) / 2), window.innerWidth - 8);
  return (
    <div
      className={`annotation-toolbar${above ? ' above' : ''}`}
      role="dialog"
      aria-label={t('annot.toolbar')}
      style={{ top, left }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div className="annotation-swatches">
        {annotationColors.map((c) => (
          <button
            key={c}
            type="button"
            className={`swatch swatch-${c}`}
            aria-label={t('annot.highlightColour', { color: c })}
            aria-pressed={commenting ? c === color : undefined}
            title={t('annot.highlightInColour', { color: c })}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => (commenting ? setColor(c) : onHighlight(c, ''))}
          />
        ))}
        {!commenting && (
          <button type="button" className="button subtle" onMouseDown={(e) => e.preventDefault()} onClick={() => setCommenting(true)}>
            {t('annot.commentEllipsis')}
          </button>
        )}
      </div>
      {commenting && (
        <form
          className="annotation-comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            onHighlight(color, comment);
          }}
        >
          <textarea
            aria-label={t('annot.commentLabel')}
            dir="auto"
            rows={3}
            autoFocus
            value={comment}
            placeholder={t('annot.commentHint')}
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onHighlight(color, comment);
            }}
          />
          <div className="annotation-form-actions">
            <button type="button" className="button subtle" onClick={onCancel}>{t('details.cancel')}</button>
            <button type="submit" className="button primary">{t('annot.highlight')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
