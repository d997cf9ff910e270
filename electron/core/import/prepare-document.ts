// What runs in a parser worker after parsing: title, analysis, fingerprint and language. No
// database here; the writer (store-document.ts) takes the result from there.
import { createHash } from 'node:crypto';
import { analyseField, type AnalysedField } from '../storage/fts-row.js';
import { textFingerprint } from './duplicate-text.js';
import { detectLanguageAndDirection } from '../text/language.js';
import type { ParsedDocument } from './parsed-document.js';

/** Hex sha256 of some bytes or text. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Cuts text longer than `max` at a word boundary, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s،,.;:]+$/u, '')}…`;
}

/** The title to show: the document's own, else its first line, else the file name. */
export function chooseTitle(doc: ParsedDocument, filePath: string): string {
  const own = doc.title?.replace(/\s+/gu, ' ').trim();
  if (own) return own.slice(0, 500);
  const firstLine = doc.text.split('\n').map((l) => l.replace(/^\s*#{1,6}\s+/, '').trim()).find((l) => l.length > 0);
  if (firstLine) return shorten(firstLine, 140);
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

/** A parsed document with the CPU-heavy work done (analysis, fingerprint, language): can run in a parser worker. */
export interface PreparedDocument {
  doc: ParsedDocument;
  title: string;
  analysed: { title: AnalysedField; body: AnalysedField };
  /** Fingerprint of the analysed text, to spot the same text in another encoding or format. */
  textSha: string | null;
  lang: string | null;
  dir: 'rtl' | 'ltr';
}

/** Chooses the title and analyses the document, ready for `storeDocument`. */
export function prepareDocument(doc: ParsedDocument, filePath: string): PreparedDocument {
  const title = chooseTitle(doc, filePath);
  // Hidden search words go after the text, so phrases in the text keep their positions.
  const analysed = { title: analyseField(title), body: analyseField(doc.hiddenSearchWords ? `${doc.text}\n${doc.hiddenSearchWords}` : doc.text) };
  const { lang, dir } = detectLanguageAndDirection(`${title}\n${doc.text.slice(0, 20_000)}`, doc.lang);
  return {
    doc,
    title,
    analysed,
    // Only substantial text is fingerprinted (duplicate-text.ts): short bodies and placeholders are shared by unrelated documents.
    textSha: textFingerprint(analysed.body, doc.text, doc.hiddenSearchWords),
    lang,
    dir,
  };
}
