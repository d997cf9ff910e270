// When two imports hold "the same text": the fingerprint that spots a document imported again in
// another encoding or format, given only to text substantial enough that sharing it means sharing
// the document. Placeholder pages and repeated stamps are shared by unrelated documents.
import { createHash } from 'node:crypto';
import { analyseField, type AnalysedField } from '../storage/fts-row.js';

/**
 * Texts with fewer analysed words than this are never duplicates of each other: two different
 * articles share a one-line body ("Blah blah.", a caption) too often (2,110 false duplicates in
 * the English corpus without it).
 */
export const minFingerprintWords = 50;

/**
 * Nor texts with fewer different words: a stamp repeated on every page of a scan ("Scanned by
 * CamScanner": 3; Spire's and Aspose's evaluation lines: 11), "This page intentionally left
 * blank". Every one of the 34,341 corpus articles of 50 words or more (of 20,000 Arabic and
 * 20,000 English) has at least 21.
 */
export const minDistinctWords = 15;

/** A sentence as a pattern: any run of spaces or line breaks between words, ® optional. */
function sentence(text: string): RegExp {
  const pattern = text
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&').replace(/®/gu, '®?'))
    .join('\\s+');
  return new RegExp(pattern, 'giu');
}

/**
 * The page Adobe writes into an XFA form for readers that cannot show it, word for word the same
 * in every such file ("Please wait…", "requires Adobe Reader 8"): the first sentence of each marks
 * it, all are left out. Sentence by sentence, since writers break its lines anywhere.
 */
const placeholderMarks = [
  sentence('If this message is not eventually replaced by the proper contents of the document'),
  sentence('The document you are trying to load requires Adobe Reader'),
];
const placeholderSentences = [
  'Please wait...',
  'If this message is not eventually replaced by the proper contents of the document, your PDF viewer may not be able to display this type of document.',
  'You can upgrade to the latest version of Adobe Reader for Windows®, Mac, or Linux® by visiting http://www.adobe.com/go/reader_download.',
  'For more assistance with Adobe Reader visit http://www.adobe.com/go/acrreader.',
  'Windows is either a registered trademark or a trademark of Microsoft Corporation in the United States and/or other countries.',
  'Mac is a trademark of Apple Inc., registered in the United States and other countries.',
  'Linux is the registered trademark of Linus Torvalds in the U.S. and other countries.',
  'The document you are trying to load requires Adobe Reader 8 or higher.',
  'You may not have the Adobe Reader installed or your viewing environment may not be properly configured to use Adobe Reader.',
  'For information on how to install Adobe Reader and configure your viewing environment please see http://www.adobe.com/go/pdf_forms_configure.',
].map(sentence);

/** True when `text` holds a known placeholder page (an XFA form's "Please wait…"). */
export function hasPlaceholder(text: string): boolean {
  return placeholderMarks.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

/** `text` without the sentences of a placeholder page, when it holds one. */
export function withoutPlaceholders(text: string): string {
  if (!hasPlaceholder(text)) return text;
  return placeholderSentences.reduce((rest, re) => rest.replace(re, ' '), text);
}

function distinctWordsReach(exact: string, wanted: number): boolean {
  // Word by word from the start, not split whole: most texts reach `wanted` in their first words.
  const seen = new Set<string>();
  for (let from = 0; from <= exact.length; ) {
    const space = exact.indexOf(' ', from);
    const to = space < 0 ? exact.length : space;
    if (to > from) seen.add(exact.slice(from, to));
    if (seen.size >= wanted) return true;
    from = to + 1;
  }
  return false;
}

/**
 * Fingerprint (hex sha256) of a document's analysed body (`body`, from `text` and its hidden
 * search words), or null when its text is not substantial: under 50 words or 15 different words
 * once placeholder passages are left out. The hash is of the whole analysed body, as it always
 * was, so fingerprints stored by earlier versions still match.
 */
export function textFingerprint(body: AnalysedField, text: string, hiddenWords: string | null = null): string | null {
  if (body.tokenCount < minFingerprintWords) return null;
  const content = hasPlaceholder(text) ? analyseField([withoutPlaceholders(text), hiddenWords ?? ''].join('\n')) : body;
  if (content.tokenCount < minFingerprintWords || !distinctWordsReach(content.exact, minDistinctWords)) return null;
  return createHash('sha256').update(body.exact).digest('hex');
}
