// Pages of a PDF with no text layer, sorted out (issue 13): a scan (an image is drawn) is read
// by OCR when an engine is given; a blank or vector-only page is "no text found". Used by pdf.ts.
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageHooks } from '../page-hooks.js';
import { ocrWarning } from './ocr-text.js';
import { ocrPdfPage, pageDrawsImage } from './pdf-page-ocr.js';

/** What a page without a text layer turned out to be. */
export type TextlessPage = { kind: 'ocr'; text: string } | { kind: 'scan' } | { kind: 'blank' };

/** Tallies a PDF's text-less pages and reads its scans; one per parse. */
export interface ScanReader {
  /** Classifies (and reads, with OCR) a page whose text layer is empty. */
  read(page: PDFPageProxy): Promise<TextlessPage>;
  /** Pages that went through OCR so far. */
  readonly ocrPages: number;
  /** The warnings for the whole document, given whether any page had text. */
  warnings(totalPages: number, hasText: boolean): string[];
}

export const noTextFoundWarning = 'no text found: the pages of this PDF are blank or drawings only; only its title and your notes are searchable';

/** A scan reader for one PDF; `onOcr` is called before each page goes to OCR. */
export function createScanReader(pdf: PDFDocumentProxy, hooks: PageHooks | undefined, noTextLayerWarning: string, onOcr: () => void): ScanReader {
  let ocrPages = 0;
  let ocrWithText = 0;
  let scansWithoutText = 0;
  return {
    get ocrPages() {
      return ocrPages;
    },
    async read(page) {
      if (!(await pageDrawsImage(page))) {
        return { kind: 'blank' };
      }
      if (!hooks?.ocr) {
        scansWithoutText++;
        return { kind: 'scan' };
      }
      ocrPages++;
      onOcr();
      const text = await ocrPdfPage(pdf, page, hooks.ocr);
      if (!/[\p{L}\p{N}]/u.test(text)) {
        scansWithoutText++;
        return { kind: 'scan' };
      }
      ocrWithText++;
      return { kind: 'ocr', text };
    },
    warnings(totalPages, hasText) {
      const warnings: string[] = [];
      if (ocrWithText > 0) warnings.push(ocrWarning(ocrWithText, totalPages));
      if (!hasText) warnings.push(scansWithoutText > 0 ? noTextLayerWarning : noTextFoundWarning);
      // Blank pages among pages with text are normal (an empty verso): no warning for them.
      else if (scansWithoutText > 0) {
        warnings.push(`${scansWithoutText} of ${totalPages} pages are scanned images without text${hooks?.ocr ? ' that OCR could read' : ''}; only the text of the others is searchable`);
      }
      return warnings;
    },
  };
}
