// The web bridge's per-run token: arrives once in `?token=`, then lives in this origin's
// localStorage (http://127.0.0.1:PORT) only. Never in the address: history entries and bookmarks
// carry the search state (#q=…), not the key. localStorage rather than sessionStorage so a
// bookmark or a second tab works while the same serve runs; once that serve stops the token is
// worthless, and a page that still holds it explains so (TokenProblem).
const key = 'khizana.token';

/** Moves a `?token=` from the address bar into localStorage; returns the token in use, if any. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(key, fromUrl);
    url.searchParams.delete('token');
    // Out of the address bar, history and any screenshot of it.
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return localStorage.getItem(key);
}
