import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { analyze, stemWord } from '../../../electron/core/text/analyzer.js';
import { normalizeArabic, stemArabic } from '../../../electron/core/text/arabic.js';
import { foldDigits } from '../../../electron/core/text/digits.js';
import { samplePath } from '../../support/shared.js';

const exact = (text: string) => analyze(text).map((t) => t.exact);
const stems = (text: string) => analyze(text).map((t) => t.stem);

describe('tokenizer', () => {
  it('keeps harakat inside words instead of splitting on them', () => {
    expect(exact('مِن')).toEqual(['من']);
    expect(analyze('قال مِن هنا').map((t) => [t.start, t.end])).toEqual([[0, 3], [4, 7], [8, 11]]);
  });
  it('splits on punctuation, Arabic comma and quotes, keeping offsets into the original', () => {
    const text = 'إدلب، "ولا تهنوا" (BMP)';
    const tokens = analyze(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['إدلب', 'ولا', 'تهنوا', 'BMP']);
  });
  it('segments scripts written without spaces', () => {
    expect(exact('東京都に住む').length).toBeGreaterThan(1);
  });
  it('keeps ZWNJ words whole and folds them with or without the half-space', () => {
    expect(exact('می‌خواهم')).toEqual(exact('میخواهم'));
  });
  it('cuts words exactly where the word-character pattern does: surrogate pairs, lone surrogates, marks, joiners', () => {
    // The scanner reads char codes; this pattern is its definition (DESIGN §3).
    const text = 'lone \uD800 high\uD800x, low\uDC00y 𝐀𝐁c-d ٱلرَّحْمَٰنِ ١٢٣ a\u0301b می\u200Cخواهم ﻻ ½ end\uD835';
    const runs = [...text.matchAll(/[\p{L}\p{M}\p{Nd}\u200C\u200D]+/gu)].map((m) => [m.index, m.index + m[0].length]);
    const spans = analyze(text).map((t) => [t.start, t.end]);
    expect([...new Map(spans.map((s) => [s.join(), s])).values()]).toEqual(runs);
  });
});

describe('normalisation (DESIGN §3 step 2-3)', () => {
  it('folds NFKC presentation forms and ligatures', () => {
    expect(exact('ﻻ')).toEqual(['لا']);
    expect(exact('ﺍﻟﻌﺮﺑﻴﺔ')).toEqual(exact('العربية'));
  });
  it('lowercases and folds Arabic-Indic and Persian digits', () => {
    expect(exact('٢٤ ۲۴ 24 BMP')).toEqual(['24', '24', '24', 'bmp']);
    expect(foldDigits('١٢٣٤٥٦٧٨٩٠')).toBe('1234567890');
    expect(foldDigits('१२३')).toBe('123');
  });
  it('folds alef forms, alef maqsura, teh marbuta, ٱ and Persian letters', () => {
    expect(normalizeArabic('آأإٱا')).toBe('ااااا');
    expect(normalizeArabic('على')).toBe('علي');
    expect(normalizeArabic('مدرسة')).toBe('مدرسه');
    expect(normalizeArabic('کی')).toBe('كي');
    expect(normalizeArabic('ۀہ')).toBe('هه');
    expect(normalizeArabic('ے')).toBe('ي');
  });
  it('deletes tatweel and every harakat and other mark', () => {
    expect(normalizeArabic('ـتـطـويـل')).toBe('تطويل');
    const marks = '\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0610\u061A\u0653\u065F\u0670\u06D6\u06ED';
    expect(normalizeArabic(`ك${marks}تب`)).toBe('كتب');
  });
  it('keeps hamza seats ؤ and ئ', () => {
    expect(normalizeArabic('مسؤول رئيس')).toBe('مسؤول رئيس');
  });
});

describe('Light10 stemming (DESIGN §3 step 4)', () => {
  it('strips at most one prefix, in order, respecting minimum lengths', () => {
    expect(stemArabic('الكتاب')).toBe('كتاب');
    expect(stemArabic('والكتاب')).toBe('كتاب');
    expect(stemArabic('بالكتاب')).toBe('كتاب');
    expect(stemArabic('كالكتاب')).toBe('كتاب');
    expect(stemArabic('فالكتاب')).toBe('كتاب');
    expect(stemArabic('للكتاب')).toBe('كتاب');
    expect(stemArabic('وكتب')).toBe('كتب');
    expect(stemArabic('الم')).toBe('الم'); // ال needs length ≥ 4
    expect(stemArabic('وقت')).toBe('وقت'); // و needs length ≥ 4
    expect(stemArabic('والد')).toBe('الد'); // وال needs length ≥ 5, so only و goes (as in Lucene)
  });
  it('walks the suffixes once, keeping at least two letters', () => {
    expect(stemArabic('كتابها')).toBe('كتاب');
    expect(stemArabic('معلمان')).toBe('معلم');
    expect(stemArabic('معلمات')).toBe('معلم');
    expect(stemArabic('معلمون')).toBe('معلم');
    expect(stemArabic('معلمين')).toBe('معلم');
    expect(stemArabic('كتابه')).toBe('كتاب');
    expect(stemArabic('عربي')).toBe('عرب');
    expect(stemArabic('هي')).toBe('هي');
  });
  it('uses Porter2 for English words', () => {
    expect(stemWord('running')).toBe('run');
    expect(stems('generously Relations')).toEqual(['generous', 'relat']);
  });
});

describe('the DESIGN §3 examples on the sample article', () => {
  const text = fs.readFileSync(samplePath, 'utf8');
  const tokens = analyze(text);
  const stemSet = new Set(tokens.map((t) => t.stem));
  const exactSet = new Set(tokens.map((t) => t.exact));
  const finds = (query: string) => analyze(query).every((q) => stemSet.has(q.stem));

  it('من finds مِن', () => {
    expect(text).toContain('مِن');
    expect(exactSet.has(exact('من')[0]!)).toBe(true);
  });
  it('ادلب finds إدلب', () => expect(finds('ادلب')).toBe(true));
  it('فصائل and الفصائل find each other', () => {
    expect(stems('فصائل')).toEqual(stems('الفصائل'));
    expect(finds('فصائل') && finds('الفصائل')).toBe(true);
  });
  it('ردا finds ردّاّ', () => expect(exact('ردّاّ')).toEqual(exact('ردا')));
  it('للنظام and النظام find نظام', () => {
    expect(stems('للنظام')).toEqual(['نظام']);
    expect(stems('النظام')).toEqual(['نظام']);
  });
  it('وبدعم finds بدعم', () => expect(stems('وبدعم')).toEqual(stems('بدعم')));
  it('٢٤ finds 24', () => expect(exact('٢٤')).toEqual(['24']));
  it('a query never matches inside another word: جار is not سنجار', () => {
    expect(text).toContain('سنجار');
    expect(exactSet.has('جار')).toBe(false);
    expect(stemSet.has('جار')).toBe(false);
  });
});

describe('Persian and Urdu letter forms', () => {
  it('folds ھ ە ۃ ۂ to ه and ۓ to ي, in text and queries alike (Arial in Word PDFs writes ھ)', () => {
    const exact = (s: string): string[] => analyze(s).map((t) => t.exact);
    expect(exact('أھمیة ھذه ھذھ')).toEqual(exact('أهمية هذه هذه'));
    expect(exact('ﮪﺬﮪ')).toEqual(['هذه']); // presentation forms of ھ, through NFKC
    expect(exact('ە ۃ ۂ ۓ ۀ ہ')).toEqual(['ه', 'ه', 'ه', 'ي', 'ه', 'ه']);
    expect(analyze('الأھمية')[0]!.stem).toBe(analyze('الأهمية')[0]!.stem);
  });
});
