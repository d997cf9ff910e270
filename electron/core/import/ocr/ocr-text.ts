// What OCR returns and how it is told, without loading tesseract (pdf.ts and the parser threads
// import this; tesseract.js itself loads on the first scan: see createLazyOcrEngine).

/** Reads images into text. */
export interface OcrEngine {
  /** Recognises one image (PNG, JPEG, TIFF, WebP, BMP bytes); returns its text, lines by "\n", paragraphs by "\n\n". */
  recognize(image: Uint8Array): Promise<string>;
  /** Ends the tesseract worker; safe to call twice. */
  close(): Promise<void>;
}

/** The warning every item whose text (or part of it) came from OCR carries. */
export function ocrWarning(pages: number, total: number | null): string {
  if (total === null) return 'text from OCR: it may contain misread words';
  return `text from OCR on ${pages} of ${total} page(s) (scanned images): it may contain misread words`;
}

/** Tesseract's text cleaned for storing: no bidi marks, no form feeds, at most one blank line. */
export function cleanOcrText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069\f]/gu, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/**
 * The title of a scan with no title of its own: its file name. OCR's first line is often a
 * letterhead, a logo read as letters or a running header; the file name is what the user chose.
 */
export function scanTitle(filePath: string): string {
  return filePath.split(/[\\/]/u).pop() || filePath;
}

/** An OCR engine that loads tesseract.js and starts its worker only when the first image comes. */
export function createLazyOcrEngine(): OcrEngine {
  let engine: Promise<OcrEngine> | null = null;
  return {
    async recognize(image) {
      engine ??= import('./ocr-engine.js').then((m) => m.createOcrEngine());
      return (await engine).recognize(image);
    },
    async close() {
      const running = engine;
      engine = null;
      await (await running)?.close();
    },
  };
}
