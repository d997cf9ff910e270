// ArchiveApi's argument types come from the zod schemas (z.input). Checked by the type checker
// (`npm run typecheck`): each must stay what callers were written against.
import { describe, expectTypeOf, it } from 'vitest';
import { archiveMethods, type ArchiveApi, type MethodArgs, type SortOrder } from '../../electron/shared/contract.js';
import type { z } from 'zod';

type Arg<K extends keyof ArchiveApi> = Parameters<ArchiveApi[K]>[0];

describe('ArchiveApi argument types', () => {
  it('are what each schema accepts', () => {
    expectTypeOf<Arg<'importPaths'>>().toEqualTypeOf<z.input<typeof archiveMethods.importPaths>>();
    expectTypeOf<Arg<'search'>>().toEqualTypeOf<{ query: string; limit?: number | undefined; offset?: number | undefined; sort?: SortOrder | undefined; facets?: boolean | undefined }>();
    expectTypeOf<MethodArgs<'search'>>().toEqualTypeOf<Arg<'search'>>();
  });

  it('are the plain shapes callers were written against', () => {
    expectTypeOf<Arg<'cancelImport'>>().toEqualTypeOf<{ jobId: string }>();
    expectTypeOf<Arg<'highlight'>>().toEqualTypeOf<{ query: string; texts: string[] }>();
    expectTypeOf<Arg<'getItem'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<Arg<'deleteItem'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<Arg<'addTag'>>().toEqualTypeOf<{ id: number; tag: string }>();
    expectTypeOf<Arg<'removeTag'>>().toEqualTypeOf<{ id: number; tag: string }>();
    expectTypeOf<Arg<'listTags'>>().toEqualTypeOf<Record<string, never> | undefined>();
    expectTypeOf<Arg<'setTagColor'>>().toEqualTypeOf<{ tag: string; color: string | null }>();
    expectTypeOf<Arg<'addNote'>>().toEqualTypeOf<{ text: string; on?: number | undefined }>();
    expectTypeOf<Arg<'updateNote'>>().toEqualTypeOf<{ id: number; text: string }>();
    expectTypeOf<Arg<'deleteNote'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<Arg<'listNotes'>>().toEqualTypeOf<{ on?: number | undefined } | undefined>();
    expectTypeOf<Arg<'stats'>>().toEqualTypeOf<Record<string, never> | undefined>();
    expectTypeOf<Arg<'listSavedSearches'>>().toEqualTypeOf<Record<string, never> | undefined>();
    expectTypeOf<Arg<'saveSearch'>>().toEqualTypeOf<{ name: string; query: string; sort?: SortOrder | undefined }>();
    expectTypeOf<Arg<'deleteSavedSearch'>>().toEqualTypeOf<{ name: string }>();
  });
});
