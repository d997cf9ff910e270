// Everything annotations add to the reader, in one hook so ArticleView only places it: the
// selection toolbar, the highlights, the panel, Undo after a delete, and "Quote in note".
import { useCallback, useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { AnnotationColor, AnnotationInfo, ItemDetail } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useT } from '../../i18n/locale.js';
import { UndoToast, type UndoOffer } from '../trash/UndoToast.js';
import { textOffsetAt } from './annotation-dom.js';
import { quoteMarkdown } from './annotation-colors.js';
import { AnnotationsPanel } from './AnnotationsPanel.js';
import { AnnotationToolbar, useTextSelection } from './AnnotationToolbar.js';
import { useArticleAnnotations } from './use-annotations.js';
import type { AnnotationRequest } from './Reader.js';

export interface AnnotationLayer {
  /** The annotations panel (null without annotations). */
  panel: ReactNode;
  /** The toolbar over a selection and the Undo toast (fixed-position). */
  overlay: ReactNode;
  /** Changes when a quote went into a note, so the notes panel shows the note as saved. */
  notesKey: number;
}

/** Annotations of the open article in `bodyRef`; `request` (an annotation) is scrolled to once shown. */
export function useAnnotationLayer(item: ItemDetail, bodyRef: RefObject<HTMLElement | null>, request: AnnotationRequest | undefined, onError: (error: unknown) => void): AnnotationLayer {
  const t = useT();
  const { api, dataChanged } = useArchive();
  const annotations = useArticleAnnotations(item, bodyRef, request);
  const [pending, setPending] = useTextSelection(bodyRef, annotations.textMap);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [notesKey, setNotesKey] = useState(0);
  const dismissUndo = useCallback(() => setUndo(null), []);
  const [awaitedNote, setAwaitedNote] = useState<{ id: number; text: string } | null>(null);

  // A click on a highlight makes its annotation the active one (and shows it in the panel).
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const onClick = (e: MouseEvent) => {
      if (!window.getSelection()?.isCollapsed) return;
      const map = annotations.textMap();
      const at = map && textOffsetAt(map, e.clientX, e.clientY);
      if (at === null || at === undefined) return;
      const hit = annotations.list.find((a) => a.resolved && a.resolved.start <= at && at < a.resolved.end);
      if (hit) annotations.setActive(hit.uid);
    };
    body.addEventListener('click', onClick);
    return () => body.removeEventListener('click', onClick);
  }, [bodyRef, annotations]);

  // The notes panel is shown anew once the item holds the note as the quote left it.
  useEffect(() => {
    if (awaitedNote && item.notes.some((n) => n.id === awaitedNote.id && n.text === awaitedNote.text)) {
      setNotesKey((k) => k + 1);
      setAwaitedNote(null);
    }
  }, [item.notes, awaitedNote]);

  const highlight = (color: AnnotationColor, comment: string) => {
    if (!pending) return;
    setPending(null);
    window.getSelection()?.removeAllRanges();
    api.addAnnotation({ id: item.id, start: pending.start, end: pending.end, color, comment }).then((a) => {
      annotations.setActive(a.uid);
      dataChanged();
    }, onError);
  };
  const update = (uid: string, change: { comment?: string; color?: AnnotationColor }) => {
    api.updateAnnotation({ annotation: uid, ...change }).then(() => dataChanged(), onError);
  };
  const remove = (a: AnnotationInfo) => {
    api.deleteAnnotation({ annotation: a.uid }).then(() => {
      setUndo({
        key: Date.now(),
        icon: 'trash',
        text: (
          <span className="undo-text">
            <bdi className="undo-title" dir="auto" title={a.exact}>{a.exact}</bdi>
            <span className="undo-what">{t('annot.deleted')}</span>
          </span>
        ),
        undo: () => {
          setUndo(null);
          api.restoreAnnotation({ annotation: a.uid }).then(() => dataChanged(), onError);
        },
      });
      dataChanged();
    }, onError);
  };
  // Into the item's first note (the one the notes panel opens on), or a new note on the item.
  const quote = (a: AnnotationInfo) => {
    const block = quoteMarkdown(a.exact, a.uid, a.page);
    const first = item.notes[0];
    const saved = first
      ? api.updateNote({ id: first.id, text: `${first.text.replace(/\s+$/u, '')}\n\n${block}` })
      : api.addNote({ text: block, on: item.id });
    saved.then((note) => {
      setAwaitedNote({ id: note.id, text: note.text });
      dataChanged();
    }, onError);
  };

  return {
    panel: (
      <AnnotationsPanel list={annotations.list} lang={item.lang} active={annotations.active} onOpen={(uid) => annotations.scrollTo(uid)} onUpdate={update} onDelete={remove} onQuote={quote} />
    ),
    overlay: (
      <>
        {pending && <AnnotationToolbar key={`${pending.start}:${pending.end}`} pending={pending} onHighlight={highlight} onCancel={() => setPending(null)} />}
        {/* Mounted only while it offers Undo: the app keeps its own toast (one .undo-toast at rest). */}
        {undo && <UndoToast offer={undo} onDismiss={dismissUndo} />}
      </>
    ),
    notesKey,
  };
}
