// Turns the bytes of a saved web page into a string the way a browser would (BOM, then <meta>,
// then content), falling back to detection because saved pages often lie or say nothing.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ArchiveError } from '../../shared/errors.js';

export interface DecodedText {
  text: string;
  /** Lowercase name of the encoding actually used, e.g. `utf-8`, `windows-1256`. */
  encoding: string;
  /** Set when the declared charset had to be overridden. */
  warning: string | null;
}

/** How far into the file a <meta charset> is looked for (HTML's prescan reads 1024; saved pages put it later). */
const prescanBytes = 4096;
/** Enough bytes for chardet to be confident without reading a whole 100 MB file. */
const detectSampleBytes = 64 * 1024;

/** Labels never honoured: UTF-7 and friends let "<script" hide as ASCII (WHATWG maps them to nothing). */
const refusedLabels = new Set([
  'utf-7', 'utf7', 'unicode-1-1-utf-7', 'csunicode11utf7', 'x-imap4-modified-utf7',
  'iso-2022-kr', 'iso-2022-cn', 'iso-2022-cn-ext', 'hz-gb-2312', 'replacement', 'x-user-defined',
]);

/** WHATWG label aliases whose decoder differs from what the label names (browsers decode latin1 as cp1252). */
const labelAliases: Record<string, string> = {
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', 'latin1': 'windows-1252', 'l1': 'windows-1252',
  'us-ascii': 'windows-1252', 'ascii': 'windows-1252', 'cp1252': 'windows-1252', 'x-cp1252': 'windows-1252',
  'cp1256': 'windows-1256', 'x-cp1256': 'windows-1256',
  'arabic': 'iso-8859-6', 'asmo-708': 'iso-8859-6', 'ecma-114': 'iso-8859-6', 'iso-ir-127': 'iso-8859-6',
  'iso-8859-6-i': 'iso-8859-6', 'iso-8859-6-e': 'iso-8859-6', 'iso-8859-8-i': 'iso-8859-8',
  'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'gb2312': 'gbk', 'x-gbk': 'gbk', 'tis-620': 'windows-874', 'ks_c_5601-1987': 'euc-kr',
  // A <meta> that can be read as ASCII proves the bytes are not UTF-16 (HTML spec: treat as utf-8).
  'utf-16': 'utf-8', 'utf-16le': 'utf-8', 'utf-16be': 'utf-8',
};

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
export function sniffBinaryFormat(bytes: Uint8Array): string | null {
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
  const sample = text.length > detectSampleBytes ? text.slice(0, detectSampleBytes) : text;
  // NUL and other C0 controls never occur in real text; tab, LF, FF and CR do.
  const controls = sample.match(/[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  if (controls > 8 && controls > sample.length * 0.01) {
    throw new ArchiveError('corrupt', `not ${what}: the file holds binary data (${controls} control characters in the first ${sample.length})`);
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Canonical decoder name for a charset label, or null when the label is unknown or refused. */
export function normaliseCharsetLabel(label: string): string | null {
  const lower = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (lower === '' || refusedLabels.has(lower)) return null;
  const name = labelAliases[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

/** Charset named by a <meta charset> or <meta http-equiv=Content-Type> near the top of the page, or null. */
export function findMetaCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, prescanBytes));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const label = /charset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag)?.[1];
    if (!label) continue;
    const name = normaliseCharsetLabel(label);
    if (name) return name;
  }
  return null;
}

/** The encoding named by a byte-order mark and its length, or null. */
function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a byte-order mark, recognised by the zero bytes of its ASCII markup, or null. */
function sniffUtf16(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, prescanBytes & ~1);
  if (sample.length < 16) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.2 && evenZeros < pairs * 0.02) return 'utf-16le';
  if (evenZeros > pairs * 0.2 && oddZeros < pairs * 0.02) return 'utf-16be';
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The bytes as UTF-8 when they are UTF-8 (allowing a few damaged sequences, e.g. a truncated file), else null. */
function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Real UTF-8 with a cut-off last character or one bad byte is still UTF-8; a legacy
    // charset decoded as UTF-8 yields almost nothing but replacement characters.
    const text = lenientUtf8.decode(bytes);
    const bad = text.match(/\uFFFD/g)?.length ?? 0;
    const good = text.match(/[\u0080-\uFFFC\uFFFE\uFFFF\u{10000}-\u{10FFFF}]/gu)?.length ?? 0;
    return good >= 20 * bad ? text : null;
  }
}

/** Decodes with iconv-lite (which knows every legacy charset we accept). */
function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Best guess for bytes that are not UTF-8 and declare nothing usable. */
function detectEncoding(bytes: Uint8Array): string {
  const guess = chardet.detect(bytes.subarray(0, detectSampleBytes));
  return (guess && normaliseCharsetLabel(guess)) ?? 'windows-1252';
}

/** Decodes an HTML file: BOM, then <meta> charset, then valid UTF-8, then chardet; records what was used. */
export function decodeHtmlBytes(bytes: Uint8Array): DecodedText {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, warning: null };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16, warning: null };

  const declared = findMetaCharset(bytes);
  if (declared && declared !== 'utf-8') return { text: decodeWith(bytes, declared), encoding: declared, warning: null };

  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', warning: null };

  const detected = detectEncoding(bytes);
  const warning = declared && detected !== 'utf-8' ? `the page says utf-8 but is not; decoded as ${detected}` : null;
  return { text: decodeWith(bytes, detected), encoding: detected, warning };
}
