// Small checks and normalisations shared by the text-like parsers (HTML, EML).
import { ArchiveError } from '../../shared/errors.js';
import { detectLanguage, directionOfLanguage } from '../text/language.js';
import type { ParseContext } from './parsed-document.js';

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

/** Throws 'too-large' when extracted text is over the text limit. */
export function checkTextSize(text: string, ctx: ParseContext): void {
  if (text.length > ctx.limits.maxTextChars) {
    throw new ArchiveError('too-large', `${text.length} characters of text is over the ${ctx.limits.maxTextChars}-character limit`);
  }
}

const isoLike = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 form of a date a source states, or null when it is not a date. ISO input keeps its offset. */
export function toIsoDate(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (isoLike.test(value)) return value.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? date.toISOString() : null;
}

/** A canonical BCP 47 tag for a language a source states (`en-gb` → `en-GB`, `ar_SY` → `ar-SY`), or null. */
export function canonicalLang(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/_/g, '-');
  if (!value || !/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(value)) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The document's language: what the source states, unless its text is plainly in a script of
 * the other direction (an Arabic article in an English CMS template); else detected from text.
 */
export function chooseLanguage(stated: string | null, text: string): string | null {
  const detected = detectLanguage(text);
  if (!stated) return detected;
  if (detected && directionOfLanguage(detected) !== directionOfLanguage(stated)) return detected;
  return stated;
}
