// DOCX via mammoth. mammoth unzips with jszip, which would inflate a zip bomb without limit, so it
// never sees the original bytes: the XML parts are read through safe-zip (checked, size-enforced)
// and handed to mammoth re-packed *stored* (no compression), without media it has no need to read.
// Images are not embedded: their alt text is kept, the original file stays in the archive.
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { ArchiveError } from '../../../shared/errors.js';
import { detectDirection } from '../../text/language.js';
import { textOfHtmlString, withoutNoteReferences, wrapWithDirection } from '../html-text.js';
import { checkTextLimit, cleanLine, documentLanguage, isoDateInUtc, libraryMessage, pickTitle } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';
import { joinDropCaps } from './docx-drop-caps.js';
import { sanitizeHtml } from '../sanitize-html.js';
import { keywordList, splitAuthors, usableAuthors, usableTitle } from '../source-facts.js';
import { findElement, findElements, openZip, readXmlEntry, readZipEntry, xmlText, type ZipArchive } from '../safe-zip.js';

/** Word's Title/Subtitle paragraph styles become headings, so a document's title is its first heading. */
const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** Compound File Binary header: a legacy .doc, or an encrypted (password-protected) OOXML file. */
const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function checkNotCompoundFile(bytes: Uint8Array): void {
  if (!cfbMagic.every((b, i) => bytes[i] === b)) return;
  // Office stores a password-protected .docx as a CFB holding an "EncryptedPackage" stream.
  const marker = Buffer.from('EncryptedPackage', 'utf16le');
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker)) {
    throw new ArchiveError('encrypted', 'the Word document is password-protected');
  }
  throw new ArchiveError('corrupt', 'this is a legacy Word .doc file, not a .docx');
}

/**
 * The main document part prepared for mammoth: drop caps joined to their words (mammoth would
 * make each letter a paragraph), and each picture's title put before its description (mammoth
 * keeps only one of them as the alt text, which becomes searchable "[…]" text).
 */
function prepareDocumentPart(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.includes('w:dropCap') && !buffer.includes('docPr') && !buffer.includes('<w:cr')) return bytes; // also skips UTF-16 parts
  // mammoth ignores w:cr (a carriage return inside a run, as in pasted or inserted text): read as a line break.
  const xml = new TextDecoder().decode(bytes).replace(/<w:cr\s*\/>/g, '<w:br/>');
  return new TextEncoder().encode(withImageTitles(joinDropCaps(xml)));
}

/** `<wp:docPr descr="D" title="T">` becomes descr="T: D" (values stay as escaped in the XML). */
function withImageTitles(xml: string): string {
  return xml.replace(/<wp:docPr\b[^>]*>/g, (tag) => {
    const descr = /\sdescr="([^"]*)"/.exec(tag)?.[1]?.trim();
    const title = /\stitle="([^"]*)"/.exec(tag)?.[1]?.trim();
    if (!descr || !title || descr === title) return tag;
    return tag.replace(/\sdescr="[^"]*"/, () => ` descr="${title}: ${descr}"`);
  });
}

/** Path of the core-properties part, from the package relationships (docProps/core.xml by convention). */
function corePropertiesPath(zip: ZipArchive): string {
  const rels = readXmlEntry(zip, '_rels/.rels');
  if (rels) {
    const rel = findElements(rels, 'Relationship').find((r) => (r.attrs.Type ?? '').endsWith('/core-properties'));
    const target = rel?.attrs.Target?.replace(/^\//, '');
    if (target && zip.byName.has(target)) return target;
  }
  return 'docProps/core.xml';
}

interface CoreProperties {
  title: string | null;
  creator: string | null;
  subject: string | null;
  keywords: string | null;
  created: string | null;
  modified: string | null;
  language: string | null;
}

function readCoreProperties(zip: ZipArchive): CoreProperties {
  const doc = readXmlEntry(zip, corePropertiesPath(zip));
  const field = (name: string): string | null => {
    const el = doc && findElement(doc, name);
    return el ? cleanLine(xmlText(el)) : null;
  };
  return {
    title: field('title'),
    creator: field('creator'),
    subject: field('subject'),
    keywords: field('keywords'),
    created: field('created'),
    modified: field('modified'),
    language: field('language'),
  };
}

/** Parses a .docx: body, tables, lists, footnotes and endnotes as text and sanitised HTML. */
export const parseDocx: Parser = async (bytes, ctx) => {
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  checkNotCompoundFile(bytes);
  const zip = openZip(bytes, ctx.limits);
  if (!zip.byName.has('[Content_Types].xml')) {
    throw new ArchiveError('corrupt', 'not a Word document (no [Content_Types].xml in the zip)');
  }

  // Only XML parts: mammoth reads images lazily, and our image converter never reads them.
  const parts: Record<string, Uint8Array> = {};
  for (const entry of zip.entries) {
    if (!/\.(xml|rels)$/i.test(entry.name)) continue;
    const bytes = readZipEntry(zip, entry.name) as Uint8Array;
    parts[entry.name] = /(?:^|\/)document\d*\.xml$/i.test(entry.name) ? prepareDocumentPart(bytes) : bytes;
  }
  const repacked = zipSync(parts, { level: 0 });

  let converted: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(repacked.buffer, repacked.byteOffset, repacked.byteLength) },
      {
        styleMap,
        externalFileAccess: false, // a linked image could name any file on this machine
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })), // sanitizeHtml keeps the alt text
      },
    );
  } catch (error) {
    throw new ArchiveError('corrupt', `not a readable Word document (${libraryMessage(error)})`);
  }

  // mammoth links each note back to its reference with a "↑"; our HTML keeps no ids, so drop them.
  const html = sanitizeHtml(converted.value.replace(/ ?<a href="#(?:footnote|endnote)-ref-[^"]*">\u2191<\/a>/g, ''));
  const body = textOfHtmlString(withoutNoteReferences(html));
  checkTextLimit(body.text.length, ctx.limits);
  const core = readCoreProperties(zip);
  const lang = documentLanguage(core.language, body.text);
  const warnings = body.text === '' ? ['no text found in the document'] : [];
  // Word fills the title from the template or file name (Normal.dot, "Microsoft Word - x.doc"): not a title.
  const title = usableTitle(core.title, ctx.path);
  const subject = core.subject && core.subject !== title ? usableTitle(core.subject, ctx.path) : null;
  const keywords = keywordList(core.keywords);
  return {
    ...emptyDocument(),
    title: pickTitle(title, body),
    text: body.text,
    // mammoth drops w:bidi, so the direction comes from the text itself.
    html: body.text === '' ? null : wrapWithDirection(html, detectDirection(body.text), lang),
    authors: usableAuthors(splitAuthors(core.creator)),
    sourceMeta: { ...(subject ? { subject } : {}), ...(keywords.length > 0 ? { keywords } : {}) },
    // Created, not modified: re-saving a file (by anyone) moves "modified", not when it was written.
    publishedAt: isoDateInUtc(core.created) ?? isoDateInUtc(core.modified),
    lang,
    warnings,
  };
};
