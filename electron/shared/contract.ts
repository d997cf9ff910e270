// The one contract between the archive and every caller (in-process, worker, IPC, HTTP, CLI).
// Written once here; transports, preload and clients are derived from `archiveMethods`.
import { z } from 'zod';
import { ArchiveError } from './errors.js';
import type {
  ArchiveStats,
  ImportReport,
  ItemDetail,
  NoteInfo,
  SavedSearch,
  SearchResult,
  Span,
  TagInfo,
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
});

const savedSearchName = z.string().trim().min(1, 'a saved search needs a name').max(200);

/** The archive's methods. Every method takes one plain-object argument. */
export interface ArchiveApi {
  importPaths(args: z.input<typeof importArgs>): Promise<ImportReport>;
  cancelImport(args: { jobId: string }): Promise<{ cancelled: boolean }>;
  search(args: z.input<typeof searchArgs>): Promise<SearchResult>;
  /** Spans of `texts` that match `query`, for highlighting in the reader (same analyzer as search). */
  highlight(args: { query: string; texts: string[] }): Promise<Span[][]>;
  getItem(args: { id: number }): Promise<ItemDetail>;
  deleteItem(args: { id: number }): Promise<{ deleted: boolean }>;
  addTag(args: { id: number; tag: string }): Promise<{ tags: string[] }>;
  removeTag(args: { id: number; tag: string }): Promise<{ tags: string[] }>;
  listTags(args?: Record<string, never>): Promise<TagInfo[]>;
  setTagColor(args: { tag: string; color: string | null }): Promise<TagInfo>;
  addNote(args: { text: string; on?: number | undefined }): Promise<NoteInfo>;
  updateNote(args: { id: number; text: string }): Promise<NoteInfo>;
  deleteNote(args: { id: number }): Promise<{ deleted: boolean }>;
  listNotes(args?: { on?: number | undefined }): Promise<NoteInfo[]>;
  stats(args?: Record<string, never>): Promise<ArchiveStats>;
  listSavedSearches(args?: Record<string, never>): Promise<SavedSearch[]>;
  /** Saves (or replaces, by name) a search. */
  saveSearch(args: { name: string; query: string; sort?: SortOrder | undefined }): Promise<SavedSearch>;
  deleteSavedSearch(args: { name: string }): Promise<{ deleted: boolean }>;
}

/** The method table: argument schema per method. Transports are built from its keys. */
export const archiveMethods = {
  importPaths: importArgs,
  cancelImport: z.object({ jobId: z.string().min(1) }),
  search: searchArgs,
  highlight: z.object({
    query: z.string().max(100_000),
    texts: z.array(z.string()).max(100_000).refine((t) => t.reduce((n, s) => n + s.length, 0) <= 50_000_000, 'at most 50,000,000 characters'),
  }),
  getItem: z.object({ id: itemId }),
  deleteItem: z.object({ id: itemId }),
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
} satisfies Record<keyof ArchiveApi, z.ZodType>;

export type MethodName = keyof ArchiveApi;
export const methodNames = Object.keys(archiveMethods) as MethodName[];

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
