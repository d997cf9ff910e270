import { useCallback, useRef, useState } from 'react';
import type { ItemDetail, TagInfo } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { Icon } from '../common/Icon.js';
import { NotesPanel } from '../notes/NotesPanel.js';
import { ArticleBody } from './ArticleBody.js';
import { HitNavigator } from './HitNavigator.js';
import { MetadataEditor } from './MetadataEditor.js';
import { ReaderMeta } from './ReaderMeta.js';
import { TagEditor } from './TagEditor.js';
import { useTagActions } from './use-tag-actions.js';
import type { Trashed } from '../trash/UndoToast.js';

interface ArticleViewProps {
  item: ItemDetail;
  query: string;
  allTags: readonly TagInfo[];
  onOpenTag(tag: string): void;
  /** Called after the item moved to the trash (the caller offers Undo). */
  onDeleted(trashed?: Trashed): void;
  onError(error: unknown): void;
}

/** An imported article: header, tags, the text with hits, and its notes. */
export function ArticleView({ item, query, allTags, onOpenTag, onDeleted, onError }: ArticleViewProps) {
  const { api, host, dataChanged } = useArchive();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [hitCount, setHitCount] = useState(0);
  const tagActions = useTagActions(item.id, onError);
  const onHitCount = useCallback((n: number) => setHitCount(n), []);

  return (
    <div className="reader-pane">
      <div className="reader-toolbar">
        <HitNavigator bodyRef={bodyRef} count={hitCount} resetKey={`${item.id}\u0000${query}`} />
        <span className="toolbar-spacer" />
        {host && item.source && (
          <button type="button" className="button subtle" onClick={() => void host.openOriginal(item.id).catch(onError)}>
            <Icon name="external" /> Open original
          </button>
        )}
        {/* No confirmation: it goes to the trash, and the toast offers Undo. */}
        <button
          type="button"
          className="button subtle"
          aria-label="Delete item"
          title="Move to the trash"
          onClick={() => void api.deleteItem({ id: item.id }).then(({ notes }) => { onDeleted({ id: item.id, title: item.title, notes }); dataChanged(); }, onError)}
        >
          <Icon name="trash" />
        </button>
      </div>
      <div className="reader-scroll">
        <article className="reader-article" aria-labelledby={`title-${item.id}`} lang={item.lang ?? undefined}>
          <header className="reader-header">
            <h1 id={`title-${item.id}`} dir="auto">{item.title || '(untitled)'}</h1>
            <ReaderMeta item={item} />
            <MetadataEditor key={item.id} item={item} onError={onError} />
            <TagEditor tags={item.tags} allTags={allTags} onOpenTag={onOpenTag} {...tagActions} />
            {item.warnings.length > 0 && (
              <ul className="warnings" aria-label="Import warnings">
                {item.warnings.map((w) => <li key={w} dir="auto">{w}</li>)}
              </ul>
            )}
          </header>
          <ArticleBody item={item} query={query} bodyRef={bodyRef} onHitCount={onHitCount} />
        </article>
      </div>
      <NotesPanel key={item.id} item={item} />
    </div>
  );
}
