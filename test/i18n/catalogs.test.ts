// The interface catalogs: one set of ids, every message valid ICU, Arabic plurals in all six forms.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ar } from '../../electron/shared/i18n/ar.js';
import { en } from '../../electron/shared/i18n/en.js';
import { catalogs, formattingLocale, pickUiLocale } from '../../electron/shared/i18n/locale.js';

/** Every plural element of a parsed message, nested ones included. */
function plurals(elements: MessageFormatElement[]): Array<{ value: string; options: string[] }> {
  return elements.flatMap((el) => {
    if (el.type === TYPE.plural) return [{ value: el.value, options: Object.keys(el.options) }, ...Object.values(el.options).flatMap((o) => plurals(o.value))];
    if (el.type === TYPE.select) return Object.values(el.options).flatMap((o) => plurals(o.value));
    if (el.type === TYPE.tag) return plurals(el.children);
    return [];
  });
}

describe('interface catalogs', () => {
  it('have exactly the same message ids', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });

  it('hold only messages that parse as ICU MessageFormat', () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const [id, message] of Object.entries(catalog)) {
        expect(() => parse(message), `${locale} ${id}`).not.toThrow();
      }
    }
  });

  it('give every Arabic plural all six CLDR forms (zero, one, two, few, many, other)', () => {
    let seen = 0;
    for (const [id, message] of Object.entries(ar)) {
      for (const p of plurals(parse(message))) {
        seen += 1;
        expect(p.options.sort(), id).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(4);
  });

  it('count results in Arabic with Arabic-Indic digits and the right form, and in English with Latin ones', () => {
    const arResults = new IntlMessageFormat(ar['search.results'], formattingLocale('ar'));
    const forms = [0, 1, 2, 3, 11, 100, 1788].map((count) => arResults.format({ count }));
    expect(forms).toEqual(['لا نتائج', 'نتيجة واحدة', 'نتيجتان', '٣ نتائج', '١١ نتيجة', '١٠٠ نتيجة', '١٬٧٨٨ نتيجة']);
    const enResults = new IntlMessageFormat(en['search.results'], formattingLocale('en'));
    expect([0, 1, 2, 1788].map((count) => enResults.format({ count }))).toEqual(['0 results', '1 result', '2 results', '1,788 results']);
  });

  it('pick the interface language from the preferred languages, English otherwise', () => {
    expect(pickUiLocale(['ar-SY', 'en-GB'])).toBe('ar');
    expect(pickUiLocale(['fr-FR', 'en-US', 'ar'])).toBe('en');
    expect(pickUiLocale(['de'])).toBe('en');
    expect(pickUiLocale([])).toBe('en');
  });
});
