// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- word-extractor ships no types; the test project must see these too
/// <reference path="./word-extractor.d.ts" />
// Word 97–2003 documents (.doc) by word-extractor, which reads the Word Binary File Format's
// text pieces (body, footnotes, endnotes, text boxes) from the OLE compound file. It gives no
// document properties, so the title is the first line, as for plain text. A ".doc" that is
// really RTF (Word's "Rich Text" saved under the old name) is read as RTF.
import BufferReader from 'word-extractor/lib/buffer-reader.js';
import WordOleExtractor, { type WordDocument } from 'word-extractor/lib/word-ole-extractor.js';
import { ArchiveError } from '../../../shared/errors.js';
import { tidyText } from '../html-text.js';
import { checkInputSize, checkTextLimit, documentLanguage, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';
import { parseRtf } from './rtf.js';

const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The Word File Information Block's flags (offset 0x0A): fEncrypted (password-protected). */
const fibFlagsOffset = 0x0a;
const fEncrypted = 0x0100;

/** word-extractor's reader, refusing encrypted documents before their scrambled text is read as text. */
class CheckedExtractor extends WordOleExtractor {
  override extractWordDocument(document: unknown, buffer: Buffer): Promise<WordDocument> {
    if (buffer.length >= fibFlagsOffset + 2 && (buffer.readUInt16LE(fibFlagsOffset) & fEncrypted) !== 0) {
      return Promise.reject(new ArchiveError('encrypted', 'the Word document is password-protected'));
    }
    return super.extractWordDocument(document, buffer);
  }
}

/** Parses a Word 97–2003 .doc: body, then text boxes, footnotes and endnotes, as plain text. */
export const parseDoc: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (/^\s*\{\\rtf/.test(buffer.subarray(0, 16).toString('latin1'))) return parseRtf(bytes, ctx);
  if (!cfbMagic.every((b, i) => bytes[i] === b)) {
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    throw new ArchiveError('corrupt', zip ? 'not a Word 97–2003 document: this is a zip (a .docx saved as .doc?); rename it to .docx' : 'not a Word 97–2003 document (no OLE compound file header)');
  }
  // Office stores a password-protected .docx as a compound file holding an "EncryptedPackage" stream.
  if (buffer.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw new ArchiveError('encrypted', 'the Word document is password-protected');

  let document: WordDocument;
  const reader = new BufferReader(buffer);
  try {
    await reader.open();
    document = await new CheckedExtractor().extract(reader);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('corrupt', `not a readable Word 97–2003 document (${libraryMessage(error)})`);
  } finally {
    await reader.close();
  }
  const parts = [
    document.getBody(),
    document.getTextboxes({ includeHeadersAndFooters: false, includeBody: true }),
    document.getFootnotes(),
    document.getEndnotes(),
  ];
  // word-extractor ends each paragraph with "\n" and each table cell with "\t".
  const text = tidyText(parts.map((p) => p.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/\n/g, '\n\n')).join('\n\n'));
  checkTextLimit(text.length, ctx.limits);
  return {
    ...emptyDocument(),
    text,
    lang: documentLanguage(null, text),
    warnings: text === '' ? ['no text found in the document'] : [],
  };
};
