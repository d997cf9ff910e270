import { useCallback, useRef, useState } from 'react';
import type { NoteInfo } from '../../../../electron/shared/dto.js';
import { useNoteAutosave } from '../../hooks/use-note-autosave.js';
import { useT } from '../../i18n/locale.js';
import { LinkSuggestions, linkSuggestionsId, suggestionId } from './LinkSuggestions.js';
import { MarkdownPreview } from './MarkdownPreview.js';
import type { OpenItem } from './MarkdownPreview.js';
import { SaveStatusLine } from './SaveStatusLine.js';
import { useLinkAutocomplete } from './use-link-autocomplete.js';

interface NoteEditorProps {
  noteId: number | null;
  initialText: string;
  parentId: number | null;
  onCreated?: (note: NoteInfo) => void;
  /** Opens an item or note a link in the preview points at. */
  onOpenItem?: OpenItem;
  autoFocus?: boolean;
  placeholder?: string;
}

/**
 * Markdown editor with live preview. Each line takes its own direction (unicode-bidi:
 * plaintext), so Arabic, English and mixed lines keep caret and selection where they belong.
 * `[[` links to an item or note by title. Mount it with a `key` per note: it owns its text after
 * the first render.
 */
export function NoteEditor({ noteId, initialText, parentId, onCreated, onOpenItem, autoFocus, placeholder }: NoteEditorProps) {
  const t = useT();
  const [text, setText] = useState(initialText);
  const autosave = useNoteAutosave({ noteId, parentId, ...(onCreated ? { onCreated } : {}) });
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const { change } = autosave;
  const replace = useCallback((next: string) => {
    setText(next);
    change(next);
  }, [change]);
  const links = useLinkAutocomplete(textareaRef, noteId, replace);
  const listed = links.open && links.hits.length > 0;
  return (
    <div className="note-editor">
      <div className="note-columns">
        <div className="note-input">
          <textarea
            ref={textareaRef}
            className="note-text"
            aria-label={t('notes.editor')}
            dir="auto"
            spellCheck
            placeholder={placeholder ?? t('notes.placeholder')}
            value={text}
            autoFocus={autoFocus}
            aria-autocomplete="list"
            aria-controls={listed ? linkSuggestionsId : undefined}
            aria-activedescendant={listed ? suggestionId(links.active) : undefined}
            onChange={(e) => {
              replace(e.target.value);
              links.follow(e.target.value, e.target.selectionStart);
            }}
            onSelect={(e) => links.follow(e.currentTarget.value, e.currentTarget.selectionStart)}
            onKeyDown={(e) => {
              if (links.onKeyDown(e)) e.preventDefault();
            }}
            onBlur={() => {
              links.hide();
              autosave.flush();
            }}
          />
          <LinkSuggestions ac={links} />
        </div>
        <MarkdownPreview text={text} {...(onOpenItem ? { onOpenItem } : {})} />
      </div>
      <div className="note-footer">
        <SaveStatusLine status={autosave.status} />
        <span className="muted hint">{t('notes.markdownHint')}</span>
      </div>
    </div>
  );
}
