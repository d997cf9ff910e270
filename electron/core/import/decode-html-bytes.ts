// Turns the bytes of a saved web page into a string the way a browser would (BOM, then <meta>,
// then content), falling back to detection because saved pages often lie or say nothing. The
// Unicode, UTF-8 and detection steps are decode-text.ts's; the <meta> prescan is HTML's own.
import { ArchiveError } from '../../shared/errors.js';
import { decodeUnicodeSignature, decodeUtf8OrDetected, decodeWith, normaliseCharsetLabel, validUtf8WithNonAscii, type DecodedText } from './decode-text.js';

/** Decoded page text, plus a warning when the page lied about its charset. */
export interface DecodedHtml extends DecodedText {
  /** Set when the declared charset had to be overridden. */
  warning: string | null;
}

/** How far into the file a <meta charset> is looked for (HTML's prescan reads 1024; saved pages put it later). */
const prescanBytes = 4096;
/** How much decoded text is checked for control characters. */
const textSampleChars = 64 * 1024;

/** A <meta> that can be read as ASCII proves the bytes are not UTF-16 (HTML spec: treat it as utf-8). */
const utf16Names = new Set(['utf-16', 'utf-16le', 'utf-16be']);

/** Magic numbers of formats people rename to .html/.eml by mistake, so the error can say what it is. */
const magicNumbers: Array<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a zip archive (or docx/odt/epub)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a RAR archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['a bzip2 archive', [0x42, 0x5a, 0x68]],
  ['an old Office document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['a SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
];

/** Names the binary format `bytes` starts with (e.g. "a PNG image"), or null when it is not a known one. */
function sniffBinaryFormat(bytes: Uint8Array): string | null {
  for (const [name, magic] of magicNumbers) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return name;
  }
  if (bytes.length >= 12 && latin1(bytes.subarray(0, 4)) === 'RIFF') return 'a RIFF media file';
  return null;
}

/** Throws ArchiveError('corrupt') when `bytes` is a known binary format rather than text. */
export function assertNotBinary(bytes: Uint8Array, what: string): void {
  const format = sniffBinaryFormat(bytes);
  if (format) throw new ArchiveError('corrupt', `not ${what}: the file is ${format}`);
}

/** Throws ArchiveError('corrupt') when decoded text is full of control characters (binary data decoded as text). */
export function assertLooksLikeText(text: string, what: string): void {
  const sample = text.length > textSampleChars ? text.slice(0, textSampleChars) : text;
  // NUL and other C0 controls never occur in real text; tab, LF, FF and CR do.
  const controls = sample.match(/[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  if (controls > 8 && controls > sample.length * 0.01) {
    throw new ArchiveError('corrupt', `not ${what}: the file holds binary data (${controls} control characters in the first ${sample.length})`);
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Charset named by a <meta charset> or <meta http-equiv=Content-Type> near the top of the page, or null. */
function findMetaCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, prescanBytes));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const label = /charset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag)?.[1];
    if (!label) continue;
    const name = normaliseCharsetLabel(label);
    if (name) return utf16Names.has(name) ? 'utf-8' : name;
  }
  return null;
}

/**
 * Decodes an HTML file: BOM, then the declared charset (`transportCharset`, the charset a MIME
 * part states, else the <meta> one), then valid UTF-8, then chardet; records what was used.
 */
export function decodeHtmlBytes(bytes: Uint8Array, transportCharset: string | null = null): DecodedHtml {
  const unicode = decodeUnicodeSignature(bytes);
  if (unicode) return { ...unicode, warning: null };

  const transport = transportCharset ? normaliseCharsetLabel(transportCharset) : null;
  const declared = (transport && utf16Names.has(transport) ? 'utf-8' : transport) ?? findMetaCharset(bytes);
  if (declared && declared !== 'utf-8') {
    // Pages re-saved by a UTF-8 editor or CMS keep their old <meta>: legacy text almost never
    // forms valid multi-byte UTF-8, so valid UTF-8 with non-ASCII bytes wins over the label.
    const utf8 = validUtf8WithNonAscii(bytes);
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8', warning: `the page says ${declared} but is utf-8; decoded as utf-8` };
    return { text: decodeWith(bytes, declared), encoding: declared, warning: null };
  }

  const decoded = decodeUtf8OrDetected(bytes);
  const warning = declared && decoded.encoding !== 'utf-8' ? `the page says utf-8 but is not; decoded as ${decoded.encoding}` : null;
  return { ...decoded, warning };
}
