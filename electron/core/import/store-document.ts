// Stores one parsed document as an item: original file, row, index and tags in one transaction.
import { createHash } from 'node:crypto';
import type { ImportFileResult } from '../../shared/dto.js';
import { tagPathSchema } from '../../shared/contract.js';
import type { Db } from '../storage/database.js';
import { analyseField, type AnalysedField } from '../storage/fts-row.js';
import { insertItem } from '../storage/items.js';
import { removeOriginal, storeOriginal } from '../storage/original-files.js';
import { ensureTag } from '../storage/tags.js';
import { detectDirection, detectLanguage } from '../text/language.js';
import type { ParsedDocument } from './parsed-document.js';

export interface SourceFile {
  path: string;
  format: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Hex sha256 of some bytes or text. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Cuts text longer than `max` at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
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

/** Valid tag paths among `tags` (front matter may hold anything), without duplicates. */
function validTags(tags: string[]): string[] {
  const out = new Map<string, string>();
  for (const tag of tags) {
    const parsed = tagPathSchema.safeParse(tag);
    if (parsed.success) out.set(parsed.data.toLowerCase(), parsed.data);
  }
  return [...out.values()];
}

/** Id of an item already holding these exact bytes, if any. */
export function findBySha(db: Db, sha: string): number | undefined {
  return db.prepare('SELECT id FROM items WHERE source_sha256 = ?').pluck().get(sha) as number | undefined;
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
  const analysed = { title: analyseField(title), body: analyseField(doc.text) };
  const sample = `${title}\n${doc.text.slice(0, 20_000)}`;
  return {
    doc,
    title,
    analysed,
    textSha: analysed.body.tokenCount > 0 ? sha256(analysed.body.exact) : null,
    lang: doc.lang ?? detectLanguage(sample),
    dir: detectDirection(sample),
  };
}

/**
 * Stores a prepared document. Duplicates (same bytes, or the same text in another encoding or
 * format) are reported, not stored. Nothing is left behind if the transaction fails.
 */
export function storeDocument(
  db: Db,
  archiveDir: string,
  source: SourceFile,
  prepared: PreparedDocument,
  tags: string[],
  now: string,
): ImportFileResult {
  const bySha = findBySha(db, source.sha256);
  if (bySha !== undefined) return { path: source.path, status: 'duplicate', id: bySha, duplicateOf: bySha };
  const { doc, title, analysed, textSha } = prepared;
  if (textSha !== null) {
    const byText = db.prepare('SELECT id FROM items WHERE text_sha256 = ?').pluck().get(textSha) as number | undefined;
    if (byText !== undefined) return { path: source.path, status: 'duplicate', id: byText, duplicateOf: byText };
  }
  const wroteFile = storeOriginal(archiveDir, source.sha256, source.bytes);
  try {
    const id = db.transaction(() => {
      const itemId = insertItem(
        db,
        {
          kind: 'article', title, text: doc.text, html: doc.html, lang: prepared.lang, dir: prepared.dir,
          byline: doc.byline, site_name: doc.siteName, published_at: doc.publishedAt, imported_at: now, updated_at: now,
          parent_id: null, source_path: source.path, source_format: source.format, source_sha256: source.sha256,
          source_encoding: doc.encoding, source_bytes: source.bytes.length, text_sha256: textSha, pages: doc.pages,
          page_starts: doc.pageStarts ? JSON.stringify(doc.pageStarts) : null, warnings: JSON.stringify(doc.warnings),
        },
        analysed,
      );
      const link = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
      for (const tag of validTags([...tags, ...doc.tags])) link.run(itemId, ensureTag(db, tag));
      return itemId;
    })();
    const result: ImportFileResult = { path: source.path, status: 'imported', id };
    if (doc.warnings.length > 0) result.warnings = doc.warnings;
    return result;
  } catch (error) {
    if (wroteFile) removeOriginal(archiveDir, source.sha256);
    throw error;
  }
}
