// The one contract between the archive and every caller (in-process, worker, IPC, HTTP, CLI).
// Written once here; transports, preload and clients are derived from `archiveMethods`.
import { z } from 'zod';
import { ArchiveError } from './errors.js';
import {
  annotationColors,
  editableFields,
  type AnnotationInfo,
  type ArchiveStats,
  type Backlink,
  type LinkTarget,
  type BackupResult,
  type Citation,
  type BackupStatus,
  type ExportResult,
  type RestoredBackup,
  type ImportReport,
  type ItemDetail,
  type NoteInfo,
  type SavedSearch,
  type SearchResult,
  type Span,
  type TagInfo,
  type TrashEntry,
  type TrashResult,
  type BulkResult,
  type TagDeleteResult,
  type TagRenameResult,
} from './dto.js';

const itemId = z.number().int().positive();

/** A tag path: segments separated by `/`, e.g. `syria/idlib`. */
export const tagPathSchema = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(200, 'a tag is at most 200 characters')
  .transform((t) => t.split('/').map((s) => s.trim()).filter(Boolean).join('/'))
  .refine((t) => t.length > 0, 'a tag needs at least one name between the slashes')
  .refine((t) => !/[\p{Cc}]/u.test(t), 'a tag cannot hold control characters');

const noteText = z
  .string()
  .max(5_000_000, 'a note is at most 5,000,000 characters')
  .refine((t) => t.trim().length > 0, 'a note cannot be empty');

export const sortOrders = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof sortOrders)[number];

const searchArgs = z.object({
  query: z.string().max(100_000, 'a query is at most 100,000 characters'),
  limit: z.number().int().min(1).max(1000).default(20),
  offset: z.number().int().min(0).default(0),
  sort: z.enum(sortOrders).default('relevance'),
  facets: z.boolean().default(false),
});

const importArgs = z.object({
  paths: z.array(z.string().min(1)).min(1, 'give at least one file or folder'),
  tags: z.array(tagPathSchema).default([]),
  /** Chosen by the caller so it can cancel the job and match progress events. */
  jobId: z.string().min(1).max(100).optional(),
  /** Store source paths relative to this folder (uploads land in a temp folder). */
  sourceRoot: z.string().min(1).optional(),
  /** Keep the import running for paths fed later (feedImport) until the feed is closed: an upload as its files arrive. */
  open: z.boolean().optional(),
});

/** True when `year-month-day` is a day of the calendar (no 2015-02-30). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= (days[month - 1] ?? 0);
}

/** The message for a publication date that is not `2015`, `2015-07` or `2015-07-21`, or null when it is one. */
export function partialDateProblem(value: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return `"${value}" is not a date: write 2015, 2015-07 or 2015-07-21`;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12) return `"${value}" is not a date: the month must be 01 to 12`;
  if (!isCalendarDay(Number(m[1]), month, day)) return `"${value}" is not a date: that month has no day ${m[3]}`;
  return null;
}

/** The message for a web address that is not an http(s) URL, or null when it is one. */
export function urlProblem(value: string): string | null {
  if (!/^https?:\/\//i.test(value)) return `"${value.slice(0, 200)}" is not a web address: it must start with http:// or https://`;
  if (!/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i.test(value)) return `"${value.slice(0, 200)}" is not a web address: it needs a host name and no spaces`;
  return null;
}

/** The message for a language tag that is not BCP 47 (`ar`, `en-GB`, `zh-Hant`), or null when it is one. */
export function langProblem(value: string): string | null {
  try {
    Intl.getCanonicalLocales(value);
    return null;
  } catch {
    return `"${value.slice(0, 100)}" is not a language tag: write one such as ar, en or en-GB`;
  }
}

/** An optional text field a person may also clear: '' and null clear it. */
const clearable = (max: number, what: string) =>
  z.string().max(max, `${what} is at most ${max} characters`).trim().transform((v) => (v === '' ? null : v)).nullable().optional();

/** What `editItem` may change; every field optional, '' or null clears one (a title cannot be cleared). */
const editArgs = z
  .object({
    id: itemId,
    title: z.string().max(2000, 'a title is at most 2,000 characters').trim().min(1, 'a title cannot be empty').optional(),
    authors: z.array(z.string().max(500, 'a name is at most 500 characters').trim().min(1, 'an author cannot be empty')).max(500, 'at most 500 authors').optional(),
    publication: clearable(1000, 'a publication'),
    publishedAt: clearable(10, 'a date').superRefine((v, ctx) => {
      const problem = v ? partialDateProblem(v) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    url: clearable(8000, 'a web address').superRefine((v, ctx) => {
      const problem = v ? urlProblem(v) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    lang: clearable(100, 'a language tag').superRefine((v, ctx) => {
      const problem = v ? langProblem(v) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }).transform((v) => (v ? (Intl.getCanonicalLocales(v)[0] ?? v) : v)),
  })
  .refine((a) => editableFields.some((f) => a[f] !== undefined), 'give at least one field to change (title, authors, publication, publishedAt, url, lang)');

export const citationFormats = ['csl-json', 'bibtex', 'ris', 'text'] as const;
export type CitationFormat = (typeof citationFormats)[number];
export const citationStyles = ['apa', 'chicago'] as const;
export type CitationStyle = (typeof citationStyles)[number];
/** Languages of a citation's own words ("Retrieved from", month names); titles and names stay as they are. */
export const citationLocales = ['en-US', 'ar'] as const;
export type CitationLocale = (typeof citationLocales)[number];

const savedSearchName = z.string().trim().min(1, 'a saved search needs a name').max(200);

// ---- Annotations (issue 11): highlighted passages with an optional Markdown comment ----
/** An annotation by its number or its uid. */
const annotationRef = z.union([z.number().int().positive(), z.string().trim().regex(/^[0-9a-f-]{36}$/i, 'an annotation is its number or its uid')]);
const annotationColor = z.enum(annotationColors);
const annotationComment = z.string().max(100_000, 'a comment is at most 100,000 characters');
const annotationArgs = {
  addAnnotation: z
    .object({
      /** The article annotated. */
      id: itemId,
      /** The passage as [start, end) of the item's text (the reader's selection)… */
      start: z.number().int().min(0).optional(),
      end: z.number().int().min(0).optional(),
      /** …or as a quote, matched ignoring diacritics, alef forms, case and spacing (the CLI). */
      quote: z.string().max(100_000, 'a quote is at most 100,000 characters').optional(),
      /** Which occurrence of a quote found more than once (1 = the first). */
      occurrence: z.number().int().positive().optional(),
      color: annotationColor.default('yellow'),
      comment: annotationComment.default(''),
    })
    .refine((a) => (a.quote === undefined) !== (a.start === undefined || a.end === undefined), 'give either start and end, or a quote'),
  updateAnnotation: z
    .object({ annotation: annotationRef, comment: annotationComment.optional(), color: annotationColor.optional() })
    .refine((a) => a.comment !== undefined || a.color !== undefined, 'give a comment or a colour to change'),
  deleteAnnotation: z.object({ annotation: annotationRef }),
  restoreAnnotation: z.object({ annotation: annotationRef }),
  listAnnotations: z.object({ on: itemId.optional() }),
};
// --- Tags you can manage, and many items at once (issue 11) ---

/** Which items a bulk action works on: chosen ids, or every item a search finds (resolved in the core). */
const bulkSelection = {
  /** These items (a selection in the results list). */
  ids: z.array(itemId).max(1_000_000).optional(),
  /** Every item this search finds, all pages ("select all N results"). */
  query: z.string().max(10_000).optional(),
  /** With `query`: items left out of it (deselected after "select all"). */
  except: z.array(itemId).max(1_000_000).optional(),
  /** Chosen by the caller to match `bulkProgress` events. */
  jobId: z.string().min(1).max(100).optional(),
};
const oneSelection = (a: { ids?: number[] | undefined; query?: string | undefined }) => (a.ids === undefined) !== (a.query === undefined);
const oneSelectionMessage = 'give either ids or a query';
const bulkArgs = z.object(bulkSelection).refine(oneSelection, oneSelectionMessage);
const bulkTagArgs = z.object({ ...bulkSelection, tag: tagPathSchema }).refine(oneSelection, oneSelectionMessage);

/** The method table: argument schema per method. Transports are built from its keys. */
export const archiveMethods = {
  importPaths: importArgs,
  cancelImport: z.object({ jobId: z.string().min(1) }),
  prepareImport: z.object({}),
  feedImport: z.object({
    jobId: z.string().min(1),
    paths: z.array(z.string().min(1)).max(100_000),
    /** No more paths: the import finishes what it has, with these tags (added to what it stored already) and this job id from then on. */
    close: z.object({ tags: z.array(tagPathSchema).default([]), jobId: z.string().min(1).max(100).optional() }).optional(),
  }),
  search: searchArgs,
  highlight: z.object({
    query: z.string().max(100_000),
    texts: z.array(z.string()).max(100_000).refine((t) => t.reduce((n, s) => n + s.length, 0) <= 50_000_000, 'at most 50,000,000 characters'),
  }),
  getItem: z.object({ id: itemId }),
  editItem: editArgs,
  cite: z.object({
    ids: z.array(itemId).min(1, 'give at least one item').max(10_000, 'at most 10,000 items at once'),
    format: z.enum(citationFormats).default('text'),
    style: z.enum(citationStyles).default('apa'),
    locale: z.enum(citationLocales).default('en-US'),
  }),
  deleteItem: z.object({ id: itemId }),
  restoreItem: z.object({ id: itemId }),
  listTrash: z.object({}),
  /** Deletes for good: the given trashed items, or the whole trash. */
  emptyTrash: z.object({ ids: z.array(itemId).max(100_000).optional() }),
  addTag: z.object({ id: itemId, tag: tagPathSchema }),
  removeTag: z.object({ id: itemId, tag: tagPathSchema }),
  listTags: z.object({}),
  setTagColor: z.object({
    tag: tagPathSchema,
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb').nullable(),
  }),
  addNote: z.object({ text: noteText, on: itemId.optional() }),
  updateNote: z.object({ id: itemId, text: noteText }),
  deleteNote: z.object({ id: itemId }),
  listNotes: z.object({ on: itemId.optional() }),
  stats: z.object({}),
  listSavedSearches: z.object({}),
  saveSearch: z.object({ name: savedSearchName, query: z.string().max(10_000), sort: z.enum(sortOrders).default('relevance') }),
  deleteSavedSearch: z.object({ name: savedSearchName }),
  backupNow: z.object({
    /** The file to write (it must not exist); without it, a new file in the backup folder. */
    file: z.string().min(1).max(4096).optional(),
    /** Only if an automatic backup is due (daily, when turned on); else the answer is null. */
    ifDue: z.boolean().default(false),
  }),
  backupStatus: z.object({}),
  restoreBackup: z.object({
    /** The backup file (.tar) to restore. */
    file: z.string().trim().min(1, 'choose a backup file').max(4096),
    /** A new or empty folder outside the open archive's folder. */
    target: z.string().trim().min(1, 'choose a new folder to restore into').max(4096),
  }),
  exportItems: z.object({
    /** A new or empty folder, or a file ending in .zip (it must not exist). */
    target: z.string().trim().min(1, 'choose where to export').max(4096),
    /** Only the items this search finds (every page); with `ids`, both. */
    query: z.string().max(10_000).optional(),
    /** Only these items (the selection); notes attached to them come along. */
    ids: z.array(itemId).max(1_000_000).optional(),
  }),
  setBackupSettings: z.object({
    folder: z.string().trim().min(1, 'choose a folder').max(4096).nullable().optional(),
    auto: z.boolean().optional(),
  }),
  ...annotationArgs,
  // --- Links between notes and sources (issue 11) ---
  backlinks: z.object({ id: itemId }),
  linkTargets: z.object({
    uids: z.array(z.string().trim().regex(/^[0-9a-fA-F-]{36}$/, 'a uid is 36 characters: hex digits and dashes')).max(10_000, 'at most 10,000 uids at once'),
  }),
  // --- Tags you can manage, and many items at once (issue 11) ---
  renameTag: z.object({ from: tagPathSchema, to: tagPathSchema }),
  deleteTag: z.object({ tag: tagPathSchema }),
  bulkTag: bulkTagArgs,
  bulkUntag: bulkTagArgs,
  bulkDelete: bulkArgs,
  /** The undo of bulkDelete: exactly the ids it returned. */
  bulkRestore: z.object({ ids: z.array(itemId).max(1_000_000), jobId: bulkSelection.jobId }),
} satisfies Record<keyof ArchiveApi, z.ZodType>;

/** Arguments as a caller passes them: what the method's schema accepts (defaults may be left out). */
export type MethodArgs<K extends keyof typeof archiveMethods> = z.input<(typeof archiveMethods)[K]>;

/** The archive's methods. Every method takes one plain-object argument: what its schema accepts. */
export interface ArchiveApi {
  importPaths(args: MethodArgs<'importPaths'>): Promise<ImportReport>;
  cancelImport(args: MethodArgs<'cancelImport'>): Promise<{ cancelled: boolean }>;
  /** Starts the parser workers ahead of an import about to come (an upload begun); they stop when idle. */
  prepareImport(args: MethodArgs<'prepareImport'>): Promise<{ parsers: number }>;
  /** Adds files and folders (exports excepted: give those to importPaths) to an import begun with `open`; false when no such import runs any more (cancelled, stopped). */
  feedImport(args: MethodArgs<'feedImport'>): Promise<{ fed: boolean }>;
  search(args: MethodArgs<'search'>): Promise<SearchResult>;
  /** Spans of `texts` that match `query`, for highlighting in the reader (same analyzer as search). */
  highlight(args: MethodArgs<'highlight'>): Promise<Span[][]>;
  getItem(args: MethodArgs<'getItem'>): Promise<ItemDetail>;
  /** Corrects an article's metadata (notes take theirs from their text); the fields are recorded in `edited`. */
  editItem(args: MethodArgs<'editItem'>): Promise<ItemDetail>;
  /** Citations of items in a style (`text`) or a format other programs read (CSL-JSON array, BibTeX, RIS). */
  cite(args: MethodArgs<'cite'>): Promise<Citation>;
  /** Moves an item to the trash, with the notes attached to it (how many: `notes`). */
  deleteItem(args: MethodArgs<'deleteItem'>): Promise<TrashResult>;
  /** Brings an item back from the trash, with the notes that went there with it. */
  restoreItem(args: MethodArgs<'restoreItem'>): Promise<{ restored: true; notes: number }>;
  /** What is in the trash, most recently deleted first. */
  listTrash(args?: MethodArgs<'listTrash'>): Promise<TrashEntry[]>;
  /** Deletes trashed items for good (all of them without `ids`): rows, notes, index entries, originals. */
  emptyTrash(args?: MethodArgs<'emptyTrash'>): Promise<{ deleted: number; notes: number; files: number }>;
  addTag(args: MethodArgs<'addTag'>): Promise<{ tags: string[] }>;
  removeTag(args: MethodArgs<'removeTag'>): Promise<{ tags: string[] }>;
  listTags(args?: MethodArgs<'listTags'>): Promise<TagInfo[]>;
  setTagColor(args: MethodArgs<'setTagColor'>): Promise<TagInfo>;
  addNote(args: MethodArgs<'addNote'>): Promise<NoteInfo>;
  updateNote(args: MethodArgs<'updateNote'>): Promise<NoteInfo>;
  deleteNote(args: MethodArgs<'deleteNote'>): Promise<{ deleted: boolean }>;
  listNotes(args?: MethodArgs<'listNotes'>): Promise<NoteInfo[]>;
  stats(args?: MethodArgs<'stats'>): Promise<ArchiveStats>;
  listSavedSearches(args?: MethodArgs<'listSavedSearches'>): Promise<SavedSearch[]>;
  /** Saves (or replaces, by name) a search. */
  saveSearch(args: MethodArgs<'saveSearch'>): Promise<SavedSearch>;
  deleteSavedSearch(args: MethodArgs<'deleteSavedSearch'>): Promise<{ deleted: boolean }>;
  /** Writes a backup file (the database snapshot, the originals, a manifest); null when `ifDue` and none was due. */
  backupNow(args?: MethodArgs<'backupNow'>): Promise<BackupResult | null>;
  /** The backup folder, automatic backups, and the last backup. */
  backupStatus(args?: MethodArgs<'backupStatus'>): Promise<BackupStatus>;
  /** Restores a backup file into a new or empty folder, checking every file first; the open archive is not changed. */
  restoreBackup(args: MethodArgs<'restoreBackup'>): Promise<RestoredBackup>;
  /** Exports everything, a search's hits or chosen items to an open format (Markdown, JSON lines, originals). */
  exportItems(args: MethodArgs<'exportItems'>): Promise<ExportResult>;
  /** Sets the backup folder and/or automatic daily backups. */
  setBackupSettings(args: MethodArgs<'setBackupSettings'>): Promise<BackupStatus>;

  // ---- Annotations (issue 11) ----
  /** Highlights a passage of an article (a span of its text, or a quote found once), with a colour and an optional comment. */
  addAnnotation(args: MethodArgs<'addAnnotation'>): Promise<AnnotationInfo>;
  /** Changes an annotation's comment and/or colour. */
  updateAnnotation(args: MethodArgs<'updateAnnotation'>): Promise<AnnotationInfo>;
  /** Deletes an annotation (restoreAnnotation undoes it). */
  deleteAnnotation(args: MethodArgs<'deleteAnnotation'>): Promise<{ deleted: boolean; uid: string }>;
  /** Brings a deleted annotation back (Undo). */
  restoreAnnotation(args: MethodArgs<'restoreAnnotation'>): Promise<AnnotationInfo>;
  /** Annotations of one item (or all), in reading order, each resolved in the current text or `orphaned`. */
  listAnnotations(args?: MethodArgs<'listAnnotations'>): Promise<AnnotationInfo[]>;
  // --- Links between notes and sources (issue 11) ---
  /** The notes that link to item or note `id`, with the sentence of each link; notes in the trash left out. */
  backlinks(args: MethodArgs<'backlinks'>): Promise<Backlink[]>;
  /** What the uids of links (to items, notes or annotations) point at now (to open, in the trash, gone), in the order asked, duplicates once. */
  linkTargets(args: MethodArgs<'linkTargets'>): Promise<LinkTarget[]>;
  // --- Tags you can manage, and many items at once (issue 11) ---
  /** Renames a tag and its sub-tags; onto an existing tag it merges them. Saved searches follow. */
  renameTag(args: MethodArgs<'renameTag'>): Promise<TagRenameResult>;
  /** Removes a tag and its sub-tags from every item and deletes them. */
  deleteTag(args: MethodArgs<'deleteTag'>): Promise<TagDeleteResult>;
  /** Tags many items (ids or a whole search), in short transactions with `bulkProgress` events; undo: bulkUntag of `ids`. */
  bulkTag(args: MethodArgs<'bulkTag'>): Promise<BulkResult>;
  /** Removes a tag from many items; undo: bulkTag of `ids`. */
  bulkUntag(args: MethodArgs<'bulkUntag'>): Promise<BulkResult>;
  /** Moves many items (and their notes) to the trash; undo: bulkRestore of `ids`. */
  bulkDelete(args: MethodArgs<'bulkDelete'>): Promise<BulkResult>;
  /** Brings items back from the trash, with the notes that went with them (the undo of bulkDelete). */
  bulkRestore(args: MethodArgs<'bulkRestore'>): Promise<BulkResult>;
}

export type MethodName = keyof ArchiveApi;
export const methodNames = Object.keys(archiveMethods) as MethodName[];

/**
 * Where a method may run and what it changes. 'read': it only reads, so a reader connection beside
 * the writer may answer it (a slow search never queues a write or another read). 'writer': it
 * changes nothing but needs the writer's state (running imports, backups). `{ writes }`: it changes
 * the archive, so it runs on the writer and a read-only or damaged archive refuses it.
 */
export type MethodAccess = 'read' | 'writer' | { writes: string };

/** Every method's access: the one table the transports route by and the write guard checks. */
export const methodAccess = {
  importPaths: { writes: 'import files' },
  cancelImport: 'writer', // the writer holds the import jobs
  prepareImport: 'writer', // the writer holds the parser pool; nothing is written
  feedImport: 'writer', // the writer holds the import jobs; the import it feeds does the writing
  search: 'read',
  highlight: 'read',
  getItem: 'read',
  editItem: { writes: 'edit item details' },
  cite: 'read',
  deleteItem: { writes: 'delete items' },
  restoreItem: { writes: 'restore items from the trash' },
  listTrash: 'read',
  emptyTrash: { writes: 'empty the trash' },
  addTag: { writes: 'add tags' },
  removeTag: { writes: 'remove tags' },
  listTags: 'read',
  setTagColor: { writes: 'change tag colours' },
  addNote: { writes: 'add notes' },
  updateNote: { writes: 'change notes' },
  deleteNote: { writes: 'delete notes' },
  listNotes: 'read',
  stats: 'read',
  listSavedSearches: 'read',
  saveSearch: { writes: 'save searches' },
  deleteSavedSearch: { writes: 'delete saved searches' },
  backupNow: { writes: 'make backups' },
  backupStatus: 'writer', // the writer runs the backups and knows one in progress
  setBackupSettings: { writes: 'change backup settings' },
  // 'writer': it writes only into a new folder outside the archive, so a read-only archive may
  // still restore a backup elsewhere; the writer thread keeps a long restore off the readers.
  restoreBackup: 'writer',
  // 'read': it only reads the archive (the file it writes is outside it), so a reader thread runs
  // it without holding up imports and edits, and a read-only or damaged archive can still be exported.
  exportItems: 'read',
  // Annotations (issue 11)
  addAnnotation: { writes: 'add annotations' },
  updateAnnotation: { writes: 'change annotations' },
  deleteAnnotation: { writes: 'delete annotations' },
  restoreAnnotation: { writes: 'restore annotations' },
  listAnnotations: 'read',
  // --- Links between notes and sources (issue 11) ---
  backlinks: 'read',
  linkTargets: 'read',
  // --- Tags you can manage, and many items at once (issue 11) ---
  renameTag: { writes: 'rename tags' },
  deleteTag: { writes: 'delete tags' },
  bulkTag: { writes: 'add tags' },
  bulkUntag: { writes: 'remove tags' },
  bulkDelete: { writes: 'delete items' },
  bulkRestore: { writes: 'restore items from the trash' },
} as const satisfies Record<MethodName, MethodAccess>;

/** What a method changes, as a read-only archive's refusal says it ("cannot …"), or null when it changes nothing. */
export function methodWrites(method: MethodName): string | null {
  const access: MethodAccess = methodAccess[method];
  return typeof access === 'object' ? access.writes : null;
}

/** The methods that only read the archive. */
export type ReadMethod = { [K in MethodName]: (typeof methodAccess)[K] extends 'read' ? K : never }[MethodName];

/** True when `method` only reads the archive (see methodAccess). */
export function isReadMethod(method: MethodName): method is ReadMethod {
  return methodAccess[method] === 'read';
}

/** Arguments as the implementation receives them: validated, defaults filled in. */
export type ParsedArgs<K extends MethodName> = z.output<(typeof archiveMethods)[K]>;
export type MethodResult<K extends MethodName> = Awaited<ReturnType<ArchiveApi[K]>>;

/** What the core implements: every method, taking already-validated arguments. */
export type ArchiveHandlers = { [K in MethodName]: (args: ParsedArgs<K>) => Promise<MethodResult<K>> };

/** True when `name` is one of the archive's methods (transports check this first). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(archiveMethods, name);
}

/** Validates raw arguments for `method`; throws `invalid-argument` with a readable message. */
export function parseArgs<K extends MethodName>(method: K, raw: unknown): ParsedArgs<K> {
  const result = archiveMethods[method].safeParse(raw ?? {});
  if (!result.success) {
    const detail = result.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new ArchiveError('invalid-argument', `${method}: ${detail}`);
  }
  return result.data as ParsedArgs<K>;
}

/** Wraps handlers so every call is validated first: the in-process ArchiveApi. */
export function validatedApi(handlers: ArchiveHandlers): ArchiveApi {
  const api = {} as Record<MethodName, (raw: unknown) => Promise<unknown>>;
  for (const name of methodNames) {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    api[name] = async (raw: unknown) => handler(parseArgs(name, raw));
  }
  return api as unknown as ArchiveApi;
}
