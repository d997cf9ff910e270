import { useCallback, useRef, useState } from 'react';
import type { ItemDetail, TagInfo } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { usePdfDocument } from '../../hooks/use-pdf-document.js';
import { downloadOriginal } from '../../lib/download-original.js';
import { Icon } from '../common/Icon.js';
import { NotesPanel } from '../notes/NotesPanel.js';
import { Backlinks } from '../notes/Backlinks.js';
import { ArticleBody } from './ArticleBody.js';
import { HitNavigator } from './HitNavigator.js';
import { MetadataEditor } from './MetadataEditor.js';
import { PageControls } from './PageControls.js';
import { PdfPageView } from './PdfPageView.js';
import { ReaderMeta } from './ReaderMeta.js';
import { TagEditor } from './TagEditor.js';
import { useTagActions } from './use-tag-actions.js';
import { usePageNavigation, type PageRequest } from './use-page-navigation.js';
import type { Trashed } from '../trash/UndoToast.js';
import { useAnnotationLayer } from './ArticleAnnotations.js';
import type { OpenItem } from '../notes/MarkdownPreview.js';
import type { AnnotationRequest } from './Reader.js';
import { useT } from '../../i18n/locale.js';

interface ArticleViewProps {
  item: ItemDetail;
  query: string;
  /** Open at this page of a PDF, in the page view (a search result's "p. 7"). */
  pageRequest?: PageRequest | undefined;
  /** An annotation to open scrolled to (a search hit in an annotation, a link in a note). */
  annotation?: AnnotationRequest | undefined;
  allTags: readonly TagInfo[];
  onOpenTag(tag: string): void;
  /** Opens an item or note (a backlink, a link in a note). */
  onOpenItem?: OpenItem | undefined;
  /** Called after the item moved to the trash (the caller offers Undo). */
  onDeleted(trashed?: Trashed): void;
  onError(error: unknown): void;
}

const preloadPdfBytes = 30 * 1024 * 1024;

/** An imported article: header, tags, the text with hits, and its notes. */
export function ArticleView({ item, query, pageRequest, annotation, allTags, onOpenTag, onOpenItem, onDeleted, onError }: ArticleViewProps) {
  const t = useT();
  const { api, host, dataChanged } = useArchive();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [hitCount, setHitCount] = useState(0);
  const tagActions = useTagActions(item.id, onError);
  const onHitCount = useCallback((n: number) => setHitCount(n), []);
  const pages = usePageNavigation(item, bodyRef, pageRequest);
  // A PDF of a usual size opens with the item, so its page view shows at once; a big one waits
  // for the first page view.
  const annotations = useAnnotationLayer(item, bodyRef, annotation, onError);
  const pdf = usePdfDocument(pages && (pages.opened || (item.source?.bytes ?? 0) <= preloadPdfBytes) ? item.id : null, pages?.view === 'text' ? 1 : null);

  return (
    <div className="reader-pane">
      <div className="reader-toolbar">
        {pages?.view !== 'page' && <HitNavigator bodyRef={bodyRef} count={hitCount} resetKey={`${item.id}\u0000${query}`} />}
        {pages && <PageControls nav={pages} />}
        <span className="toolbar-spacer" />
        {item.source && (
          <button
            type="button"
            className="button subtle"
            title={host ? t('reader.openOriginalHost') : t('reader.openOriginalWeb')}
            onClick={() => void (host ? host.openOriginal(item.id) : downloadOriginal(item)).catch(onError)}
          >
            <Icon name="external" /> {t('reader.openOriginal')}
          </button>
        )}
        {/* No confirmation: it goes to the trash, and the toast offers Undo. */}
        <button
          type="button"
          className="button subtle"
          aria-label={t('reader.delete')}
          title={t('reader.deleteTitle')}
          onClick={() => void api.deleteItem({ id: item.id }).then(({ notes }) => { onDeleted({ id: item.id, title: item.title, notes }); dataChanged(); }, onError)}
        >
          <Icon name="trash" />
        </button>
      </div>
      {pages?.view === 'page' && (
        <div className="reader-scroll">
          <PdfPageView doc={pdf.doc} error={pdf.error} page={pages.page} pages={pages.pages} query={query} />
        </div>
      )}
      {/* Hidden, not removed, in the page view: back to the text is where you left it. */}
      <div className="reader-scroll" hidden={pages?.view === 'page'}>
        <article className="reader-article" aria-labelledby={`title-${item.id}`} lang={item.lang ?? undefined}>
          <header className="reader-header">
            <h1 id={`title-${item.id}`} dir="auto">{item.title || t('common.untitled')}</h1>
            <ReaderMeta item={item} />
            <MetadataEditor key={item.id} item={item} onError={onError} />
            <TagEditor tags={item.tags} allTags={allTags} onOpenTag={onOpenTag} {...tagActions} />
            <Backlinks id={item.id} onOpenItem={onOpenItem} />
            {item.warnings.length > 0 && (
              <ul className="warnings" aria-label={t('reader.warnings')}>
                {item.warnings.map((w) => <li key={w} dir="auto">{w}</li>)}
              </ul>
            )}
          </header>
          <ArticleBody item={item} query={query} bodyRef={bodyRef} onHitCount={onHitCount} onOpenPage={pages ? pages.showPage : undefined} />
        </article>
      </div>
      {annotations.panel}
      <NotesPanel key={`${item.id}:${annotations.notesKey}`} item={item} onOpenItem={onOpenItem} />
      {annotations.overlay}
    </div>
  );
}
