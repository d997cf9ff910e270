// One bulk action at a time (tag, untag, delete, or the undo of one), with its progress from
// `bulkProgress` events, so thousands of items show a moving bar.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkAction, BulkResult } from '../../../electron/shared/dto.js';
import { newJobId } from '../lib/ids.js';
import { useArchive } from './archive-context.js';
import type { SelectionTarget } from './use-result-selection.js';

export type BulkState = { phase: 'idle' } | { phase: 'running'; jobId: string; action: BulkAction; done: number; total: number | null };

export interface BulkControl {
  state: BulkState;
  /** Runs `action` on `target` (tag, untag need `tag`); resolves with what changed, or rejects. */
  run(action: BulkAction, target: SelectionTarget, tag?: string): Promise<BulkResult>;
}

/** Bulk actions of this window. */
export function useBulk(): BulkControl {
  const { api, subscribeEvents, dataChanged } = useArchive();
  const [state, setState] = useState<BulkState>({ phase: 'idle' });
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      subscribeEvents((event) => {
        if (event.type !== 'bulkProgress' || event.progress.jobId !== jobRef.current) return;
        const { done, total } = event.progress;
        setState((s) => (s.phase === 'running' && s.jobId === event.progress.jobId ? { ...s, done, total } : s));
      }),
    [subscribeEvents],
  );

  const run = useCallback(
    async (action: BulkAction, target: SelectionTarget, tag?: string): Promise<BulkResult> => {
      if (jobRef.current) throw new Error('another action on many items is still running: wait for it to finish');
      const jobId = newJobId();
      jobRef.current = jobId;
      setState({ phase: 'running', jobId, action, done: 0, total: 'ids' in target ? target.ids.length : null });
      try {
        const withJob = { ...target, jobId };
        if (action === 'tag') return await api.bulkTag({ ...withJob, tag: tag ?? '' });
        if (action === 'untag') return await api.bulkUntag({ ...withJob, tag: tag ?? '' });
        if (action === 'delete') return await api.bulkDelete(withJob);
        return await api.bulkRestore({ ids: 'ids' in target ? target.ids : [], jobId });
      } finally {
        jobRef.current = null;
        setState({ phase: 'idle' });
        dataChanged();
      }
    },
    [api, dataChanged],
  );

  return { state, run };
}
