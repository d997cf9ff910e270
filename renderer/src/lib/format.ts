// Dates, sizes and language names for display, in the user's locale.

// The formatters follow the interface language, not the browser's, so an English interface never
// shows Arabic digits and the Arabic one shows them everywhere (set by the locale provider).
let formatLocale = 'en';
let dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });
let yearFormat = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'UTC' });
let monthFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'UTC' });
let dayFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
let dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
let numberFormat = new Intl.NumberFormat('en');
let decimalFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
let languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** Makes dates, counts and language names use the interface language `locale` ("en", "ar"). */
export function setFormatLocale(locale: string): void {
  formatLocale = locale;
  dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  yearFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  dayFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  numberFormat = new Intl.NumberFormat(locale);
  decimalFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  languageNames = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
}

/** The interface language the formatters use. */
export function getFormatLocale(): string {
  return formatLocale;
}

/**
 * A short date ("12 Mar 2024"), or '' for a missing or bad one. A date known only to the year or
 * month shows as such ("2015", "Jul 2015"), never as 1 January.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  // A stated year or month is shown as stated, and a bare day is never moved by the time zone.
  if (/^\d{4}$/.test(iso)) return yearFormat.format(new Date(`${iso}-07-01T00:00:00Z`));
  if (/^\d{4}-\d{2}$/.test(iso)) return monthFormat.format(new Date(`${iso}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return dayFormat.format(new Date(`${iso}T00:00:00Z`));
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** Date and time, for "imported" and "saved" stamps. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** A count with grouping separators. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1.2 MB style sizes; in another interface language the units are that language's words (١٫٢ ميغابايت). */
export function formatBytes(bytes: number): string {
  if (!formatLocale.startsWith('en')) return localBytes(bytes);
  if (bytes < 1024) return `${numberFormat.format(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${decimalFormat.format(Number(value.toFixed(value < 10 ? 1 : 0)))} ${units[unit]}`;
}

function localBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 ? value : Number(value.toFixed(value < 10 ? 1 : 0));
  return new Intl.NumberFormat(formatLocale, { style: 'unit', unit: byteUnits[unit], unitDisplay: 'long', maximumFractionDigits: 1 }).format(rounded);
}

/** "Arabic" for "ar" (in the interface language); the code itself when unknown, `unknown` when none. */
export function languageName(code: string | null | undefined, unknown = 'Unknown'): string {
  if (!code) return unknown;
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The last segment of a path, for compact display. */
export function baseName(path: string): string {
  const parts = path.split(/[/\\]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
