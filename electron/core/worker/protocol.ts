// Messages between an archive worker thread and its client, derived from the contract's method names.
import type { MethodName } from '../../shared/contract.js';
import type { ArchiveEvent } from '../../shared/dto.js';
import type { ErrorShape } from '../../shared/errors.js';

export type ToWorker =
  | { type: 'call'; id: number; method: MethodName; args: unknown }
  /** To a reader: the writer has changed the archive; words may have changed with it. */
  | { type: 'changed' }
  /** To a reader: build the typo vocabulary now, in the background (answered with 'warmed'). */
  | { type: 'warm' }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: ErrorShape }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ErrorShape }
  | { type: 'event'; event: ArchiveEvent }
  | { type: 'warmed' }
  | { type: 'closed' };

export interface WorkerInit {
  dir: string;
}
