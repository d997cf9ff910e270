// The address `khizana serve` prints (http://127.0.0.1:PORT/?token=…), pasted on the token page to
// carry the current search and open item (#…) over to a new run.

/** `pasted` with `hash` ('#q=…' or '') in place of its own, or null when it is not a serve address with a token. */
export function serveAddressWithState(pasted: string, hash: string): string | null {
  let url: URL;
  try {
    url = new URL(pasted.trim());
  } catch {
    return null;
  }
  // Only a local serve: the page never sends anyone to another site.
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname) || url.username || url.password) return null;
  const token = url.searchParams.get('token');
  if (!token || !/^[\w-]+$/.test(token)) return null;
  return `${url.origin}/?token=${token}${hash.length > 1 ? hash : ''}`;
}
