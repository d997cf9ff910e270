// File names for exported Markdown: from titles, safe on Windows, macOS and Linux, and usable in
// Obsidian wikilinks. Arabic and every other script are kept; only what a file system or a
// [[wikilink]] cannot hold is replaced.

/** Most UTF-8 bytes of a name before its suffix (file systems allow 255; room is left for " (12345).md"). */
const maxNameBytes = 150;

const windowsReserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A safe file name stem (no extension) for `title`. */
export function safeStem(title: string): string {
  let name = title
    .normalize('NFC')
    // Reserved on Windows (<>:"/\|?*), control characters, and Obsidian's link syntax (#^[]|).
    .replace(/[<>:"/\\|?*#^[\]\u0000-\u001f\u007f-\u009f]/g, ' ')
    // Direction marks and zero-width characters make names that look alike but are not.
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  name = truncateBytes(name, maxNameBytes).replace(/[ .]+$/, '').replace(/^[ .]+/, '');
  if (name === '') name = 'untitled';
  if (windowsReserved.test(name.split('.')[0]!)) name = `_${name}`;
  return name;
}

function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Hands out unique names within one folder (case-insensitively, as on Windows and macOS). */
export function uniqueNames() {
  const used = new Set<string>();
  return (stem: string, extension: string): string => {
    for (let n = 1; ; n++) {
      const name = `${n === 1 ? stem : `${stem} (${n})`}${extension}`;
      const key = name.toLowerCase();
      if (!used.has(key)) {
        used.add(key);
        return name;
      }
    }
  };
}

/** The extension of an original's file name (".html"), safe, or "" when it has none. */
export function safeExtension(sourcePath: string | null): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(sourcePath ?? '');
  return match ? `.${match[1]!.toLowerCase()}` : '';
}
