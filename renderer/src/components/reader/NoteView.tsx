import type { ItemDetail, NoteInfo, TagInfo } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { formatDateTime } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';
import { NoteEditor } from '../notes/NoteEditor.js';
import { Backlinks } from '../notes/Backlinks.js';
import { TagEditor } from './TagEditor.js';
import { useTagActions } from './use-tag-actions.js';
import type { Trashed } from '../trash/UndoToast.js';
import type { OpenItem } from '../notes/MarkdownPreview.js';

interface NoteViewProps {
  /** The note, or null for a new standalone note not saved yet. */
  item: ItemDetail | null;
  allTags: readonly TagInfo[];
  onCreated(note: NoteInfo): void;
  onOpenItem: OpenItem;
  onOpenTag(tag: string): void;
  /** Called after the note moved to the trash (the caller offers Undo). */
  onDeleted(trashed?: Trashed): void;
  onError(error: unknown): void;
}

/** A note opened on its own: the editor fills the reader. */
export function NoteView({ item, allTags, onCreated, onOpenItem, onOpenTag, onDeleted, onError }: NoteViewProps) {
  const t = useT();
  const { api, dataChanged } = useArchive();
  const tagActions = useTagActions(item?.id ?? 0, onError);
  return (
    <div className="reader-pane note-view">
      <div className="reader-toolbar">
        <span className="toolbar-title"><Icon name="note" /> {item ? t('notes.editor') : t('notes.new')}</span>
        {item?.parentId != null && (
          <button type="button" className="button subtle" onClick={() => onOpenItem(item.parentId!)}>
            <Icon name="article" /> {t('noteView.openParent')}
          </button>
        )}
        <span className="toolbar-spacer" />
        {item && (
          // To the trash like any item, with Undo; notes on an item's panel are deleted there.
          <button
            type="button"
            className="button subtle"
            aria-label={t('notes.delete')}
            title={t('reader.deleteTitle')}
            onClick={() => void api.deleteItem({ id: item.id }).then(() => { onDeleted({ id: item.id, title: item.title, notes: 0 }); dataChanged(); }, onError)}
          >
            <Icon name="trash" />
          </button>
        )}
      </div>
      <article className="note-article" aria-label={item?.title || t('notes.new')}>
        {item && (
          <header className="note-header">
            <span className="muted">{t('noteView.dates', { created: formatDateTime(item.importedAt), edited: formatDateTime(item.updatedAt) })}</span>
            <TagEditor tags={item.tags} allTags={allTags} onOpenTag={onOpenTag} {...tagActions} />
            <Backlinks id={item.id} onOpenItem={onOpenItem} />
          </header>
        )}
        <NoteEditor noteId={item?.id ?? null} initialText={item?.text ?? ''} parentId={item?.parentId ?? null} onCreated={onCreated} onOpenItem={onOpenItem} autoFocus={!item} />
      </article>
    </div>
  );
}
