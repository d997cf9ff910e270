import { useDeferredValue, useLayoutEffect, useMemo, useRef } from 'react';
import type { LinkTarget } from '../../../../electron/shared/dto.js';
import { findAnnotationLinks, findNoteLinks } from '../../../../electron/shared/note-links.js';
import { useArchive } from '../../hooks/archive-context.js';
import { useAsync } from '../../hooks/use-async.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { useT } from '../../i18n/locale.js';

/** Opens an item or note in the reader; with an annotation's uid, scrolled to it. */
export type OpenItem = (id: number, annotation?: string) => void;

/** Shows each link to an item or note as what its target is now: one to open, or a broken one. */
function showLinkTargets(root: HTMLElement, targets: readonly LinkTarget[] | undefined, t: ReturnType<typeof useT>): void {
  if (!targets) return;
  const byUid = new Map(targets.map((t) => [t.uid, t]));
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a.note-link[data-uid]')) {
    const target = byUid.get(link.dataset.uid!);
    if (!target) continue;
    if (target.state === 'ok') {
      link.title = target.annotation ? t('link.openPassage', { title: target.title ?? '' }) : t(target.kind === 'note' ? 'link.openNote' : 'link.openItem', { title: target.title ?? '' });
      continue;
    }
    // The note's text is left as it is; the link says what happened to its target.
    link.classList.add('broken');
    const what = target.annotation ? t('link.deletedAnnotation') : t('link.deletedItem');
    link.title = target.state === 'trashed' ? t('link.inTrash', { what }) : what;
    link.setAttribute('aria-disabled', 'true');
    const label = link.ownerDocument.createElement('span');
    label.className = 'broken-label';
    label.textContent = what;
    link.after(' ', label);
  }
}

/**
 * The rendered, sanitised Markdown of a note; each block and line finds its own direction. Links to
 * items and notes open them in the app (`onOpenItem`); a link whose target was deleted shows as broken.
 */
export function MarkdownPreview({ text, onOpenItem }: { text: string; onOpenItem?: OpenItem }) {
  const t = useT();
  const { api, dataVersion } = useArchive();
  const deferred = useDeferredValue(text);
  const ref = useRef<HTMLDivElement>(null);
  const uids = useMemo(() => [...new Set([...findNoteLinks(deferred).map((l) => l.uid), ...findAnnotationLinks(deferred)])].sort().join(' '), [deferred]);
  const targets = useAsync(() => (uids === '' ? Promise.resolve([]) : api.linkTargets({ uids: uids.split(' ') })), [api, uids, dataVersion]);
  // React renders no children here: the sanitised fragment is inserted as is.
  useLayoutEffect(() => {
    if (!ref.current) return;
    ref.current.replaceChildren(renderMarkdown(deferred));
    showLinkTargets(ref.current, targets.value, t);
  }, [deferred, targets.value, t]);
  return (
    <div
      ref={ref}
      className="markdown"
      aria-label={t('notes.preview')}
      role="region"
      dir="auto"
      onClick={(e) => {
        const link = (e.target as Element).closest('a');
        if (!link) return;
        e.preventDefault(); // no link navigates: other links are inert, links to items open them here
        const uid = link.getAttribute('data-uid');
        const target = uid === null ? undefined : targets.value?.find((t) => t.uid === uid);
        if (target?.state === 'ok' && target.id !== null) onOpenItem?.(target.id, target.annotation ? target.uid : undefined);
      }}
    />
  );
}
