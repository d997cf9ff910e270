// pdf.js for the page view. Loaded on first use (load-pdf.ts), being most of the UI's weight.
// Everything it needs comes from the app's own origin: the worker is bundled by Vite, the CMaps,
// standard fonts and JPEG 2000 decoder are copied into the build (renderer/vite.config.ts).
import { getDocument, GlobalWorkerOptions, PDFWorker, Util, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

// One worker for every PDF the page view opens: starting one (loading a 1 MB script) costs more
// than opening a small PDF. Destroying a document leaves a worker it was given running.
let worker: PDFWorker | null = null;

/** Starts the page view's worker now, if it is not running yet. */
export function startWorker(): PDFWorker {
  if (!worker || worker.destroyed) worker = new PDFWorker();
  return worker;
}

/** Opens a PDF from its bytes, under the app's strict CSP (no eval, no WebAssembly, nothing remote). */
export function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  const base = new URL('pdfjs/', document.baseURI).href;
  return getDocument({
    data: new Uint8Array(bytes),
    worker: startWorker(),
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    useWasm: false,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
  }).promise;
}

/** Multiplies two 2-D transforms (pdf.js's own helper). */
export const multiplyTransforms: (a: number[], b: number[]) => number[] = (a, b) => Util.transform(a, b) as number[];
