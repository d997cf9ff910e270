// The open PDF of the page view: fetched from the archive once per item, freed when left.
import { useEffect, useRef, useState } from 'react';
import { fetchOriginal } from '../api/get-archive-api.js';
import { openPdfBytes, type PDFDocumentProxy } from '../lib/pdf/load-pdf.js';

export interface PdfDocumentState {
  doc: PDFDocumentProxy | null;
  error: unknown;
}

/**
 * Item `id`'s original opened with pdf.js (null: none wanted yet); destroyed on change or unmount.
 * With `warmPage`, that page is prepared once the PDF is open (its fonts parsed and loaded, its
 * drawing commands built), so the first page view only paints.
 */
export function usePdfDocument(id: number | null, warmPage: number | null = null): PdfDocumentState {
  const warm = useRef(warmPage);
  warm.current = warmPage;
  const [state, setState] = useState<PdfDocumentState & { id: number | null }>({ id: null, doc: null, error: null });
  useEffect(() => {
    if (id === null) return;
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    fetchOriginal(id)
      .then(openPdfBytes)
      .then(
        (doc) => {
          opened = doc;
          if (!live) {
            void doc.destroy();
            return;
          }
          setState({ id, doc, error: null });
          const page = warm.current;
          if (page !== null && page <= doc.numPages) void doc.getPage(page).then((p) => p.getOperatorList()).catch(() => undefined);
        },
        (error: unknown) => live && setState({ id, doc: null, error }),
      );
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [id]);
  return state.id === id ? state : { doc: null, error: null };
}
