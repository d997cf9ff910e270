// Image files (PNG, JPEG, TIFF, WebP): a scan or a photo of a page, read by OCR (issue 13). The
// title is the file name (see scanTitle); the original is kept like every other format.
import { ArchiveError } from '../../../shared/errors.js';
import { createLazyOcrEngine, ocrWarning, scanTitle } from '../ocr/ocr-text.js';
import { checkInputSize, checkTextLimit, documentLanguage, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';

/** Image parser: the text OCR reads, with a "text from OCR" warning. */
export const parseImage: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  const hooks = ctx.pages;
  const engine = hooks?.ocr ?? createLazyOcrEngine();
  hooks?.onPage?.({ done: 0, total: 1, ocrPages: 1 });
  let text: string;
  try {
    // The bytes go to tesseract as they are: its decoders run inside WebAssembly, so a hostile image
    // cannot crash the app (@napi-rs/canvas's native decoder crashes the process on a TIFF).
    text = await engine.recognize(bytes);
  } catch (error) {
    throw new ArchiveError('corrupt', `this image is damaged or not a PNG, JPEG, TIFF or WebP image (${libraryMessage(error)}); check that it opens in an image viewer`);
  } finally {
    if (!hooks?.ocr) await engine.close();
  }
  hooks?.onPage?.({ done: 1, total: 1, ocrPages: 1 });
  checkTextLimit(text.length, ctx.limits);
  const hasText = /[\p{L}\p{N}]/u.test(text);
  return {
    ...emptyDocument(),
    title: scanTitle(ctx.path),
    text: hasText ? text : '',
    lang: documentLanguage(null, text),
    warnings: [hasText ? ocrWarning(1, null) : 'no text found: OCR read no words in this image; only its title and your notes are searchable'],
  };
};
