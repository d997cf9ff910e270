// The export format (version 1): an open folder or zip a person can read without Khizana.
//
//   manifest.json         {format: "khizana-export", formatVersion, khizanaVersion, createdAt, query, counts, files}
//   README.md             what is here, in words
//   items.jsonl           one JSON object per line, every field of every item and note (ExportRecord)
//   tags.json             [{path, color}]
//   saved-searches.json   [{name, query, sort, createdAt}]
//   items/<title>.md      one Markdown file per article: YAML front matter + its text
//   notes/<title>.md      one per note; attached notes link to their article with a [[wikilink]],
//                         and links to exported items and notes (khizana:<uid>) are wikilinks too
//   originals/<sha256><.ext>  the imported files, byte for byte
//   annotations.jsonl     one W3C Web Annotation (JSON-LD) per line: the annotations of the articles (web-annotation.ts)
import { z } from 'zod';
import { editableFields, type SourceMetadata } from '../../shared/dto.js';

export const exportFormat = 'khizana-export';
// 2: authors (a list), publication, url, source_meta and edited replace byline and site_name.
export const exportFormatVersion = 2;
export const manifestName = 'manifest.json';

const sourceMetadataSchema = z
  .object({
    publisher: z.string(), identifier: z.string(), subject: z.string(), keywords: z.array(z.string()),
    from: z.string(), to: z.array(z.string()), cc: z.array(z.string()), messageId: z.string(),
  })
  .partial() satisfies z.ZodType<SourceMetadata>;

/** One line of items.jsonl: the item's row, with uids instead of row ids, its tags and where its original is. */
const recordSchema = z.object({
  uid: z.string().min(1),
  kind: z.enum(['article', 'note']),
  title: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  lang: z.string().nullable(),
  dir: z.enum(['ltr', 'rtl']),
  authors: z.array(z.string()),
  publication: z.string().nullable(),
  url: z.string().nullable(),
  source_meta: sourceMetadataSchema,
  edited: z.array(z.enum(editableFields)),
  published_at: z.string().nullable(),
  imported_at: z.string(),
  updated_at: z.string(),
  /** The uid of the article a note is attached to. */
  parent_uid: z.string().nullable(),
  source_path: z.string().nullable(),
  source_format: z.string().nullable(),
  source_sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  source_encoding: z.string().nullable(),
  source_bytes: z.number().int().nonnegative().nullable(),
  text_sha256: z.string().nullable(),
  pages: z.number().int().nullable(),
  page_starts: z.string().nullable(),
  warnings: z.array(z.string()),
  tags: z.array(z.string()),
  /** Path of the original inside the export, or null (notes; an original missing from the archive). */
  original: z.string().nullable(),
  /** Path of the Markdown file inside the export. */
  markdown: z.string(),
  /** The item's id in the archive it came from (for reference only: ids are not kept on import). */
  id: z.number().int(),
});

/** A format-1 line (byline, site_name) read as format 2: the byline becomes the one author. */
function fromFormat1(line: unknown): unknown {
  if (typeof line !== 'object' || line === null || 'authors' in line) return line;
  const { byline, site_name: publication, ...rest } = line as Record<string, unknown>;
  const author = typeof byline === 'string' ? byline.trim() : '';
  return { ...rest, authors: author ? [author] : [], publication: publication ?? null, url: null, source_meta: {}, edited: [] };
}

export const exportRecordSchema = z.preprocess(fromFormat1, recordSchema);
export type ExportRecord = z.infer<typeof recordSchema>;

export const exportManifestSchema = z.object({
  format: z.literal(exportFormat),
  formatVersion: z.number().int(),
  khizanaVersion: z.string(),
  createdAt: z.string(),
  query: z.string().nullable(),
  counts: z.object({ articles: z.number(), notes: z.number(), tags: z.number(), savedSearches: z.number(), originals: z.number() }),
  files: z.record(z.string(), z.string()),
});
export type ExportManifest = z.infer<typeof exportManifestSchema>;

export const tagsFileSchema = z.array(z.object({ path: z.string(), color: z.string().nullable() }));
export const savedSearchesFileSchema = z.array(z.object({ name: z.string(), query: z.string(), sort: z.enum(['relevance', 'newest', 'oldest']), createdAt: z.string() }));
