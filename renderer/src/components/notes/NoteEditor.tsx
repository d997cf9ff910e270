import { useState } from 'react';
import type { NoteInfo } from '../../../../electron/shared/dto.js';
import { useNoteAutosave } from '../../hooks/use-note-autosave.js';
import { MarkdownPreview } from './MarkdownPreview.js';
import { SaveStatusLine } from './SaveStatusLine.js';

interface NoteEditorProps {
  noteId: number | null;
  initialText: string;
  parentId: number | null;
  onCreated?: (note: NoteInfo) => void;
  autoFocus?: boolean;
  placeholder?: string;
}

/**
 * Markdown editor with live preview. Each line takes its own direction (unicode-bidi:
 * plaintext), so Arabic, English and mixed lines keep caret and selection where they belong.
 * Mount it with a `key` per note: it owns its text after the first render.
 */
export function NoteEditor({ noteId, initialText, parentId, onCreated, autoFocus, placeholder }: NoteEditorProps) {
  const [text, setText] = useState(initialText);
  const autosave = useNoteAutosave({ noteId, parentId, ...(onCreated ? { onCreated } : {}) });
  return (
    <div className="note-editor">
      <div className="note-columns">
        <textarea
          className="note-text"
          aria-label="Note"
          dir="auto"
          spellCheck
          placeholder={placeholder ?? 'Write a note in Markdown — اكتب ملاحظة'}
          value={text}
          autoFocus={autoFocus}
          onChange={(e) => {
            setText(e.target.value);
            autosave.change(e.target.value);
          }}
          onBlur={autosave.flush}
        />
        <MarkdownPreview text={text} />
      </div>
      <div className="note-footer">
        <SaveStatusLine status={autosave.status} />
        <span className="muted hint">Markdown: **bold**, _italic_, # heading, - list</span>
      </div>
    </div>
  );
}
