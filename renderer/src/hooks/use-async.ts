// Loads something asynchronously and keeps the last good value while reloading.
import { useEffect, useState } from 'react';

export interface AsyncState<T> {
  value: T | undefined;
  error: unknown;
  loading: boolean;
}

/** Runs `load` whenever `deps` change; stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ value: undefined, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => live && setState({ value, error: null, loading: false }),
      (error: unknown) => live && setState((s) => ({ value: s.value, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, deps); // the caller lists what `load` depends on
  return state;
}
