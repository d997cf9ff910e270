// Results cross IPC as envelopes: ipcRenderer.invoke keeps only the message of a thrown error,
// and the UI branches on the error code.
import { toErrorShape, type ErrorShape } from '../shared/errors.js';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** Runs `fn` and returns its value or its error as an envelope; never throws. */
export async function toEnvelope<T>(fn: () => Promise<T> | T): Promise<Envelope<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

/** An error envelope with a given shape. */
export function errorEnvelope(error: ErrorShape): Envelope<never> {
  return { ok: false, error };
}
