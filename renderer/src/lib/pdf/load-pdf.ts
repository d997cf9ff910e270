// The lazily loaded side of pdf.js: the page view imports this module, never pdf.js itself, so
// the UI's first load stays small (the browser loads ./pdfjs.js once, on the first page view).
import type { PDFDocumentProxy } from 'pdfjs-dist';

export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

/** pdf.js, loaded on first use. */
export function loadPdfJs(): Promise<typeof import('./pdfjs.js')> {
  return import('./pdfjs.js');
}

/** Opens a PDF from its bytes with pdf.js. */
export async function openPdfBytes(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  return (await loadPdfJs()).openPdf(bytes);
}

/** Loads pdf.js and starts its worker ahead of a likely page view (a pointer over a result's "p. 7"). */
export function warmUpPdfJs(): void {
  void loadPdfJs().then((pdfjs) => pdfjs.startWorker(), () => undefined);
}
