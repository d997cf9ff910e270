// Keeps the address (#q=…&sort=…&item=…) and the window's state in step both ways, and in the
// desktop app remembers the last state for the next start.
import { useEffect, useRef } from 'react';
import { decodeAddressState, emptyAddressState, encodeAddressState, historyStep, onlyTextChanged, type AddressState, type LastWrite } from '../lib/address-state.js';

// On app://khizana (desktop) this survives a restart; the browser starts from its address instead.
const lastStateKey = 'khizana.lastState';

function urlWith(hash: string): string {
  return window.location.pathname + window.location.search + (hash ? `#${hash}` : '');
}

/**
 * The state to start with: the address's, or (desktop, no address) the one the app closed with,
 * which is then written into the address so Back has something to come back to.
 */
export function initialAddressState(desktop: boolean): AddressState {
  if (window.location.hash.length > 1) return decodeAddressState(window.location.hash);
  if (!desktop) return emptyAddressState;
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(lastStateKey);
  } catch {
    // Storage may be unavailable (a locked-down profile): start empty.
  }
  if (!stored) return emptyAddressState;
  const state = decodeAddressState(stored);
  window.history.replaceState(window.history.state, '', urlWith(encodeAddressState(state)));
  return state;
}

/**
 * Writes `state` into the address as it changes (a history entry per opened item, filter, sort or
 * query; typing rewrites its own entry) and calls `restore` when Back/Forward or an edited address
 * brings another state. `persist` also keeps it in localStorage for the next start (desktop).
 */
export function useAddressState(state: AddressState, restore: (state: AddressState) => void, persist: boolean): void {
  const last = useRef<LastWrite | null>(null);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const encoded = encodeAddressState(state);

  useEffect(() => {
    const next = decodeAddressState(encoded);
    const current = decodeAddressState(window.location.hash);
    const now = Date.now();
    const step = historyStep(current, next, last.current, now);
    if (step === 'push') window.history.pushState(null, '', urlWith(encoded));
    else if (step === 'replace') window.history.replaceState(window.history.state, '', urlWith(encoded));
    if (step !== 'none') last.current = { typing: onlyTextChanged(current, next), at: now };
    if (persist) {
      try {
        localStorage.setItem(lastStateKey, encoded);
      } catch {
        // Not remembered for the next start; the address still holds it.
      }
    }
  }, [encoded, persist]);

  useEffect(() => {
    const onPop = (): void => {
      // The entry Back/Forward lands on is a settled one: the next keystroke starts a new entry.
      last.current = null;
      restoreRef.current(decodeAddressState(window.location.hash));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
}
