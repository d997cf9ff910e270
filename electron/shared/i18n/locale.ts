// The interface languages and how one is chosen; shared by the renderer and the Electron menu.
import { ar } from './ar.js';
import { en, type MessageId } from './en.js';

export type { MessageId } from './en.js';

/** The interface languages, each with one catalog holding every message id. */
export const uiLocales = ['en', 'ar'] as const;
export type UiLocale = (typeof uiLocales)[number];

/** The catalogs by language: ICU MessageFormat strings, the same ids in each. */
export const catalogs: Record<UiLocale, Record<MessageId, string>> = { en, ar };

/** True for a language we ship an interface in. */
export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (uiLocales as readonly string[]).includes(value);
}

/** The first interface language among the user's preferred ones ("ar-SY" → ar), else English. */
export function pickUiLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isUiLocale(base)) return base;
  }
  return 'en';
}

/**
 * The locale numbers and dates are formatted in: Arabic-Indic digits (٠–٩) throughout the Arabic
 * interface, stated explicitly because ICU versions differ on the default digits of plain `ar`.
 */
export function formattingLocale(locale: UiLocale): string {
  return locale === 'ar' ? 'ar-u-nu-arab' : 'en';
}

/** The writing direction of an interface language. */
export function uiDirection(locale: UiLocale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}
