// Dates, sizes and language names for display, in the user's locale.

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const monthFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat();
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/**
 * A short date ("12 Mar 2024"), or '' for a missing or bad one. A date known only to the year or
 * month shows as such ("2015", "Jul 2015"), never as 1 January.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  // A stated year or month is shown as stated, and a bare day is never moved by the time zone.
  if (/^\d{4}$/.test(iso)) return iso;
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

/** "1 result" / "12 results". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** 1.2 MB style sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "Arabic" for "ar"; the code itself when unknown. */
export function languageName(code: string | null | undefined): string {
  if (!code) return 'Unknown';
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
