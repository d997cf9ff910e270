// OCR of one PDF page: is it a scan (an image drawn, no text), and if so render it with pdf.js on
// @napi-rs/canvas at 300 dpi and read it. Rendering (not extracting the image XObject) handles
// every image codec, mask and transform pdf.js knows, and upscales low-resolution scans, which
// tesseract reads far better at 300 dpi (bench/README.md, OCR).
import { OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OcrEngine } from './ocr-text.js';

const imageOps = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
]);

/** Rendering resolution for OCR, and the most pixels one page may take (a poster-sized page is rendered smaller). */
export const ocrDpi = 300;
const maxPixels = 30_000_000;

/** True when the page draws at least one image (a scan), false for a blank or vector-only page. */
export async function pageDrawsImage(page: PDFPageProxy): Promise<boolean> {
  const ops = await page.getOperatorList();
  return ops.fnArray.some((fn) => imageOps.has(fn));
}

interface NodeCanvas {
  toBuffer(mime: 'image/png'): Uint8Array;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: unknown };
  destroy(entry: { canvas: NodeCanvas; context: unknown }): void;
}

/** Renders a page to a PNG at 300 dpi (less for a huge page), white background. */
export async function renderPageImage(pdf: PDFDocumentProxy, page: PDFPageProxy): Promise<Uint8Array> {
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(ocrDpi / 72, Math.sqrt(maxPixels / Math.max(1, base.width * base.height)));
  const viewport = page.getViewport({ scale });
  const factory = pdf.canvasFactory as CanvasFactory;
  const entry = factory.create(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
  try {
    await page.render({ canvasContext: entry.context as CanvasRenderingContext2D, canvas: null, viewport, background: 'white' }).promise;
    return entry.canvas.toBuffer('image/png');
  } finally {
    factory.destroy(entry);
  }
}

/** The OCR text of a page, or '' when it has no image or tesseract found nothing. */
export async function ocrPdfPage(pdf: PDFDocumentProxy, page: PDFPageProxy, engine: OcrEngine): Promise<string> {
  return engine.recognize(await renderPageImage(pdf, page));
}
