// Writes an export (format: export-format.ts) of the whole archive, a search's hits or chosen
// items. It reads in one transaction, so what is exported is one consistent state of the archive.
import fs from 'node:fs';
import YAML from 'yaml';
import type { EditableField, ExportResult, SourceMetadata } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import { khizanaVersion } from '../backup/manifest.js';
import { runSearch } from '../search/run-search.js';
import type { Vocabulary } from '../search/vocabulary.js';
import type { Db } from '../storage/database.js';
import type { ItemRow } from '../storage/items.js';
import { originalPath } from '../storage/original-files.js';
import { listSavedSearches } from '../storage/saved-searches.js';
import { statement } from '../storage/statements.js';
import { exportFormat, exportFormatVersion, manifestName, type ExportManifest, type ExportRecord } from './export-format.js';
import { openSink, type ExportSink } from './export-sink.js';
import { annotationsFileName, toWebAnnotation } from './web-annotation.js';
import { portableAnnotations } from '../storage/annotations.js';
import { safeExtension, safeStem, uniqueNames } from './file-names.js';
import { findNoteLinks } from '../../shared/note-links.js';

export interface WriteExportOptions {
  db: Db;
  archiveDir: string;
  vocabulary: Vocabulary;
  /** A folder (new or empty) or a file ending in .zip. */
  target: string;
  /** Only the items this search finds (and the notes attached to them). */
  query?: string | undefined;
  /** Only these items (and the notes attached to them). */
  ids?: number[] | undefined;
  createdAt?: Date;
}

const searchPage = 1000;

/** Writes the export; the target appears only when it is complete. */
export function writeExport(options: WriteExportOptions): ExportResult {
  const started = performance.now();
  const created = options.createdAt ?? new Date();
  const sink = openSink(options.target, created);
  try {
    const result = options.db.transaction(() => writeContents(options, sink, created))();
    const bytes = sink.finish();
    return { ...result, target: options.target, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    sink.abort();
    throw exportError(error, options.target);
  }
}

/** The ids to export, in a stable order (articles, then notes), trashed items left out. */
function chosenIds(options: WriteExportOptions): number[] {
  const { db } = options;
  const live = 'deleted_at IS NULL';
  if (options.query === undefined && options.ids === undefined) {
    return statement(db, `SELECT id FROM items WHERE ${live} ORDER BY kind = 'note', id`).pluck().all() as number[];
  }
  const chosen = new Set<number>(options.ids ?? []);
  if (options.query !== undefined) {
    for (let offset = 0; ; offset += searchPage) {
      const page = runSearch(db, options.vocabulary, { query: options.query, limit: searchPage, offset, sort: 'relevance', facets: false });
      for (const hit of page.hits) chosen.add(hit.id);
      if (page.hits.length < searchPage || offset + searchPage >= page.total) break;
    }
  }
  // Notes attached to a chosen item come along.
  const notesOf = statement(db, `SELECT id FROM items WHERE parent_id = ? AND kind = 'note' AND ${live}`).pluck();
  for (const id of [...chosen]) for (const note of notesOf.all(id) as number[]) chosen.add(note);
  const kindOf = statement(db, `SELECT kind FROM items WHERE id = ? AND ${live}`).pluck();
  const present = [...chosen].filter((id) => kindOf.get(id) !== undefined);
  const isNote = (id: number): number => (kindOf.get(id) === 'note' ? 1 : 0);
  return present.sort((a, b) => isNote(a) - isNote(b) || a - b);
}

function writeContents(options: WriteExportOptions, sink: ExportSink, created: Date): Omit<ExportResult, 'target' | 'bytes' | 'seconds'> {
  const { db, archiveDir } = options;
  const ids = chosenIds(options);
  const row = statement(db, 'SELECT * FROM items WHERE id = ?');
  const uidOf = statement(db, 'SELECT uid FROM items WHERE id = ?').pluck();
  const tagsOf = statement(db, 'SELECT t.path FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.path').pluck();
  const itemName = uniqueNames();
  const noteName = uniqueNames();
  /** Markdown file of each exported item, by id (for the links of attached notes). */
  const markdownOf = new Map<number, string>();
  /** The same by uid, for the links between notes and items (shared/note-links.ts). */
  const markdownOfUid = new Map<string, string>();
  const counts = { articles: 0, notes: 0, tags: 0, savedSearches: 0, originals: 0 };
  const missingOriginals: string[] = [];
  const originalsDone = new Map<string, string | null>();
  const originalsToCopy: Array<[string, string]> = [];
  const usedTags = new Set<string>();

  // items.jsonl first, as one streamed entry; the Markdown files and originals after it.
  const jsonl = sink.open('items.jsonl');
  for (const id of ids) {
    const item = row.get(id) as ItemRow;
    const markdown = item.kind === 'note' ? `notes/${noteName(safeStem(item.title || 'note'), '.md')}` : `items/${itemName(safeStem(item.title), '.md')}`;
    markdownOf.set(id, markdown);
    markdownOfUid.set(item.uid, markdown);
    let original: string | null = null;
    if (item.source_sha256) {
      if (!originalsDone.has(item.source_sha256)) {
        const source = originalPath(archiveDir, item.source_sha256);
        const name = `originals/${item.source_sha256}${safeExtension(item.source_path)}`;
        if (fs.existsSync(source)) {
          // Copied after items.jsonl is closed: a zip entry added while another is open is held in memory.
          originalsToCopy.push([name, source]);
          originalsDone.set(item.source_sha256, name);
          counts.originals++;
        } else {
          missingOriginals.push(item.source_sha256);
          originalsDone.set(item.source_sha256, null);
        }
      }
      original = originalsDone.get(item.source_sha256) ?? null;
    }
    const tags = tagsOf.all(id) as string[];
    tags.forEach((t) => usedTags.add(t.toLowerCase()));
    const record: ExportRecord = {
      uid: item.uid, kind: item.kind, title: item.title, text: item.text, html: item.html, lang: item.lang, dir: item.dir,
      authors: JSON.parse(item.authors) as string[], publication: item.publication, url: item.url,
      source_meta: JSON.parse(item.source_meta) as SourceMetadata, edited: JSON.parse(item.edited) as EditableField[], published_at: item.published_at, imported_at: item.imported_at,
      updated_at: item.updated_at, parent_uid: item.parent_id === null ? null : ((uidOf.get(item.parent_id) as string | undefined) ?? null),
      source_path: item.source_path, source_format: item.source_format, source_sha256: item.source_sha256,
      source_encoding: item.source_encoding, source_bytes: item.source_bytes, text_sha256: item.text_sha256, pages: item.pages,
      page_starts: item.page_starts, warnings: JSON.parse(item.warnings) as string[], tags, original, markdown, id: item.id,
    };
    jsonl.write(Buffer.from(`${JSON.stringify(record)}\n`));
    if (item.kind === 'note') counts.notes++;
    else counts.articles++;
  }
  jsonl.close();
  for (const [name, source] of originalsToCopy) sink.copy(name, source);

  for (const id of ids) {
    const item = row.get(id) as ItemRow;
    const parent = item.parent_id === null ? undefined : (row.get(item.parent_id) as ItemRow | undefined);
    const text = item.kind === 'note' ? wikilinks(item.text, markdownOfUid) : item.text;
    sink.add(markdownOf.get(id)!, Buffer.from(markdownFile({ ...item, text }, tagsOf.all(id) as string[], originalsDone.get(item.source_sha256 ?? '') ?? null, parent, parent && markdownOf.get(parent.id))));
  }

  // Every tag with a colour (a colour is the user's work even on an unused tag), and the tags the exported items carry.
  const allTags = statement(db, 'SELECT path, color FROM tags ORDER BY path').all() as Array<{ path: string; color: string | null }>;
  const tags = allTags.filter((t) => t.color !== null || usedTags.has(t.path.toLowerCase()));
  counts.tags = tags.length;
  sink.add('tags.json', Buffer.from(`${JSON.stringify(tags, null, 1)}\n`));
  const saved = listSavedSearches(db);
  counts.savedSearches = saved.length;
  sink.add('saved-searches.json', Buffer.from(`${JSON.stringify(saved, null, 1)}\n`));
  // The annotations of the exported articles, as W3C Web Annotations (web-annotation.ts).
  const annotations = portableAnnotations(db, ids);
  sink.add(annotationsFileName, Buffer.from(annotations.map((a) => `${JSON.stringify(toWebAnnotation(a))}\n`).join('')));

  const manifest: ExportManifest = {
    format: exportFormat,
    formatVersion: exportFormatVersion,
    khizanaVersion: khizanaVersion(),
    createdAt: created.toISOString(),
    query: options.query ?? null,
    counts,
    files: { items: 'items.jsonl', tags: 'tags.json', savedSearches: 'saved-searches.json', articles: 'items/', notes: 'notes/', originals: 'originals/', annotations: annotationsFileName },
  };
  sink.add('README.md', Buffer.from(readme(manifest)));
  sink.add(manifestName, Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
  return { createdAt: manifest.createdAt, counts, missingOriginals };
}

/** A path wikilink from the export's root, as Obsidian resolves it when the export is opened as a vault. */
function wikilink(markdown: string, label: string): string {
  return `[[${markdown.replace(/\.md$/, '')}|${label.replace(/[[\]|]/g, ' ')}]]`;
}

/** A note's text with its links to exported items and notes as wikilinks to their files; links to the rest stay as they are. */
function wikilinks(text: string, markdownOfUid: Map<string, string>): string {
  let out = '';
  let at = 0;
  for (const link of findNoteLinks(text)) {
    const markdown = markdownOfUid.get(link.uid);
    if (markdown === undefined) continue;
    out += text.slice(at, link.start) + wikilink(markdown, link.label);
    at = link.end;
  }
  return out + text.slice(at);
}

/** One item as Markdown: YAML front matter (what a reader or Obsidian shows as properties), then the text. */
function markdownFile(item: ItemRow, tags: string[], original: string | null, parent: ItemRow | undefined, parentMarkdown: string | undefined): string {
  const meta: Record<string, unknown> = { uid: item.uid, title: item.title };
  if (item.kind === 'note') {
    meta.kind = 'note';
    if (parent) meta.attached_to = parent.uid;
    meta.created = item.imported_at;
    meta.updated = item.updated_at;
  } else {
    const authors = JSON.parse(item.authors) as string[];
    if (authors.length > 0) meta.authors = authors;
    if (item.publication) meta.publication = item.publication;
    if (item.url) meta.url = item.url;
    if (item.published_at) meta.published = item.published_at;
    meta.imported = item.imported_at;
    if (item.lang) meta.lang = item.lang;
    if (item.source_path) meta.source_file = item.source_path;
    if (item.source_format) meta.format = item.source_format;
    if (item.source_sha256) meta.sha256 = item.source_sha256;
    if (original) meta.original = original;
  }
  if (tags.length > 0) meta.tags = tags;
  const front = YAML.stringify(meta, { lineWidth: 0 });
  let body = item.text;
  if (item.kind === 'note' && parent && parentMarkdown) {
    body = `Attached to: ${wikilink(parentMarkdown, parent.title)}\n\n${body}`;
  }
  return `---\n${front}---\n\n${body}\n`;
}

function readme(manifest: ExportManifest): string {
  const c = manifest.counts;
  return `# Khizana export

Written by Khizana ${manifest.khizanaVersion} on ${manifest.createdAt}${manifest.query === null ? '' : `, for the search \`${manifest.query}\``}:
${c.articles} articles, ${c.notes} notes, ${c.tags} tags, ${c.savedSearches} saved searches, ${c.originals} original files.

- \`items/\`: one Markdown file per article, with YAML front matter (uid, title, authors, site, url,
  dates, language, tags, source file, format, sha256) and the article's text.
- \`notes/\`: one Markdown file per note; a note attached to an article links to it.
- \`originals/\`: the imported files, byte for byte, named by their sha256.
- \`items.jsonl\`: every field of every item, one JSON object per line (the notes' \`parent_uid\`
  is the uid of their article).
- \`tags.json\` (tags and their colours), \`saved-searches.json\`.
- \`annotations.jsonl\`: highlighted passages and their comments, one W3C Web Annotation (JSON-LD)
  per line: the passage (TextQuoteSelector), its place in the article's text (TextPositionSelector),
  the PDF page, the colour, and the Markdown comment; its \`target.source\` is the article's uid.
- \`manifest.json\`: format \`${manifest.format}\`, version ${manifest.formatVersion}.

Open this folder as a vault in Obsidian to read and link the notes. \`khizana import\` of this folder
(or zip) brings everything back into an archive, with the same uids.
`;
}

function exportError(error: unknown, target: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new ArchiveError('disk-full', `the export was not written: no space left on the disk of ${target}; free some space or choose another place`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ArchiveError('read-only', `the export was not written: ${target} cannot be written to; choose another place`);
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
  return new ArchiveError('internal', `the export was not written: ${message}`);
}
