// The address fragment that holds the search, filters, sort and open item: every state comes back
// exactly (Arabic, punctuation, the query language's own characters), a hand-edited or damaged
// address never throws, and typing rewrites its own history entry while anything else adds one.
import { describe, expect, it } from 'vitest';
import { decodeAddressState, emptyAddressState, encodeAddressState, historyStep, onlyTextChanged, typingSettleMs, type AddressState } from '../../renderer/src/lib/address-state.js';
import { noFilters } from '../../renderer/src/lib/query.js';
import { serveAddressWithState } from '../../renderer/src/lib/serve-address.js';

const state = (over: Partial<Omit<AddressState, 'filters'>> & { filters?: Partial<AddressState['filters']> } = {}): AddressState => ({
  ...emptyAddressState,
  ...over,
  filters: { ...noFilters, ...over.filters },
});

/** Through a real URL, as the address bar, history and a bookmark keep it. */
const viaUrl = (s: AddressState): AddressState => decodeAddressState(new URL(`http://127.0.0.1:8080/#${encodeAddressState(s)}`).hash);

describe('encodeAddressState / decodeAddressState', () => {
  const cases: AddressState[] = [
    state({ text: 'ادلب الفصائل' }),
    state({ text: '"ولا تهنوا" -روسيا', sort: 'newest', item: 123 }),
    state({ text: 'إدلب ٢٤ مِن للنظام اقتصا* =Assad markte~', filters: { tag: 'سوريا/إدلب', lang: 'ar' } }),
    state({ text: 'a&b=c #d +e %20 100% ?x /y \\z <b> `t` \'q\'', filters: { tag: 'reading list & more', type: 'note' } }),
    state({ text: 'tag:syria title:"a phrase" after:2015-07 OR NOT x', sort: 'oldest' }),
    state({ text: '  leading and trailing spaces  ', item: 9007199254740991 }),
    state({ text: 'emoji 📚 and RTL mark \u200f and ZWNJ \u200c and tatweel ـ' }),
    state({ filters: { tag: 'syria/idlib', type: 'article', lang: 'en', year: '2015', after: '2015-07-01', before: '2016' } }),
    state({ item: 1 }),
    emptyAddressState,
  ];

  it.each(cases.map((c) => [encodeAddressState(c), c] as const))('round-trips %s', (_encoded, s) => {
    expect(decodeAddressState(encodeAddressState(s))).toEqual(s);
    expect(decodeAddressState(`#${encodeAddressState(s)}`)).toEqual(s);
    expect(viaUrl(s)).toEqual(s);
  });

  it('writes short, canonical addresses: defaults left out, spaces as %20, fixed key order', () => {
    expect(encodeAddressState(emptyAddressState)).toBe('');
    expect(encodeAddressState(state({ text: '   ' }))).toBe('');
    expect(encodeAddressState(state({ item: 5, sort: 'newest', text: 'a b', filters: { lang: 'ar', tag: 't' } }))).toBe('q=a%20b&tag=t&lang=ar&sort=newest&item=5');
    expect(encodeAddressState(state({ text: 'ادلب' }))).toBe('q=%D8%A7%D8%AF%D9%84%D8%A8');
    expect(encodeAddressState(state({ text: 'a+b&c' }))).toBe('q=a%2Bb%26c');
  });

  it('reads what a person types into the address bar', () => {
    expect(decodeAddressState('#q=foo+bar')).toEqual(state({ text: 'foo bar' }));
    expect(decodeAddressState('#q=إدلب&item=7')).toEqual(state({ text: 'إدلب', item: 7 }));
    expect(decodeAddressState('#sort=newest&q=x')).toEqual(state({ text: 'x', sort: 'newest' }));
  });

  it('leaves out what is malformed instead of failing', () => {
    expect(decodeAddressState('#item=abc&sort=sideways&type=video&year=20155&after=yesterday&before=2015-7')).toEqual(emptyAddressState);
    expect(decodeAddressState('#item=0')).toEqual(emptyAddressState);
    expect(decodeAddressState('#item=-3')).toEqual(emptyAddressState);
    expect(decodeAddressState('#item=12345678901234567890')).toEqual(emptyAddressState);
    expect(decodeAddressState('#q=%E0%A4%A&tag=')).toEqual(state({ text: '\ufffd%A' }));
    expect(decodeAddressState(`#tag=${'x'.repeat(5000)}`)).toEqual(emptyAddressState);
    expect(decodeAddressState('')).toEqual(emptyAddressState);
    expect(decodeAddressState('#')).toEqual(emptyAddressState);
    expect(decodeAddressState('#just-some-anchor')).toEqual(emptyAddressState);
  });

  it('never carries the serve token, even when one is in the fragment', () => {
    const s = decodeAddressState('#q=x&token=secret');
    expect(s).toEqual(state({ text: 'x' }));
    expect(encodeAddressState(s)).not.toContain('token');
  });
});

describe('historyStep', () => {
  const t0 = 1_000_000;
  const a = state({ text: 'ادلب' });

  it('does nothing when the screen is the same', () => {
    expect(historyStep(a, state({ text: 'ادلب' }), null, t0)).toBe('none');
  });

  it('adds an entry for an opened item, a filter, a sort', () => {
    expect(historyStep(a, { ...a, item: 4 }, { typing: true, at: t0 }, t0 + 10)).toBe('push');
    expect(historyStep(a, { ...a, filters: { ...noFilters, lang: 'ar' } }, { typing: true, at: t0 }, t0 + 10)).toBe('push');
    expect(historyStep(a, { ...a, sort: 'oldest' }, { typing: true, at: t0 }, t0 + 10)).toBe('push');
  });

  it('adds one entry when typing starts, then rewrites it while the words keep changing', () => {
    expect(onlyTextChanged(a, state({ text: 'ادلب ا' }))).toBe(true);
    expect(historyStep(a, state({ text: 'ادلب ا' }), null, t0)).toBe('push');
    expect(historyStep(a, state({ text: 'ادلب ا' }), { typing: false, at: t0 }, t0 + 10)).toBe('push');
    expect(historyStep(a, state({ text: 'ادلب ال' }), { typing: true, at: t0 }, t0 + 300)).toBe('replace');
    // Typing that paused (the results were read) starts a new entry.
    expect(historyStep(a, state({ text: 'ادلب الف' }), { typing: true, at: t0 }, t0 + typingSettleMs + 1)).toBe('push');
  });
});

describe('serveAddressWithState', () => {
  it('keeps the pasted address and puts this page\'s search after it', () => {
    expect(serveAddressWithState(' http://127.0.0.1:8080/?token=abc_DEF-1 ', '#q=x&item=2')).toBe('http://127.0.0.1:8080/?token=abc_DEF-1#q=x&item=2');
    expect(serveAddressWithState('Khizana is running at http://127.0.0.1:8080/?token=abc', '')).toBeNull();
    expect(serveAddressWithState('http://localhost:9/?token=abc#q=old', '')).toBe('http://localhost:9/?token=abc');
  });

  it('refuses anything that is not a local serve address with a token', () => {
    for (const bad of ['', 'not a url', 'https://127.0.0.1:8080/?token=abc', 'http://evil.example/?token=abc', 'http://127.0.0.1:8080/', 'http://u:p@127.0.0.1:1/?token=abc', 'http://127.0.0.1:1/?token=a%22b', 'javascript:alert(1)']) {
      expect(serveAddressWithState(bad, '#q=x'), bad).toBeNull();
    }
  });
});
