// Small read models: tags and stats, reloaded whenever archive data changes.
import type { ArchiveStats, TagInfo, TrashEntry } from '../../../electron/shared/dto.js';
import { useArchive } from './archive-context.js';
import { useAsync, type AsyncState } from './use-async.js';

/** Every tag with its count and colour. */
export function useTags(): AsyncState<TagInfo[]> {
  const { api, dataVersion } = useArchive();
  return useAsync(() => api.listTags({}), [api, dataVersion]);
}

/** How many articles and notes the archive holds. */
export function useStats(): AsyncState<ArchiveStats> {
  const { api, dataVersion } = useArchive();
  return useAsync(() => api.stats({}), [api, dataVersion]);
}

/** What is in the trash. */
export function useTrash(): AsyncState<TrashEntry[]> {
  const { api, dataVersion } = useArchive();
  return useAsync(() => api.listTrash({}), [api, dataVersion]);
}
