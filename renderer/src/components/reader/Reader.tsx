import type { NoteInfo, TagInfo } from '../../../../electron/shared/dto.js';
import { useItem } from '../../hooks/use-item.js';
import { ErrorBanner } from '../common/ErrorBanner.js';
import { ArticleView } from './ArticleView.js';
import { NoteView } from './NoteView.js';
import { ReaderEmpty } from './ReaderEmpty.js';
import type { Trashed } from '../trash/UndoToast.js';
import type { PageRequest } from './use-page-navigation.js';
import type { OpenItem } from '../notes/MarkdownPreview.js';

/** What the reader shows: an item by id, or a new note (draftKey) not saved yet. */
export interface Selection {
  id: number | null;
  /** Set for notes created here, so the editor survives getting its id. */
  draftKey?: string;
  /** A PDF page to show (a search result's "p. 7"). */
  page?: PageRequest;
  /** An annotation to scroll to (a search hit in an annotation, a link in a note). */
  annotation?: AnnotationRequest;
}

/** A request to scroll to annotation `uid`; `seq` tells a repeated request from the one already served. */
export interface AnnotationRequest {
  uid: string;
  seq: number;
}

interface ReaderProps {
  selection: Selection | null;
  query: string;
  allTags: readonly TagInfo[];
  onOpenItem: OpenItem;
  onOpenTag(tag: string): void;
  onNoteCreated(note: NoteInfo, draftKey: string): void;
  onClosed(): void;
  /** An item went to the trash from the reader. */
  onTrashed(trashed: Trashed): void;
  onError(error: unknown): void;
}

/** Right pane: the open article or note. */
export function Reader({ selection, query, allTags, onOpenItem, onOpenTag, onNoteCreated, onClosed, onTrashed, onError }: ReaderProps) {
  const { value: item, error, loading } = useItem(selection?.id ?? null);
  const onTrashedAndClosed = (trashed?: Trashed) => {
    onClosed();
    if (trashed) onTrashed(trashed);
  };
  if (!selection) return <ReaderEmpty />;
  if (selection.draftKey) {
    const draftKey = selection.draftKey;
    return (
      <NoteView
        key={draftKey}
        item={item ?? null}
        allTags={allTags}
        onCreated={(note) => onNoteCreated(note, draftKey)}
        onOpenItem={onOpenItem}
        onOpenTag={onOpenTag}
        onDeleted={onTrashedAndClosed}
        onError={onError}
      />
    );
  }
  if (error && !item) return <div className="reader-pane"><ErrorBanner error={error} /></div>;
  if (!item) return <div className="reader-pane loading" aria-busy={loading} />;
  if (item.kind === 'note') {
    return (
      <NoteView key={item.id} item={item} allTags={allTags} onCreated={() => undefined} onOpenItem={onOpenItem} onOpenTag={onOpenTag} onDeleted={onTrashedAndClosed} onError={onError} />
    );
  }
  return <ArticleView key={item.id} item={item} query={query} pageRequest={selection.page} annotation={selection.annotation} allTags={allTags} onOpenTag={onOpenTag} onOpenItem={onOpenItem} onDeleted={onTrashedAndClosed} onError={onError} />;
}
