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

// Two date normalisers on purpose: web pages, mail, Markdown and PDF XMP state a local time that
// the reader shows as written (with its offset), in any format a browser or mail client accepts;
// office and EPUB metadata is W3CDTF, often with tool placeholders, and is compared across files in
// UTC. Both keep reduced precision (`2015`, `2015-07`) and reject impossible or placeholder dates.

const isoForm = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const rfc2822 = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|z|gmt|ut|utc)?\b/i;
/** Dates tools write when they know none: Unix, Windows, OLE, Mac epochs and calibre's 0101. */
const placeholderDays = new Set(['1970-01-01', '1969-12-31', '1601-01-01', '1899-12-30', '1899-12-31', '1900-01-01', '1904-01-01']);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** True when y-m-d h:mi:s is a real calendar moment in a plausible range (1000 to next year). */
function plausible(y: number, mo?: number, d?: number, h?: number, mi?: number, s?: number): boolean {
  if (y < 1000 || y > new Date().getUTCFullYear() + 1) return false;
  if (mo !== undefined && (mo < 1 || mo > 12)) return false;
  if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y, mo!, 0)).getUTCDate())) return false;
  if (h !== undefined && (h > 23 || mi! > 59 || (s ?? 0) > 60)) return false;
  return d === undefined || !placeholderDays.has(`${pad(y, 4)}-${pad(mo!)}-${pad(d)}`);
}

/** An offset written as `+hh:mm`, `Z` for zero; null for a malformed one. */
function normalOffset(zone: string): string | null {
  if (/^(?:z|gmt|ut|utc)$/i.test(zone)) return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m || Number(m[2]) > 14 || Number(m[3] ?? 0) > 59) return null;
  return `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

interface DateParts { y: number; mo?: number; d?: number; h?: number; mi?: number; s?: number; zone?: string }

/** The parts of an ISO 8601 / W3CDTF date, validated; null when it is not one or is impossible. */
function isoParts(value: string): DateParts | null {
  const m = isoForm.exec(value);
  if (!m) return null;
  const num = (x: string | undefined): number | undefined => (x === undefined ? undefined : Number(x));
  const parts: DateParts = { y: Number(m[1]), mo: num(m[2]), d: num(m[3]), h: num(m[4]), mi: num(m[5]), s: num(m[6]), zone: m[7] };
  return plausible(parts.y, parts.mo, parts.d, parts.h, parts.mi, parts.s) ? parts : null;
}

function formatParts(p: DateParts, zone: string | null): string {
  const day = [pad(p.y, 4), p.mo === undefined ? null : pad(p.mo), p.d === undefined ? null : pad(p.d)].filter((x) => x !== null).join('-');
  if (p.h === undefined) return day;
  return `${day}T${pad(p.h)}:${pad(p.mi!)}:${pad(p.s ?? 0)}${zone ?? ''}`;
}

/**
 * An ISO 8601 form of a date a web page, message, front matter or XMP packet states: `2015`,
 * `2015-07`, `2015-07-24` or a time with the offset it was written with; RFC 2822 mail dates keep
 * their offset; other forms a browser reads become a date (or a wall-clock time) as written.
 * Null when missing, not a date, impossible (2015-02-30) or a tool's placeholder (1970-01-01).
 */
export function isoDateKeepingOffset(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value || value.length > 100) return null;
  const iso = isoParts(value);
  if (iso) {
    const zone = iso.zone === undefined ? '' : normalOffset(iso.zone);
    return zone === null ? null : formatParts(iso, zone);
  }
  if (isoForm.test(value) || /^\d{4}-\d{1,2}(?:-\d{1,2})?$/.test(value)) return null; // ISO-shaped but impossible: no guessing
  const mail = rfc2822.exec(value);
  if (mail) {
    const mo = monthNames.indexOf(mail[2]!.toLowerCase()) + 1;
    const p: DateParts = { y: Number(mail[3]), mo, d: Number(mail[1]), h: Number(mail[4]), mi: Number(mail[5]), s: Number(mail[6] ?? 0) };
    if (mo === 0 || !plausible(p.y, p.mo, p.d, p.h, p.mi, p.s)) return null;
    const zone = mail[7] === undefined ? '' : normalOffset(mail[7]);
    return zone === null ? null : formatParts(p, zone);
  }
  // Free forms ("July 24, 2015", "24 Jul 2015 10:00"): Date.parse reads a form without a zone as
  // local time, so the local fields give back the date (and time) as written, whatever the TZ.
  if (!/\d{4}/.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const zoned = /(?:\d\s*(?:z|gmt|ut|utc)\b|[+-]\d{2}:?\d{2}\s*$|\b[ecmp][sd]t\b)/i.test(value);
  const date = new Date(ms);
  const timed = /\d:\d{2}/.test(value);
  const p: DateParts = zoned
    ? { y: date.getUTCFullYear(), mo: date.getUTCMonth() + 1, d: date.getUTCDate(), h: date.getUTCHours(), mi: date.getUTCMinutes(), s: date.getUTCSeconds() }
    : { y: date.getFullYear(), mo: date.getMonth() + 1, d: date.getDate(), ...(timed ? { h: date.getHours(), mi: date.getMinutes(), s: date.getSeconds() } : {}) };
  if (!plausible(p.y, p.mo, p.d, p.h, p.mi, p.s)) return null;
  return formatParts(p, zoned ? 'Z' : '');
}

/**
 * Normalises a W3CDTF metadata date (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp) to ISO 8601: a
 * stated zone is converted to UTC, reduced precision is kept; null for placeholders or non-dates.
 */
export function isoDateInUtc(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const p = isoParts(v);
  if (!p) return null;
  if (p.h === undefined || p.zone === undefined) return formatParts(p, ''); // no zone stated: the wall-clock time as written
  const zone = normalOffset(p.zone);
  if (zone === null) return null;
  const ms = Date.parse(`${formatParts(p, '')}${zone}`);
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
