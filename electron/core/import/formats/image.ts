// Image files (PNG, JPEG, TIFF, WebP): a scan or a photo of a page, read by OCR (issue 13). The
// title is the file name (see scanTitle); the original is kept like every other format.
import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { ArchiveError } from '../../../shared/errors.js';
import { createLazyOcrEngine, ocrWarning, scanTitle } from '../ocr/ocr-text.js';
import { checkInputSize, checkTextLimit, documentLanguage, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';

/** Below this many pixels an image is upscaled ×2 before OCR: tesseract misreads small type (an A4 page under ~200 dpi). */
const upscaleBelowPixels = 4_000_000;

/**
 * The bytes tesseract reads best: small images upscaled ×2 (decoded by @napi-rs/canvas); the rest,
 * and what canvas cannot decode (TIFF), as they are (tesseract's own decoders read them).
 */
async function imageForOcr(bytes: Uint8Array): Promise<Uint8Array> {
  let image: Image;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return bytes;
  }
  if (image.width === 0 || image.height === 0 || image.width * image.height >= upscaleBelowPixels) return bytes;
  const canvas = createCanvas(image.width * 2, image.height * 2);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white'; // transparent pixels read as black otherwise
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toBuffer('image/png');
}

/** Image parser: the text OCR reads, with a "text from OCR" warning. */
export const parseImage: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  const hooks = ctx.pages;
  const engine = hooks?.ocr ?? createLazyOcrEngine();
  hooks?.onPage?.({ done: 0, total: 1, ocrPages: 1 });
  let text: string;
  try {
    text = await engine.recognize(await imageForOcr(bytes));
  } catch (error) {
    throw new ArchiveError('corrupt', `this image could not be read (${libraryMessage(error)}); check that it opens in an image viewer`);
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
