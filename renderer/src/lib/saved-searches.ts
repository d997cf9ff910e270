// Saved searches as the sidebar shows them: a stored query (words and filters written in the
// query language) that fills the search box when applied.
import type { SortOrder } from '../../../electron/shared/contract.js';
import type { SavedSearch as StoredSearch } from '../../../electron/shared/dto.js';
import { noFilters, type Filters } from './query.js';

export interface SavedSearch {
  name: string;
  text: string;
  filters: Filters;
  sort: SortOrder;
}

/** The sidebar's view of a search stored in the archive. */
export function fromStored(stored: StoredSearch): SavedSearch {
  return { name: stored.name, text: stored.query, filters: noFilters, sort: stored.sort };
}
