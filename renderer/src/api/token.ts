// The web bridge's per-run token: arrives once in `?token=`, then lives in sessionStorage only.
const key = 'khizana.token';

/** Moves a `?token=` from the address bar into sessionStorage; returns the token in use, if any. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(key, fromUrl);
    url.searchParams.delete('token');
    // Out of the address bar, history and any screenshot of it.
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(key);
}
