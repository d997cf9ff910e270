// Checks and normalisations shared by the format parsers: input and text limits, stated dates
// and languages, metadata lines and titles. One copy each, so every format judges alike.
import { ArchiveError, oneLine } from '../../shared/errors.js';
import { detectDirection, detectLanguage, directionOfLanguage } from '../text/language.js';
import type { HtmlText } from './html-text.js';
import type { ParseContext, ParseLimits } from './parsed-document.js';

/** Throws 'too-large' over the file limit and 'empty' for a file with no bytes or only whitespace. */
export function checkInputSize(bytes: Uint8Array, ctx: ParseContext): void {
  if (bytes.byteLength > ctx.limits.maxFileBytes) {
    throw new ArchiveError('too-large', `${bytes.byteLength} bytes is over the ${ctx.limits.maxFileBytes}-byte limit`);
  }
  // A few bytes of spaces and line ends are as empty as no bytes (longer ones end up with no text).
  const probe = bytes.subarray(0, 1024);
  if (bytes.byteLength <= 1024 && probe.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c)) {
    throw new ArchiveError('empty', `the file is empty`);
  }
}

/**
 * Throws ArchiveError('too-large') when `length` characters of extracted text are over the limit.
 * A length, not a string: parsers that extract in parts (chapters, pages) check a running total.
 */
export function checkTextLimit(length: number, limits: ParseLimits): void {
  if (length > limits.maxTextChars) {
    throw new ArchiveError('too-large', `${length} characters of text is over the ${limits.maxTextChars}-character limit`);
  }
}

// Two date normalisers on purpose: web pages, mail and PDF XMP state a local time that the reader
// shows as written (with its offset), in any format a browser or mail client accepts; office and
// EPUB metadata is W3CDTF, often with tool placeholders, and is compared across files in UTC.

const isoLike = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 form of a date a web page, message or XMP packet states, keeping its offset; null when not a date. */
export function isoDateKeepingOffset(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (isoLike.test(value)) return value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  // RFC 2822 and other free forms: what Date.parse reads, in UTC.
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? date.toISOString() : null;
}

/**
 * Normalises a W3CDTF metadata date (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp) to ISO 8601: a
 * stated zone is converted to UTC, reduced precision is kept; null for placeholders or non-dates.
 */
export function isoDateInUtc(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, zone] = m;
  // Years before 1000 are placeholders (calibre's 0101-01-01, Windows' 1601-01-01 epoch), not dates.
  if (Number(y) < 1000 || v.startsWith('1601-01-01')) return null;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return null;
  if (d !== undefined && (Number(d) < 1 || Number(d) > 31)) return null;
  if (hh === undefined) return [y, mo, d].filter((x) => x !== undefined).join('-');
  const local = `${y}-${mo}-${d}T${hh}:${mi}:${ss ?? '00'}`;
  if (zone === undefined) return local; // no zone stated: keep the wall-clock time as written
  const ms = Date.parse(`${local}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * A canonical BCP 47 tag for a language a source states (`en-gb` → `en-GB`, `ar_SY` → `ar-SY`),
 * or null when it is missing, malformed or names no language (und, mul, zxx, mis).
 */
export function canonicalLang(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/_/g, '-');
  if (!value || !/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(value) || /^(?:und|mul|zxx|mis)$/i.test(value)) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The document's language: the stated tag (canonicalised) unless it is missing, undetermined,
 * malformed or contradicted by the text's script (templates say "en" on Arabic books and
 * articles); else detected from the text; null when neither knows.
 */
export function documentLanguage(stated: string | null | undefined, text: string): string | null {
  let tag = canonicalLang(stated);
  const direction = directionOfLanguage(tag);
  if (tag && direction !== null && /\p{L}/u.test(text) && direction !== detectDirection(text)) tag = null;
  return tag ?? detectLanguage(text);
}

/** `value` with whitespace collapsed, or null when empty or (when `maxLength` is given) implausibly long. */
export function cleanLine(value: string | null | undefined, maxLength = Infinity): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text && text.length <= maxLength ? text : null;
}

/** The stated title, else the first heading, else a short first block, else null (the importer decides). */
export function pickTitle(stated: string | null | undefined, body: HtmlText): string | null {
  const title = cleanLine(stated);
  if (title) return title;
  if (body.firstHeading && body.firstHeading.length <= 300) return body.firstHeading;
  const first = body.firstBlock;
  if (first && first.length <= 200 && !first.includes('\n')) return first;
  return null;
}

/**
 * What a parsing library said, as one clear line: xmldom's (through mammoth) without its level
 * tags and its position line, marked's without "Please report this to …", any stack dropped.
 */
export function libraryMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const cleaned = text
    // xmldom: "error: [xmldom error]\telement parse error: Error: <what>\n@#[line:3,col:7]"
    .replace(/\s*@[^\n]*#\[line:(\w+),col:(\w+)\]/gu, (_, line: string, col: string) => (/^\d+$/u.test(line) ? ` (line ${line}, column ${col})` : ''))
    .replace(/^(?:(?:warning|error|fatalError): )?\[xmldom (?:warning|error|fatalError)\]\s*(?:element parse error: )?(?:Error: )?/u, 'malformed XML: ')
    // marked: "<what>\nPlease report this to https://github.com/markedjs/marked."
    .replace(/\s*Please report this to https:\/\/github\.com\/markedjs\/marked\.?/gu, '');
  return oneLine(cleaned).replace(/\.$/u, '');
}
