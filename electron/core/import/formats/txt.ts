// Plain text: any common encoding, CRLF or LF.
import { ArchiveError } from '../../../shared/errors.js';
import { decodeText, looksBinary } from '../decode-text.js';
import { emptyDocument, type Parser } from '../parsed-document.js';

/** Normalises line endings and strips a leftover BOM; paragraphs stay as the author wrote them. */
export function cleanText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Parses a .txt file. */
export const parseTxt: Parser = async (bytes) => {
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  if (looksBinary(bytes)) throw new ArchiveError('corrupt', 'this is not a text file (it holds binary data)');
  const { text, encoding } = decodeText(bytes);
  const clean = cleanText(text);
  if (clean.trim() === '') throw new ArchiveError('empty', 'the file holds only white space');
  return { ...emptyDocument(), text: clean, encoding };
};
