import { describe, expect, it } from 'vitest';
import { alignTexts, anchorAt, editDistance, findQuote, foldText, resolveAnchor } from '../../electron/shared/annotation-anchor.js';
import { sampleText } from '../support/shared.js';

const sample = sampleText();

describe('annotation anchors', () => {
  it('keep the quote, 32 characters of context on each side and the position', () => {
    const start = sample.indexOf('غرفة عمليات "الفتح المبين"');
    const anchor = anchorAt(sample, start, start + 'غرفة عمليات "الفتح المبين"'.length);
    expect(anchor.exact).toBe('غرفة عمليات "الفتح المبين"');
    expect(anchor.prefix).toBe(sample.slice(start - 32, start));
    expect(anchor.suffix).toBe(sample.slice(anchor.end, anchor.end + 32));
    expect(resolveAnchor(sample, anchor)).toEqual({ start: anchor.start, end: anchor.end });
  });

  it('re-anchor by the quote when the text moved (a re-extraction added text before it)', () => {
    const start = sample.indexOf('ضابطين برتبة رائد');
    const anchor = anchorAt(sample, start, start + 'ضابطين برتبة رائد'.length);
    const moved = `مقدمة جديدة أضيفت قبل النص.\n\n${sample}`;
    const place = resolveAnchor(moved, anchor)!;
    expect(moved.slice(place.start, place.end)).toBe('ضابطين برتبة رائد');
    expect(place.start).toBe(start + 'مقدمة جديدة أضيفت قبل النص.\n\n'.length);
  });

  it('choose among several occurrences of the quote by the text around it, not the nearest', () => {
    // "ولا تهنوا" occurs three times; anchor the second, then give it an old position that lies
    // on the third: context must still pick the second.
    const q = '"ولا تهنوا"';
    const first = sample.indexOf(q);
    const second = sample.indexOf(q, first + 1);
    const third = sample.indexOf(q, second + 1);
    expect(third).toBeGreaterThan(second);
    const anchor = { ...anchorAt(sample, second, second + q.length), start: third + 3, end: third + 3 + q.length };
    expect(resolveAnchor(sample, anchor)).toEqual({ start: second, end: second + q.length });
    // With the context slightly edited (one letter of the prefix changed) the same occurrence still wins.
    const edited = sample.slice(0, second - 10) + 'x' + sample.slice(second - 9);
    expect(resolveAnchor(edited, anchor)).toEqual({ start: second, end: second + q.length });
    // Without context the nearest occurrence wins.
    expect(resolveAnchor(sample, { ...anchor, prefix: '', suffix: '' })).toEqual({ start: third, end: third + q.length });
  });

  it('are orphaned (null) when the quote is nowhere in the text', () => {
    const start = sample.indexOf('المرتزقة الروس');
    const anchor = anchorAt(sample, start, start + 'المرتزقة الروس'.length);
    expect(resolveAnchor(sample.replace('المرتزقة الروس', 'المقاتلين'), anchor)).toBeNull();
  });

  it('re-anchor after a reflow that changed white space inside the quote', () => {
    const text = 'first line of the passage\nsecond line of it, and more';
    const anchor = anchorAt(text, 6, 40);
    const reflowed = text.replace('\n', '  ');
    const place = resolveAnchor(`xx ${reflowed}`, anchor)!;
    expect(`xx ${reflowed}`.slice(place.start, place.end)).toBe('line of the passage  second line of');
  });

  it('find a quote typed without diacritics, with another alef form and extra spaces', () => {
    // The sample has مِن (with kasra) and أسر; a person types من and اسر.
    const found = findQuote(sample, 'الفصائل  من اسر');
    expect(found).toHaveLength(1);
    expect(sample.slice(found[0]!.start, found[0]!.end)).toBe('الفصائل مِن أسر');
    // A quote ending in a letter with harakat keeps them.
    const withMarks = findQuote(sample, 'وتمكنت');
    expect(sample.slice(withMarks[0]!.start, withMarks[0]!.end)).toBe('وتمكّنت');
    expect(findQuote(sample, 'ولا تهنوا')).toHaveLength(3);
    expect(findQuote(sample, 'لا يوجد هذا')).toEqual([]);
    expect(findQuote(sample, '   ')).toEqual([]);
  });

  it('fold as a person types: one alef, no tatweel, lower case, one space', () => {
    expect(foldText('  إدلبـ   Al-Qaeda\n\nآخر').folded).toBe('ادلب al-qaeda اخر');
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('align displayed text with the stored text across white space and extra characters', () => {
    const stored = 'Para one\nwraps here.\n\nPara two';
    const shown = 'Para one wraps here.p. 2Para two';
    const map = alignTexts(shown, stored);
    expect(map[shown.indexOf('wraps')]).toBe(stored.indexOf('wraps'));
    expect(map[shown.indexOf('two')]).toBe(stored.indexOf('two'));
    expect(map[shown.length]).toBe(stored.length);
  });
});
