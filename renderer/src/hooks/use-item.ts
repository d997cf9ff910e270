import type { ItemDetail } from '../../../electron/shared/dto.js';
import { useArchive } from './archive-context.js';
import { useAsync, type AsyncState } from './use-async.js';

/** The full item `id` (null: none), reloaded when archive data changes. */
export function useItem(id: number | null): AsyncState<ItemDetail | null> {
  const { api, dataVersion } = useArchive();
  const state = useAsync(() => (id === null ? Promise.resolve(null) : api.getItem({ id })), [api, id, dataVersion]);
  // While another item loads, never show the previous one under the new selection.
  return state.value && state.value.id !== id ? { value: undefined, error: state.error, loading: true } : state;
}
