// The `[[` autocomplete of the note editor: follows the caret, asks the archive's search for
// titles, and inserts the chosen item or note as a link to its uid.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { SearchHit } from '../../../../electron/shared/dto.js';
import { formatNoteLink } from '../../../../electron/shared/note-links.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useDebouncedValue } from '../../hooks/use-debounced-value.js';
import { caretCoordinates } from '../../lib/caret-position.js';
import { lineDirection, linkTriggerAt, titleQuery, type LinkTrigger } from '../../lib/link-query.js';

/** Where the popup goes, in pixels inside the textarea's box, and which way the line runs. */
export interface PopupPlace {
  top: number;
  left: number;
  width: number;
  above: boolean;
  dir: 'rtl' | 'ltr';
}

export interface LinkAutocomplete {
  open: boolean;
  query: string;
  hits: SearchHit[];
  loading: boolean;
  active: number;
  place: PopupPlace | null;
  setActive(index: number): void;
  choose(hit: SearchHit): void;
  /** Re-reads the trigger after an edit or a caret move. */
  follow(text: string, caret: number): void;
  /** Handles the arrows, Enter, Tab and Escape while the popup is open; true when it did. */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** Closes the popup for this `[[` (Escape): typing on does not reopen it. */
  close(): void;
  /** Hides the popup until the caret moves again (the editor lost the focus). */
  hide(): void;
}

const popupWidth = 340;
const popupHeight = 260;
const maxHits = 8;

/** The autocomplete for the textarea `ref`; `replace` puts new text (and the caret) into the editor. */
export function useLinkAutocomplete(ref: RefObject<HTMLTextAreaElement | null>, selfId: number | null, replace: (text: string) => void): LinkAutocomplete {
  const { api } = useArchive();
  const [trigger, setTrigger] = useState<LinkTrigger | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<PopupPlace | null>(null);
  const caretAfter = useRef<number | null>(null);

  const open = trigger !== null && trigger.start !== dismissed;
  const query = useDebouncedValue(open ? titleQuery(trigger.query) : '', 120);

  const follow = useCallback((text: string, caret: number) => {
    const next = linkTriggerAt(text, caret);
    setTrigger((old) => (old?.start === next?.start && old?.query === next?.query ? old : next));
    if (next === null) setDismissed(null);
    const textarea = ref.current;
    if (next && textarea) {
      const at = caretCoordinates(textarea, caret);
      const width = Math.min(popupWidth, textarea.clientWidth - 8);
      const dir = lineDirection(text, caret);
      // Right-to-left lines grow leftwards from the caret; the popup stays inside the editor.
      const left = Math.max(4, Math.min(dir === 'rtl' ? at.left - width : at.left, textarea.clientWidth - width - 4));
      const above = at.top + at.height + popupHeight > textarea.clientHeight && at.top > popupHeight;
      setPlace({ top: above ? at.top : at.top + at.height, left, width, above, dir });
    }
  }, [ref]);

  useEffect(() => {
    if (!open || query === '') {
      setHits([]);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    api.search({ query, limit: maxHits + 1 }).then(
      (result) => {
        if (!live) return;
        setHits(result.hits.filter((h) => h.id !== selfId).slice(0, maxHits));
        setActive(0);
        setLoading(false);
      },
      () => live && setLoading(false),
    );
    return () => {
      live = false;
    };
  }, [api, open, query, selfId]);

  // After a link is inserted React renders the new text; then the caret goes after the link.
  useLayoutEffect(() => {
    if (caretAfter.current === null || !ref.current) return;
    ref.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  });

  const close = useCallback(() => setDismissed(trigger?.start ?? null), [trigger]);
  const hide = useCallback(() => setTrigger(null), []);

  const choose = useCallback((hit: SearchHit) => {
    const textarea = ref.current;
    if (!textarea || !trigger) return;
    const text = textarea.value;
    const caret = textarea.selectionStart;
    // A `]]` typed (or auto-closed) after the caret goes with the `[[`.
    const end = text.startsWith(']]', caret) ? caret + 2 : caret;
    const link = formatNoteLink(hit.title || 'Untitled', hit.uid);
    caretAfter.current = trigger.start + link.length;
    setTrigger(null);
    replace(text.slice(0, trigger.start) + link + text.slice(end));
    textarea.focus();
  }, [ref, trigger, replace]);

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === 'Escape') {
      close();
      return true;
    }
    if (hits.length === 0) return false;
    if (event.key === 'ArrowDown') setActive((a) => (a + 1) % hits.length);
    else if (event.key === 'ArrowUp') setActive((a) => (a - 1 + hits.length) % hits.length);
    else if (event.key === 'Enter' || event.key === 'Tab') choose(hits[Math.min(active, hits.length - 1)]!);
    else return false;
    return true;
  }, [open, hits, active, choose, close]);

  return { open, query: trigger?.query ?? '', hits, loading, active, place, setActive, choose, follow, onKeyDown, close, hide };
}
