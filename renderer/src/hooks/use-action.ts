// One user action at a time (export, restore …): busy while it runs, then its result or its error.
import { useCallback, useState } from 'react';

export interface Action<T> {
  busy: boolean;
  result: T | null;
  error: unknown;
  /** Runs `work`, clearing the last result and error first. */
  run(work: () => Promise<T>): Promise<void>;
  /** Forgets the last result and error (a dialog opened again starts afresh). */
  reset(): void;
}

/** The state of an action the user starts and waits for. */
export function useAction<T>(): Action<T> {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reset = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);
  const run = useCallback(async (work: () => Promise<T>) => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, result, error, run, reset };
}
