// Script-based language and direction detection: cheap, offline, and right for what we need
// (choosing the analyzer's reading direction and a lang facet), not a general language identifier.

const arabicLetter = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const persianOnly = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/gu; // پ چ ژ گ ک ی
const hebrewLetter = /[\u05D0-\u05EA]/gu;
const latinLetter = /[A-Za-z\u00C0-\u024F]/gu;

const latinStopwords: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'was', 'on', 'as'],
  fr: ['le', 'la', 'les', 'des', 'et', 'est', 'une', 'dans', 'pour', 'que', 'qui', 'du'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'ein', 'eine', 'zu', 'von'],
  es: ['el', 'los', 'las', 'y', 'en', 'que', 'por', 'con', 'una', 'para', 'del', 'es'],
};

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Guesses a language tag (ar, fa, he, en, fr, de, es) from a text sample, or null when unsure. */
export function detectLanguage(text: string): string | null {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const arabic = count(sample, arabicLetter);
  const hebrew = count(sample, hebrewLetter);
  const latin = count(sample, latinLetter);
  const max = Math.max(arabic, hebrew, latin);
  if (max === 0) return null;
  if (max === arabic) return count(sample, persianOnly) > arabic * 0.02 ? 'fa' : 'ar';
  if (max === hebrew) return 'he';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: string | null = null;
  let bestHits = 0;
  for (const [lang, stops] of Object.entries(latinStopwords)) {
    const set = new Set(stops);
    const hits = words.reduce((n, w) => (set.has(w) ? n + 1 : n), 0);
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  return bestHits >= 2 ? best : null;
}

/** 'rtl' when right-to-left letters outnumber left-to-right ones in the text. */
export function detectDirection(text: string): 'rtl' | 'ltr' {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const rtl = count(sample, arabicLetter) + count(sample, hebrewLetter);
  return rtl > count(sample, latinLetter) ? 'rtl' : 'ltr';
}

/** Direction implied by a language tag, or null for an unknown one. */
export function directionOfLanguage(lang: string | null): 'rtl' | 'ltr' | null {
  if (!lang) return null;
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  if (['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb'].includes(primary)) return 'rtl';
  return /^[a-z]{2,3}$/.test(primary) ? 'ltr' : null;
}
