// Data that crosses the boundary between the archive and its callers: plain JSON, no classes.
import type { ErrorShape } from './errors.js';

export type ItemKind = 'article' | 'note';

/** [start, end) offsets in UTF-16 code units (JavaScript string indices). */
export type Span = [number, number];

export interface SourceInfo {
  path: string;
  format: string;
  sha256: string;
  encoding: string | null;
  bytes: number;
}

export interface NoteInfo {
  id: number;
  /** Stable id: what exports, backups and the change log refer to. */
  uid: string;
  text: string;
  title: string;
  /** The item this note is attached to, or null for a standalone note. */
  parentId: number | null;
  createdAt: string;
  updatedAt: string;
  tags: string[];
}

/** Facts a source states beyond title, authors, publication, date and URL; every field optional. */
export interface SourceMetadata {
  publisher?: string;
  /** ISBN, DOI, URN or other identifier the source gives itself. */
  identifier?: string;
  subject?: string;
  keywords?: string[];
  /** E-mail headers (eml). */
  from?: string;
  to?: string[];
  cc?: string[];
  messageId?: string;
}

/** Metadata a person can correct (`khizana edit`, the reader's metadata panel). */
export const editableFields = ['title', 'authors', 'publication', 'publishedAt', 'url', 'lang'] as const;
export type EditableField = (typeof editableFields)[number];

export interface ItemDetail {
  id: number;
  /** Stable id: what exports, backups and the change log refer to. */
  uid: string;
  kind: ItemKind;
  title: string;
  text: string;
  /** Sanitised article HTML where the source had structure, else null. */
  html: string | null;
  source: SourceInfo | null;
  lang: string | null;
  dir: 'rtl' | 'ltr';
  /** Authors' names, in order; empty when unknown. */
  authors: string[];
  /** Publication, site or publisher. */
  publication: string | null;
  /** The web address the source came from. */
  url: string | null;
  sourceMeta: SourceMetadata;
  /** Fields a person corrected: a later import of the same file keeps them. */
  edited: EditableField[];
  tags: string[];
  notes: Array<{ id: number; text: string }>;
  parentId: number | null;
  importedAt: string;
  updatedAt: string;
  /** Publication date as the source (or a person) states it, possibly partial (`2015`, `2015-07`); null when unknown. */
  publishedAt: string | null;
  pages: number | null;
  /** For PDFs: offset in `text` where each page starts, else null. */
  pageStarts: number[] | null;
  warnings: string[];
  /** When the item was moved to the trash, or null. */
  deletedAt: string | null;
}

export interface SearchHit {
  id: number;
  uid: string;
  kind: ItemKind;
  title: string;
  /** Title spans that match the query, offsets into `title`. */
  titleHighlights: Span[];
  snippet: string;
  /** Offsets into `snippet`. */
  highlights: Span[];
  score: number;
  tags: string[];
  lang: string | null;
  dir: 'rtl' | 'ltr';
  parentId: number | null;
  importedAt: string;
  publishedAt: string | null;
  /** PDF page of the snippet, where known. */
  page: number | null;
  /** The uid of the annotation the snippet comes from, when the hit is in an annotation (the reader scrolls to it). */
  annotation?: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  tag: FacetCount[];
  type: FacetCount[];
  lang: FacetCount[];
  year: FacetCount[];
}

/** Something about how a query was searched that the person should know. */
export interface SearchNotice {
  /** `prefix-limited`: a prefix with very many archive words (`ا*`) was searched as its most frequent ones. */
  code: 'prefix-limited';
  /** The prefix as searched, star included: `ا*`. */
  term: string;
  /** Words searched. */
  kept: number;
  /** Archive words that start with the prefix. */
  of: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets?: SearchFacets;
  /** A corrected query when this one found nothing and a close one would. */
  didYouMean?: string;
  /** Present when the query was searched differently from how it reads (a broad prefix limited). */
  notices?: SearchNotice[];
}

export type ImportStatus = 'imported' | 'duplicate' | 'failed' | 'skipped';

export interface ImportFileResult {
  path: string;
  status: ImportStatus;
  id?: number;
  /** For duplicates: the item already holding this content. */
  duplicateOf?: number;
  error?: ErrorShape;
  warnings?: string[];
}

export interface ImportReport {
  jobId: string;
  results: ImportFileResult[];
  imported: number;
  duplicates: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
  /** Set when the import stopped early because the archive cannot take more (`disk-full`, `busy` …): the files not tried are `skipped` with this code. */
  stopped?: ErrorShape;
}

export interface ImportProgress {
  jobId: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  currentFile: string | null;
  /** The result for the file just finished, if any. */
  last?: ImportFileResult;
  /** Pages read of a long file being parsed (a PDF, a scan going through OCR), if any. */
  pages?: { file: string; done: number; total: number; ocrPages: number };
}

export interface TagInfo {
  path: string;
  color: string | null;
  /** Items carrying this tag or one of its sub-tags. */
  count: number;
}

export interface ArchiveStats {
  articles: number;
  notes: number;
  tags: number;
  archiveDir: string;
}

export interface SavedSearch {
  name: string;
  query: string;
  sort: 'relevance' | 'newest' | 'oldest';
  createdAt: string;
}

/** What a backup holds (its manifest's counts). */
export interface BackupCounts {
  articles: number;
  notes: number;
  tags: number;
  savedSearches: number;
  /** Original files: one per distinct sha256 an item refers to. */
  originals: number;
}

/** A backup file just written. */
export interface BackupResult {
  file: string;
  createdAt: string;
  bytes: number;
  seconds: number;
  counts: BackupCounts;
  /** sha256 of originals the archive refers to but did not have (not in the backup). */
  missingOriginals: string[];
  /** sha256 of originals whose bytes no longer match their name (in the backup as they were found). */
  damagedOriginals: string[];
}

/** A backup restored into a new folder (a separate archive; the open one is unchanged). */
export interface RestoredBackup {
  /** The folder now holding the restored archive. */
  target: string;
  /** When the backup was made. */
  createdAt: string;
  counts: BackupCounts;
  bytes: number;
  seconds: number;
  /** sha256 of originals the backup did not hold (missing when it was made). */
  missingOriginals: string[];
  /** sha256 of originals that were already damaged when the backup was made. */
  damagedOriginals: string[];
}

/** Backup settings and the last backup, from the archive folder's settings.json. */
export interface BackupStatus {
  /** Where "Back up now" and the automatic backups go; null until the user picks one. */
  folder: string | null;
  /** Daily automatic backups while the app runs. */
  auto: boolean;
  /** How many of the backups made into `folder` are kept. */
  keep: number;
  lastBackupAt: string | null;
  lastBackupFile: string | null;
  /** The last backup attempt that failed (cleared by the next success). */
  lastError: { at: string; message: string } | null;
  /** A backup is being written now. */
  running: boolean;
}

/** Events the archive pushes to its callers. */
export type ArchiveEvent = { type: 'importProgress'; progress: ImportProgress } | { type: 'bulkProgress'; progress: BulkProgress };

// --- Tags you can manage, and work on many items at once (issue 11) ---

/** What renaming a tag did (its sub-tags followed). */
export interface TagRenameResult {
  from: string;
  to: string;
  /** Tag rows renamed or merged (the tag and its sub-tags). */
  tags: number;
  /** Items whose tags changed. */
  items: number;
  /** Existing tags the renamed ones merged into (their colours were kept). */
  merged: string[];
  /** Saved searches whose `tag:` filters were rewritten. */
  savedSearches: number;
}

/** What deleting a tag did. */
export interface TagDeleteResult {
  tag: string;
  /** Tag rows deleted (the tag and its sub-tags). */
  tags: number;
  /** Items that lost a tag (in the trash too). */
  items: number;
}

export type BulkAction = 'tag' | 'untag' | 'delete' | 'restore';

/** Progress of a bulk action, after each batch. */
export interface BulkProgress {
  jobId: string;
  action: BulkAction;
  done: number;
  total: number;
}

/** What a bulk action changed: `ids` are exactly the items it changed, which its undo reverses. */
export interface BulkResult {
  jobId: string;
  action: BulkAction;
  /** The tag as stored (for tag and untag), else null. */
  tag: string | null;
  /** Items the selection held. */
  matched: number;
  /** Items changed (not those that already had the tag, lacked it, or were already in the trash). */
  changed: number;
  ids: number[];
  /** Attached notes that went to the trash (delete) or came back (restore) with their items. */
  notes: number;
}

/** What `exportItems` wrote. */
export interface ExportResult {
  target: string;
  createdAt: string;
  bytes: number;
  seconds: number;
  counts: { articles: number; notes: number; tags: number; savedSearches: number; originals: number };
  /** sha256 of originals the archive refers to but did not have (not in the export). */
  missingOriginals: string[];
}

/** An item in the trash, with how many attached notes went with it. */
export interface TrashEntry {
  id: number;
  uid: string;
  kind: ItemKind;
  title: string;
  deletedAt: string;
  /** Attached notes trashed with it (they come back with it). */
  notes: number;
}

/** What moving an item to the trash did. */
export interface TrashResult {
  deleted: boolean;
  /** Attached notes that went to the trash with it. */
  notes: number;
}

/** Citations of items, as `cite` returns them. */
export interface Citation {
  /** The citations: one entry per line (text), a CSL-JSON array, BibTeX entries or RIS records. */
  text: string;
  /** How many items are cited (in the order asked). */
  count: number;
}

// ---- Annotations (issue 11) ----

/** The highlight colours an annotation can take (a small fixed palette; the UI maps them to shades). */
export const annotationColors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type AnnotationColor = (typeof annotationColors)[number];

/** A highlighted passage of an item with an optional Markdown comment, and where it sits now. */
export interface AnnotationInfo {
  id: number;
  /** Stable id: exports, the change log and `khizana:annotation/<uid>` links refer to it. */
  uid: string;
  itemId: number;
  itemUid: string;
  itemTitle: string;
  /** TextQuoteSelector: the passage as it was stored, and up to 32 characters around it. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector as stored: [start, end) in the item's text when it was made. */
  position: { start: number; end: number };
  /** Where it sits in the item's text now (re-anchored by its quote if the text moved), or null. */
  resolved: { start: number; end: number } | null;
  /** True when its quote is no longer in the item's text: listed, never dropped. */
  orphaned: boolean;
  /** The PDF page it is on (PDF-derived items), else null. */
  page: number | null;
  color: AnnotationColor;
  /** Markdown; '' for none. */
  comment: string;
  createdAt: string;
  updatedAt: string;
}

// --- Links between notes and sources (issue 11) ---

/** A note linking to an item or note: which note, and the sentence the link is in. */
export interface Backlink {
  fromId: number;
  fromUid: string;
  fromTitle: string;
  sentence: string;
}

/**
 * What a link's uid points at now: `ok` (open it), `trashed` (in the trash: the link works again
 * when it is restored) or `missing` (deleted for good, or never in this archive).
 */
export interface LinkTarget {
  uid: string;
  /** The item or note; for a link to an annotation, the item it is on. */
  id: number | null;
  /** Set when the uid is an annotation's (the link opens its item scrolled to it). */
  annotation?: true;
  kind: ItemKind | null;
  title: string | null;
  state: 'ok' | 'trashed' | 'missing';
}
