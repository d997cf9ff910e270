// "5 minutes ago" style times, for the last backup, in the interface language.
import { getFormatLocale } from './format.js';

/** How long ago `iso` was, in the largest unit that fits ("yesterday", "3 hours ago", `justNow`). */
export function timeAgo(iso: string, now = Date.now(), justNow = 'just now'): string {
  const relative = new Intl.RelativeTimeFormat(getFormatLocale(), { numeric: 'auto' });
  const seconds = (Date.parse(iso) - now) / 1000;
  if (!Number.isFinite(seconds)) return iso;
  if (Math.abs(seconds) < 60) return justNow;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['minute', 60], ['hour', 3600], ['day', 86400], ['week', 604800], ['month', 2629800], ['year', 31557600]];
  let chosen = units[0]!;
  for (const unit of units) if (Math.abs(seconds) >= unit[1]) chosen = unit;
  return relative.format(Math.round(seconds / chosen[1]), chosen[0]);
}
