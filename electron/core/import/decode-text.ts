// Bytes of a text file → string, with the encoding that was detected (DESIGN §5).
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** Lowercase WHATWG/iconv name: utf-8, utf-16le, utf-16be, windows-1256, iso-8859-6, windows-1252 … */
  encoding: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Guesses UTF-16 without a BOM from where the zero bytes fall (ASCII-range text in UTF-16). */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  // Arabic in UTF-16: the high byte of every Arabic letter is 0x06.
  let lowSix = 0;
  let highSix = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0x06) highSix++;
    if (bytes[i + 1] === 0x06) lowSix++;
  }
  if (lowSix > pairs * 0.4 && oddZeros + lowSix > pairs * 0.6) return 'utf-16le';
  if (highSix > pairs * 0.4 && evenZeros + highSix > pairs * 0.6) return 'utf-16be';
  return null;
}

const aliases: Record<string, string> = { 'iso-8859-1': 'windows-1252', 'utf-8': 'utf-8', ascii: 'utf-8' };

/** Decodes text bytes: BOM, then strict UTF-8, then UTF-16 sniffing, then statistical detection. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16 };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to detection
  }
  const candidates = chardet.analyse(bytes.subarray(0, 256 * 1024));
  for (const candidate of candidates) {
    const name = aliases[candidate.name.toLowerCase()] ?? candidate.name.toLowerCase();
    if (name.startsWith('utf-') || !iconv.encodingExists(name)) continue;
    return { text: iconv.decode(Buffer.from(bytes), name), encoding: name };
  }
  return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
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
