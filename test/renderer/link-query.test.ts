// The `[[` autocomplete's text side: which `[[` the caret completes, the title-only search it runs
// (lazy Arabic prefixes, query syntax dropped), and which way the line runs for the popup.
import { describe, expect, it } from 'vitest';
import { lineDirection, linkTriggerAt, titleQuery } from '../../renderer/src/lib/link-query.js';

describe('linkTriggerAt', () => {
  it('finds the open [[ before the caret on its line', () => {
    const text = 'سطر أول\nكما في [[ادل';
    expect(linkTriggerAt(text, text.length)).toEqual({ start: text.indexOf('[['), query: 'ادل' });
    expect(linkTriggerAt('see [[', 6)).toEqual({ start: 4, query: '' });
    expect(linkTriggerAt('see [[idlib reports', 19)).toEqual({ start: 4, query: 'idlib reports' });
  });

  it('ignores a closed link, another line, a caret before the [[', () => {
    expect(linkTriggerAt('[[a]] b', 7)).toBeNull();
    expect(linkTriggerAt('[[abc\nnext', 10)).toBeNull();
    expect(linkTriggerAt('ab [[cd', 2)).toBeNull();
    expect(linkTriggerAt('[x](khizana:abc) no', 19)).toBeNull();
    expect(linkTriggerAt(`[[${'a'.repeat(81)}`, 83)).toBeNull();
  });
});

describe('titleQuery', () => {
  it('searches titles only, the word being typed as a prefix', () => {
    expect(titleQuery('ادل')).toBe('title:ادل*');
    expect(titleQuery('معارك ادل')).toBe('title:معارك title:ادل*');
    expect(titleQuery('معارك ')).toBe('title:معارك');
    expect(titleQuery('')).toBe('');
  });

  it('drops query syntax: what is typed is a title', () => {
    expect(titleQuery('"oil" -prices tag:x')).toBe('title:oil title:prices title:tagx*');
    expect(titleQuery('  ** ')).toBe('');
    expect(titleQuery('مِنْ')).toBe('title:مِنْ*'); // diacritics stay: search folds them
  });
});

describe('lineDirection', () => {
  it('is that of the first strong letter of the line', () => {
    expect(lineDirection('English\nكما في [[ادل', 20)).toBe('rtl');
    expect(lineDirection('عربي\n[[idl', 9)).toBe('ltr');
    expect(lineDirection('[[', 2)).toBe('ltr');
  });
});
