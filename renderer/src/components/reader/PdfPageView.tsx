// One page of a PDF item as printed, rendered by pdf.js from the archived original, with the
// current search's hits on that page marked over it.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useArchive } from '../../hooks/archive-context.js';
import type { PDFDocumentProxy } from '../../lib/pdf/load-pdf.js';
import { loadPdfJs } from '../../lib/pdf/load-pdf.js';
import { hitBoxes, pageText, type HitBox, type PdfTextItem } from '../../lib/pdf/page-hits.js';
import { ErrorBanner } from '../common/ErrorBanner.js';
import { useT } from '../../i18n/locale.js';

interface PdfPageViewProps {
  doc: PDFDocumentProxy | null;
  /** Why the PDF could not be opened, if it could not. */
  error: unknown;
  page: number;
  pages: number;
  /** The search query whose hits are marked ('' for none). */
  query: string;
}

interface Rendered {
  key: string;
  width: number;
  height: number;
  hits: HitBox[];
}

const maxWidth = 980;

/** The width available to the page: the pane's, within bounds, followed as the window resizes. */
function usePaneWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => setWidth(Math.max(240, Math.min(maxWidth, Math.floor(element.clientWidth - 48))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Page `page` of `doc` on a canvas fitted to the pane, and boxes over the query's hits. */
export function PdfPageView({ doc, error, page, pages, query }: PdfPageViewProps) {
  const t = useT();
  const { api } = useArchive();
  const paneRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hitsRef = useRef<HTMLDivElement>(null);
  const width = usePaneWidth(paneRef);
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [renderError, setRenderError] = useState<unknown>(null);
  const key = `${page}\u0000${width}\u0000${query}`;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!doc || !canvas || width === 0) return;
    let live = true;
    let cancel = (): void => undefined;
    setRenderError(null);
    (async () => {
      const [pdfPage, pdfjs] = await Promise.all([doc.getPage(page), loadPdfJs()]);
      if (!live) return;
      const viewport = pdfPage.getViewport({ scale: width / pdfPage.getViewport({ scale: 1 }).width });
      const ratio = window.devicePixelRatio || 1;
      // Drawn off screen, then copied in one step: the old page stays until the new one is ready.
      const scratch = document.createElement('canvas');
      scratch.width = Math.floor(viewport.width * ratio);
      scratch.height = Math.floor(viewport.height * ratio);
      const task = pdfPage.render({ canvas: scratch, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) });
      cancel = () => task.cancel();
      // A highlight failure must not hide the page.
      const hits = query.trim() === '' ? Promise.resolve([]) : pageHits().catch((): HitBox[] => []);
      async function pageHits(): Promise<HitBox[]> {
        const content = await pdfPage.getTextContent({ disableNormalization: true });
        const items = content.items.filter((item): item is PdfTextItem & typeof item => 'str' in item);
        const text = pageText(items);
        if (text.text.trim() === '') return [];
        const [spans = []] = await api.highlight({ query, texts: [text.text] });
        return hitBoxes(items, text, spans, viewport, pdfjs.multiplyTransforms);
      }
      await task.promise;
      const boxes = await hits;
      if (!live) return;
      canvas.width = scratch.width;
      canvas.height = scratch.height;
      canvas.getContext('2d')?.drawImage(scratch, 0, 0);
      canvas.dataset.page = String(page);
      setRendered({ key, width: viewport.width, height: viewport.height, hits: boxes });
    })().catch((failure: unknown) => {
      if (live && (failure as { name?: string } | null)?.name !== 'RenderingCancelledException') setRenderError(failure);
    });
    return () => {
      live = false;
      cancel();
    };
  }, [doc, page, width, query, key, api]);

  const ready = rendered?.key === key;

  // A new page starts at its top, or at its first hit.
  useEffect(() => {
    if (!ready) return;
    const first = hitsRef.current?.firstElementChild;
    if (first) first.scrollIntoView({ block: 'center' });
    else paneRef.current?.parentElement?.scrollTo({ top: 0 });
  }, [ready, page]);

  const shown = rendered ?? { width, height: Math.round(width * 1.294), hits: [] };
  return (
    <div ref={paneRef} className="pdf-pane">
      <ErrorBanner error={error ?? renderError} />
      <div
        className="pdf-page"
        aria-busy={!ready}
        data-ready={ready ? 'true' : undefined}
        style={{ width: shown.width, height: shown.height }}
      >
        <canvas ref={canvasRef} role="img" aria-label={t('reader.pdfPage', { page, pages })} style={{ width: shown.width, height: shown.height }} />
        {ready && (
          <div ref={hitsRef} className="pdf-hits" aria-label={t('reader.pdfPageHits', { count: shown.hits.length })}>
            {shown.hits.map((box, i) => (
              <div
                key={i}
                className="pdf-hit"
                style={{ left: box.left, top: box.top, width: box.width, height: box.height, transform: box.angle ? `rotate(${box.angle}rad)` : undefined }}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
