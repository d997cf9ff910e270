import { useCallback, useEffect, useState } from 'react';
import type { SortOrder } from '../../../electron/shared/contract.js';
import { composeQuery, type Filters } from '../lib/query.js';
import { fromStored, type SavedSearch } from '../lib/saved-searches.js';
import { useArchive } from './archive-context.js';

/** Describes a search for its saved name: the words, else the filters. */
function nameFor(text: string, filters: Filters): string {
  const parts = [text.trim(), filters.tag && `#${filters.tag}`, filters.type, filters.lang, filters.year].filter(Boolean);
  return parts.join(' · ') || 'Everything';
}

/** The saved-search list, stored in the archive (shared by the app, the browser and the CLI). */
export function useSavedSearches(onError: (error: unknown) => void) {
  const { api, dataVersion } = useArchive();
  const [list, setList] = useState<SavedSearch[]>([]);
  const reload = useCallback(async () => {
    try {
      setList((await api.listSavedSearches({})).map(fromStored));
    } catch (error) {
      onError(error);
    }
  }, [api, onError]);
  // Again when archive data changes: renaming a tag rewrites the saved searches that filter by it.
  useEffect(() => {
    void reload();
  }, [reload, dataVersion]);
  const has = (text: string, filters: Filters): boolean => {
    const query = composeQuery(text, filters);
    return list.some((s) => s.text === query);
  };
  return {
    list,
    has,
    async save(text: string, filters: Filters, sort: SortOrder) {
      if (has(text, filters)) return;
      try {
        await api.saveSearch({ name: nameFor(text, filters), query: composeQuery(text, filters), sort });
        await reload();
      } catch (error) {
        onError(error);
      }
    },
    async remove(name: string) {
      try {
        await api.deleteSavedSearch({ name });
        await reload();
      } catch (error) {
        onError(error);
      }
    },
  };
}
