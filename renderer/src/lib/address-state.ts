// What the address (the part after #) holds: the words, filters, sort and open item, so a reload,
// Back/Forward and a bookmark all come back to the same screen. Never the serve token: that stays
// in storage (api/token.ts), out of history entries and bookmarks.
import { sortOrders, type SortOrder } from '../../../electron/shared/contract.js';
import { noFilters, type Filters } from './query.js';

export interface AddressState {
  text: string;
  filters: Filters;
  sort: SortOrder;
  /** The open item or note, or null. */
  item: number | null;
}

export const emptyAddressState: AddressState = { text: '', filters: noFilters, sort: 'relevance', item: null };

// The order keys are written in, so one state always gives one address.
const filterKeys = ['tag', 'type', 'lang', 'year', 'after', 'before'] as const;
const maxValue = 2000;
const date = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The address fragment (without '#') for `state`; '' for the empty state. */
export function encodeAddressState(state: AddressState): string {
  const params = new URLSearchParams();
  if (state.text.trim() !== '') params.set('q', state.text);
  for (const key of filterKeys) {
    const value = state.filters[key];
    if (value !== null && value !== '') params.set(key, value);
  }
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.item !== null) params.set('item', String(state.item));
  // URLSearchParams writes a space as '+'; %20 reads the same everywhere and never looks like a plus sign.
  return params.toString().replace(/\+/g, '%20');
}

/** The state an address fragment ('#q=…' or 'q=…') describes; whatever is malformed is left out, never an error. */
export function decodeAddressState(hash: string): AddressState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return emptyAddressState;
  }
  const get = (key: string): string | null => {
    const value = params.get(key);
    return value === null || value === '' || value.length > maxValue ? null : value;
  };
  const type = get('type');
  const year = get('year');
  const after = get('after');
  const before = get('before');
  const sort = get('sort');
  const item = get('item');
  const id = item !== null && /^[1-9]\d{0,15}$/.test(item) ? Number(item) : null;
  return {
    text: params.get('q')?.slice(0, 100_000) ?? '',
    filters: {
      tag: get('tag'),
      type: type === 'article' || type === 'note' ? type : null,
      lang: get('lang'),
      year: year !== null && /^\d{4}$/.test(year) ? year : null,
      after: after !== null && date.test(after) ? after : null,
      before: before !== null && date.test(before) ? before : null,
    },
    sort: (sortOrders as readonly string[]).includes(sort ?? '') ? (sort as SortOrder) : 'relevance',
    item: id !== null && Number.isSafeInteger(id) ? id : null,
  };
}

/** True when two states show the same screen. */
export function sameAddressState(a: AddressState, b: AddressState): boolean {
  return encodeAddressState(a) === encodeAddressState(b);
}

/** How the last history write was made: typing replaces its own entry for a while. */
export interface LastWrite {
  /** Only the words changed (the user is typing). */
  typing: boolean;
  /** When (ms) it was written. */
  at: number;
}

/** Typing that pauses longer than this starts a new history entry with its next change. */
export const typingSettleMs = 1500;

/** True when nothing but the words differ between `from` and `to` (and they do differ). */
export function onlyTextChanged(from: AddressState, to: AddressState): boolean {
  return from.text !== to.text && sameAddressState({ ...from, text: to.text }, to);
}

/**
 * How the address follows a change from `from` to `to`: nothing when it is the same screen;
 * a new history entry for an opened item, a filter or sort, or the first change of a query;
 * the current entry rewritten while the words keep changing, so Back skips the keystrokes.
 */
export function historyStep(from: AddressState, to: AddressState, last: LastWrite | null, now: number): 'none' | 'push' | 'replace' {
  if (sameAddressState(from, to)) return 'none';
  if (!onlyTextChanged(from, to)) return 'push';
  return last?.typing && now - last.at < typingSettleMs ? 'replace' : 'push';
}
