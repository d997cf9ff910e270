// The `[[` autocomplete's text side: where an open `[[` is, and the search it runs.

/** An open `[[` before the caret on its line: where it starts and what was typed after it. */
export interface LinkTrigger {
  start: number;
  query: string;
}

const maxQuery = 80;

/** The `[[` the caret at `caret` is completing, or null (none on the line, or already closed). */
export function linkTriggerAt(text: string, caret: number): LinkTrigger | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const before = text.slice(lineStart, caret);
  const open = before.lastIndexOf('[[');
  if (open === -1) return null;
  const query = before.slice(open + 2);
  if (/[\]\[]/.test(query) || query.length > maxQuery) return null;
  return { start: lineStart + open, query };
}

/**
 * The archive search for what was typed after `[[`: every word in titles only, the last one as a
 * prefix while it is being typed, so `ادل` finds إدلب the way search does (alef forms, diacritics,
 * ال and و prefixes). Query syntax typed there is dropped: it is a title, not a query.
 */
export function titleQuery(typed: string): string {
  const words = typed.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{M}\p{N}]/gu, '')).filter(Boolean).slice(0, 8);
  if (words.length === 0) return '';
  const typing = !/\s$/.test(typed);
  return words.map((w, i) => `title:${w}${typing && i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** The direction of a line as `unicode-bidi: plaintext` lays it out: that of its first strong letter. */
export function lineDirection(text: string, at: number): 'rtl' | 'ltr' {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const strong = /\p{L}/u.exec(line)?.[0] ?? '';
  return /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(strong) ? 'rtl' : 'ltr';
}
