// The web bridge answered 401: the page's token is not this serve's (an address from an earlier
// run). Told through a window event so the transport needs no reference to the UI above it.
const eventName = 'khizana:unauthorized';

/** Tells the page its token was refused. */
export function reportUnauthorized(): void {
  if (typeof window === 'undefined') return; // the client used from Node (the contract tests)
  window.dispatchEvent(new Event(eventName));
}

/** Calls `listener` (once) when a request's token is refused; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  window.addEventListener(eventName, listener, { once: true });
  return () => window.removeEventListener(eventName, listener);
}
