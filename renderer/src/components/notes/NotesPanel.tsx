import { useState } from 'react';
import type { ItemDetail } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { noteTitle } from '../../lib/markdown.js';
import { ConfirmButton } from '../common/ConfirmButton.js';
import { Icon } from '../common/Icon.js';
import { NoteEditor } from './NoteEditor.js';
import type { OpenItem } from './MarkdownPreview.js';
import { useT } from '../../i18n/locale.js';
import { formatCount } from '../../lib/format.js';
import { useNotesHeight } from './NotesResizer.js';

/** The editor's slot: its key stays the same when a new note gets its id, so typing is never interrupted. */
interface Slot {
  key: string;
  noteId: number | null;
  /** Put the caret in the editor (the user just asked for a new note). */
  focus?: boolean;
}

let slotCounter = 0;
const newSlot = (noteId: number | null, focus = false): Slot => ({ key: `slot-${++slotCounter}`, noteId, focus });

/** Notes attached to the open item, docked under the reader; collapsible. Key it by item id. */
export function NotesPanel({ item, onOpenItem }: { item: ItemDetail; onOpenItem?: OpenItem | undefined }) {
  const t = useT();
  const { api, dataChanged } = useArchive();
  // Open when there is something to read; otherwise a slim bar leaves the article its room.
  const [open, setOpen] = useState(item.notes.length > 0);
  const [slot, setSlot] = useState<Slot>(() => newSlot(item.notes[0]?.id ?? null));

  const size = useNotesHeight();

  const active = item.notes.find((n) => n.id === slot.noteId);
  return (
    <section className={`notes-panel${open ? ' open' : ''}`} aria-label={t('notes.panel')} style={open ? { blockSize: size.height } : undefined}>
      {open && <div {...size.separator} />}
      <header className="notes-header">
        <button type="button" className="notes-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name="note" /> {t('notes.toggle')} <span className="count">{formatCount(item.notes.length)}</span>
        </button>
        {open && (
          <div className="note-tabs" role="tablist" aria-label={t('notes.tabs')}>
            {item.notes.map((n) => (
              <button key={n.id} type="button" role="tab" aria-selected={n.id === slot.noteId} className="note-tab" onClick={() => setSlot(newSlot(n.id))}>
                <bdi>{noteTitle(n.text) || t('notes.untitled')}</bdi>
              </button>
            ))}
            <button type="button" role="tab" aria-selected={slot.noteId === null} className="note-tab new" onClick={() => setSlot(newSlot(null, true))}>
              <Icon name="plus" size={13} /> {t('notes.new')}
            </button>
          </div>
        )}
        {!open && (
          <button type="button" className="button subtle" onClick={() => { setSlot(newSlot(null, true)); setOpen(true); }}>
            <Icon name="plus" size={13} /> {t('notes.add')}
          </button>
        )}
        {open && slot.noteId !== null && (
          <ConfirmButton
            label={t('notes.delete')}
            confirmLabel={t('notes.delete')}
            onConfirm={() => {
              void api.deleteNote({ id: slot.noteId! }).then(() => {
                setSlot(newSlot(null));
                dataChanged();
              });
            }}
          >
            <Icon name="trash" />
          </ConfirmButton>
        )}
      </header>
      {open && (
        <NoteEditor
          key={slot.key}
          noteId={slot.noteId}
          initialText={active?.text ?? ''}
          parentId={item.id}
          autoFocus={slot.focus ?? false}
          {...(onOpenItem ? { onOpenItem } : {})}
          onCreated={(note) => setSlot((s) => (s.key === slot.key ? { ...s, noteId: note.id } : s))}
        />
      )}
    </section>
  );
}
