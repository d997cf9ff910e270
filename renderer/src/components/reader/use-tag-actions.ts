import { useMemo } from 'react';
import { useArchive } from '../../hooks/archive-context.js';

/** Add, remove and colour tags of item `id`; every change reloads the views. */
export function useTagActions(id: number, onError: (error: unknown) => void) {
  const { api, dataChanged } = useArchive();
  return useMemo(
    () => ({
      onAdd: (tag: string) => void api.addTag({ id, tag }).then(dataChanged, onError),
      onRemove: (tag: string) => void api.removeTag({ id, tag }).then(dataChanged, onError),
      onColor: (tag: string, color: string | null) => void api.setTagColor({ tag, color }).then(dataChanged, onError),
    }),
    [api, id, dataChanged, onError],
  );
}
