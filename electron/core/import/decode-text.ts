// Bytes of a text file → string, with the encoding that was detected (DESIGN §5). The one
// BOM → UTF-16 → UTF-8 → chardet path: txt and md use decodeText; decode-html-bytes.ts puts
// HTML's <meta charset> between the Unicode signatures and the rest.
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Decoded text and the encoding it was decoded from. */
export interface DecodedText {
  text: string;
  /** Lowercase WHATWG/iconv name: utf-8, utf-16le, utf-16be, windows-1256, iso-8859-6, windows-1252 … */
  encoding: string;
}

/** How far into the file UTF-16 is sniffed: enough for its zero bytes to show. */
const sniffBytes = 4096;
/** Enough bytes for chardet to be confident without reading a whole 100 MB file. */
const detectSampleBytes = 256 * 1024;

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
};

/** Canonical decoder name for a charset label (declared or detected), or null when it is unknown or refused. */
export function normaliseCharsetLabel(label: string): string | null {
  const lower = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (lower === '' || refusedLabels.has(lower)) return null;
  const name = labelAliases[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

/** The encoding named by a byte-order mark and its length, or null. */
function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte-order mark, or null: ASCII-range text (and markup) shows as zero bytes
 * on one side of each pair; Arabic shows as 0x06 high bytes, with few zeros between them.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), sniffBytes);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  let evenSix = 0;
  let oddSix = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
    if (bytes[i] === 0x06) evenSix++;
    if (bytes[i + 1] === 0x06) oddSix++;
  }
  const pairs = n / 2;
  // Mostly ASCII-range text has zeros on one side of most pairs; a page of non-Latin text has them
  // only in its markup and spaces (20%), so then the other side must be nearly free of them (2%).
  // No text in UTF-8 or a single-byte charset has zero bytes at all.
  const zerosOn = (side: number, other: number): boolean =>
    (side > pairs * 0.3 && other < pairs * 0.05) || (side > pairs * 0.2 && other < pairs * 0.02);
  if (zerosOn(oddZeros, evenZeros)) return 'utf-16le';
  if (zerosOn(evenZeros, oddZeros)) return 'utf-16be';
  if (oddSix > pairs * 0.4 && oddZeros + oddSix > pairs * 0.6) return 'utf-16le';
  if (evenSix > pairs * 0.4 && evenZeros + evenSix > pairs * 0.6) return 'utf-16be';
  return null;
}

/** Decodes with iconv-lite (which knows every legacy charset we accept, and drops a BOM). */
export function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** The bytes decoded by their byte-order mark, or as sniffed UTF-16; null when neither applies. */
export function decodeUnicodeSignature(bytes: Uint8Array): DecodedText | null {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const utf16 = sniffUtf16(bytes);
  return utf16 ? { text: decodeWith(bytes, utf16), encoding: utf16 } : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The bytes as UTF-8 when they are strictly valid UTF-8 and hold at least one multi-byte
 * sequence, else null: pure ASCII proves nothing, so a declared charset keeps it.
 */
export function validUtf8WithNonAscii(bytes: Uint8Array): string | null {
  if (!bytes.some((b) => b >= 0x80)) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

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

/** Best guess for bytes without a Unicode signature that did not pass as UTF-8: chardet's first usable candidate. */
function detectEncoding(bytes: Uint8Array): string {
  for (const candidate of chardet.analyse(bytes.subarray(0, detectSampleBytes))) {
    const name = normaliseCharsetLabel(candidate.name);
    // UTF-16 and UTF-32 were ruled out by sniffing. UTF-8 stays: chardet still says so for a
    // short file cut mid-character, which is too short for tryUtf8's ratio.
    if (name && !/^utf-(?:16|32)/.test(name)) return name;
  }
  return 'windows-1252';
}

/** Decodes bytes that carry no Unicode signature: as UTF-8 when they are, else in the detected charset. */
export function decodeUtf8OrDetected(bytes: Uint8Array): DecodedText {
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const detected = detectEncoding(bytes);
  return { text: decodeWith(bytes, detected), encoding: detected };
}

/** Decodes text bytes: BOM, then UTF-16 sniffing, then UTF-8, then statistical detection. */
export function decodeText(bytes: Uint8Array): DecodedText {
  return decodeUnicodeSignature(bytes) ?? decodeUtf8OrDetected(bytes);
}

/** True when bytes look binary (NUL bytes outside UTF-16, or many control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  if (sniffUtf16(bytes) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > n * 0.1;
}
