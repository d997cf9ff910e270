import { Fragment, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import type { ItemDetail } from '../../../../electron/shared/dto.js';
import { useHighlight } from '../../hooks/use-highlight.js';
import { markSpans, textNodesOf } from '../../lib/mark-text.js';
import { sanitizeToFragment } from '../../lib/sanitize.js';
import { writeClipboard } from '../../lib/clipboard.js';
import { spansWithin } from '../../lib/spans.js';
import { HighlightedText } from '../common/HighlightedText.js';
import { useRich } from '../../i18n/locale.js';
import { pageMarkerPlaces } from './page-markers.js';
import { PageMarkers } from './PageMarkers.js';
import { splitParagraphs } from './paragraphs.js';

interface ArticleBodyProps {
  item: ItemDetail;
  /** The search query whose hits are marked ('' for none). */
  query: string;
  bodyRef: Ref<HTMLDivElement>;
  /** Called once the hits are marked, with their number. */
  onHitCount(count: number): void;
  /** PDFs: a page marker ("p. 7") was clicked. */
  onOpenPage?: ((page: number) => void) | undefined;
}

/** The article: sanitised HTML or plain-text paragraphs, each in its own direction, hits marked. */
export function ArticleBody({ item, query, bodyRef, onHitCount, onOpenPage }: ArticleBodyProps) {
  return item.html ? (
    <HtmlBody item={item} html={item.html} query={query} bodyRef={bodyRef} onHitCount={onHitCount} />
  ) : (
    <TextBody item={item} query={query} bodyRef={bodyRef} onHitCount={onHitCount} onOpenPage={onOpenPage} />
  );
}

const noSpans: never[] = [];

function TextBody({ item, query, bodyRef, onHitCount, onOpenPage }: ArticleBodyProps) {
  const paragraphs = useMemo(() => splitParagraphs(item.text), [item.text]);
  const pages = useMemo(() => item.pageStarts && pageMarkerPlaces(paragraphs.map((p) => p.start), item.pageStarts), [paragraphs, item.pageStarts]);
  const texts = useMemo(() => [item.text], [item.text]);
  const spans = useHighlight(query, texts, `${item.id}:${item.updatedAt}`)?.[0] ?? noSpans;
  useLayoutEffect(() => onHitCount(spans.length), [spans, onHitCount]);
  return (
    <div ref={bodyRef} className="article-body text" dir={item.dir} lang={item.lang ?? undefined}>
      {paragraphs.map((p, i) => (
        <Fragment key={p.start}>
          <PageMarkers pages={pages?.before[i]} onOpen={onOpenPage} />
          <p dir="auto">
            <HighlightedText text={p.text} spans={spansWithin(spans, p.start, p.start + p.text.length)} />
          </p>
        </Fragment>
      ))}
      <PageMarkers pages={pages?.after} onOpen={onOpenPage} />
    </div>
  );
}

function HtmlBody({ item, html, query, bodyRef, onHitCount }: ArticleBodyProps & { html: string }) {
  const rich = useRich();
  const hostRef = useRef<HTMLDivElement | null>(null);
  // The sanitised fragment is built once per article; its text nodes are what the core highlights.
  const content = useMemo(() => {
    const fragment = sanitizeToFragment(html);
    const nodes = textNodesOf(fragment);
    return { fragment, nodes, texts: nodes.map((n) => n.data) };
  }, [html]);
  const spans = useHighlight(query, content.texts, `${item.id}:${item.updatedAt}`);
  const [copied, setCopied] = useState<string | null>(null);

  // React never renders children here: the article DOM is ours to fill and mark.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const fresh = content.fragment.cloneNode(true) as DocumentFragment;
    const count = spans?.length ? markSpans(textNodesOf(fresh), spans) : 0;
    host.replaceChildren(fresh);
    if (spans !== null) onHitCount(count);
  }, [content, spans, onHitCount]);

  const setRef = (el: HTMLDivElement | null): void => {
    hostRef.current = el;
    if (typeof bodyRef === 'function') bodyRef(el);
    else if (bodyRef) bodyRef.current = el;
  };
  return (
    <>
      <div
        ref={setRef}
        className="article-body html"
        dir={item.dir}
        lang={item.lang ?? undefined}
        onClick={(e) => {
          // Article links never navigate: the app is offline and the window must stay put. A click
          // copies where the link (or a removed image) pointed, so a researcher can cite or visit it.
          const target = e.target as Element;
          if (target.closest('a')) e.preventDefault();
          const address = inertAddress(target);
          if (address) void writeClipboard(address).then((ok) => setCopied(ok ? address : null));
        }}
      />
      {copied && (
        <div className="link-copied" role="status" onAnimationEnd={() => setCopied(null)}>
          {rich('reader.linkCopied', { address: copied, b: (chunks: ReactNode[]) => <bdi>{chunks}</bdi> })}
        </div>
      )}
    </>
  );
}

/** The address an inert link or a removed image in the article pointed to, if `el` is one. */
function inertAddress(el: Element): string | null {
  const link = el.closest('a[data-href]');
  if (link) return link.getAttribute('data-href');
  const image = el.closest('[data-removed-image][data-image-url]');
  return image ? image.getAttribute('data-image-url') : null;
}
