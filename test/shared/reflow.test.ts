// The reflow rule (electron/shared/reflow.ts): which line breaks of hard-wrapped text are soft
// wraps, and the reader's paragraphs built on it. Offsets never move.
import { describe, expect, it } from 'vitest';
import { reflowText, softBreaks, wrapProfile } from '../../electron/shared/reflow.js';
import { splitParagraphs } from '../../renderer/src/components/reader/paragraphs.js';
import { arabic, wire } from '../support/wrapped-texts.js';

/** The text's lines as the rule joins them: one string per paragraph. */
const paragraphs = (text: string): string[] =>
  reflowText(text)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().replace(/\u200B/gu, ''));

describe('softBreaks / reflowText', () => {
  it('joins English wire copy into its paragraphs: indentation and the short last line end one', () => {
    expect(paragraphs(wire)).toEqual([
      'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said.',
      'The dry period means the temporao will be late this year.',
      'Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season of 5.93 mln against 5.81 at the same stage last year, said the English-language report.',
      'Reuter',
    ]);
  });

  it('joins Arabic wrapped lines; a short last line ends the paragraph', () => {
    const out = paragraphs(arabic);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^حدد رئيس .* ينشرون التطرف\.$/u);
    expect(out[0]).not.toContain('\n');
    expect(out[1]).toMatch(/^ورسم كاميرون .* المتطرفة\.$/u);
  });

  it('keeps every offset: same length, only the joined line breaks change', () => {
    for (const text of [wire, arabic]) {
      const flowed = reflowText(text);
      expect(flowed).toHaveLength(text.length);
      for (let i = 0; i < text.length; i++) if (flowed[i] !== text[i]) expect(text[i]).toBe('\n');
    }
  });

  it('joins a hyphenated compound without a space (a zero-width space keeps the length)', () => {
    const breaks = softBreaks(wire);
    const hyphen = breaks.filter((b) => b.hyphen);
    expect(hyphen.map((b) => wire.slice(b.at - 8, b.at + 9))).toEqual(['English-\nlanguage']);
    expect(reflowText(wire)).toContain('English-\u200Blanguage');
  });

  it('never joins across a blank line (paragraphs, PDF pages)', () => {
    const text = `${wire.split('\n').slice(0, 3).join('\n')}\n\n${wire.split('\n').slice(5, 8).join('\n')}`;
    const blank = text.indexOf('\n\n');
    expect(softBreaks(text).map((b) => b.at)).not.toContain(blank);
    expect(softBreaks(text).map((b) => b.at)).not.toContain(blank + 1);
    expect(paragraphs(text)).toHaveLength(2);
  });

  it('keeps list items, headings and table rows on their own lines', () => {
    const text = [
      'The committee listed the measures it expects the government to',
      'take before the end of the year, in this order of priority:',
      '- a cut in the discount rate of at least half a percentage point',
      '- new credit lines for exporters of farm goods and machinery',
      '1. a review of the tax on the profits of the state oil company',
      '2) talks with the creditor banks on the rescheduling of the debt',
      'Outlook',
      'Analysts said the measures would take months to show effects in',
      'the economy, and that the central bank would wait for the data.',
      'Item        1986      1987',
      'Exports    12.3      14.1',
    ].join('\n');
    expect(paragraphs(text)).toEqual([
      'The committee listed the measures it expects the government to take before the end of the year, in this order of priority:',
      '- a cut in the discount rate of at least half a percentage point',
      '- new credit lines for exporters of farm goods and machinery',
      '1. a review of the tax on the profits of the state oil company',
      '2) talks with the creditor banks on the rescheduling of the debt',
      'Outlook',
      'Analysts said the measures would take months to show effects in the economy, and that the central bank would wait for the data.',
      'Item        1986      1987',
      'Exports    12.3      14.1',
    ]);
  });

  it('an Arabic list (numbers with a dash, bullets) keeps its items', () => {
    const text = [
      'قالت وزارة الداخلية البريطانية في بيان اليوم إن الخطة التي أعلنها',
      'رئيس الوزراء ديفيد كاميرون خلال خطابه في مدينة بيرمنغهام تقوم',
      'على أربعة محاور رئيسية، وإنها ستنشر كاملة في وقت لاحق هذا العام',
      'بعد مشاورات مع الجاليات والمدارس والجامعات، وهذه المحاور هي:',
      '1 - القضاء على إيديولوجية التطرف في المدارس والجامعات والمساجد',
      '2 - الوقوف في وجه عمليات التجنيد وغسل الأدمغة بالأفكار المتطرفة',
      '• إعادة اصوات الاسلام المعتدل إلى المجتمع البريطاني من جديد كله',
    ].join('\n');
    expect(paragraphs(text)).toHaveLength(4);
    expect(paragraphs(text)[0]).toMatch(/^قالت .* المحاور هي:$/u);
  });

  it('leaves verse alone: capitalised lines, rhymed Arabic lines, short lines', () => {
    const sonnet = [
      "Shall I compare thee to a summer's day?",
      'Thou art more lovely and more temperate:',
      'Rough winds do shake the darling buds of May,',
      "And summer's lease hath all too short a date;",
      'Sometime too hot the eye of heaven shines,',
      'And often is his gold complexion dimm’d;',
      'And every fair from fair sometime declines,',
      'By chance or nature’s changing course untrimm’d;',
      'But thy eternal summer shall not fade,',
      'Nor lose possession of that fair thou ow’st;',
    ].join('\n');
    expect(wrapProfile(sonnet)).toBeNull();
    const nabati = [
      'يجي بعضك وأنا كلي يذوب من الصبر والخوف',
      'وأجي كلي ولكنك دريت بخطوة أشواقي',
      'بكيت من القهر دمع سقا ذاك الطريق طيوف',
      'ألم كنه حلف يبقى كسير بزحمة أوراقي',
      'قهر سطر رواياته قصيد وكبرياء حروف',
      'سراب عانق الرمضى وجال بداخل اعماقي',
      'يجيني كنه الرؤيا وأنا في مرقدي ملهوف',
      'قسى وأشعل قناديل الظلام وطوق أحداقي',
      'نسيته وأثره الذكرى هجرته واستباح الجوف',
      'هربت وردني سورة نزلت وكني الراقي',
      'هنا بين الضلوع اسمك إذا انك تستطيع تشوف',
      'هنا كل البشر بسمك دعوك وهمت بآفاقي',
    ].join('\n');
    expect(softBreaks(nabati)).toEqual([]);
    const freeVerse = ['وطائفيتُه وتبعيتُه لطهران', 'واضحتان وضوحَ الشمس..', 'حسن نصر الله وعبدالملك الحوثي', 'في صورٍ مسعورةٍ ضد المملكةِ', 'إبان الغزوِ الإسرائيليِّ لبيروت'].join('\n');
    expect(softBreaks(freeVerse)).toEqual([]);
  });

  it('leaves text with one paragraph a line untouched, with or without blank lines', () => {
    const para = (n: number) =>
      `Paragraph ${n} of a saved article runs on one long line, as web pages and most documents store it, and it goes on for a while before it ends with a full stop.`;
    const lines = Array.from({ length: 8 }, (_, i) => para(i + 1));
    for (const text of [lines.join('\n'), lines.join('\n\n')]) {
      expect(wrapProfile(text)).toBeNull();
      expect(reflowText(text)).toBe(text);
    }
    // Short paragraphs of similar length, each a sentence: still one a line.
    const short = ['The talks resume on Monday.', 'Prices rose by 3 pct in March.', 'The bank kept its rates unchanged.', 'Exports fell for a second month.'].join('\n');
    expect(reflowText(short)).toBe(short);
  });

  it('quoted e-mail keeps its > lines apart from the reply', () => {
    const text = [
      'Thanks for the figures you sent on the cocoa crop estimates for',
      'the coming season; I will pass them on to the desk this morning.',
      '> The dry period means the temporao will be late this year and',
      '> arrivals for the week ended February 22 were 155,221 bags of',
      'I will call you about the export certificates later today, once',
      'the shippers have told me how many of them they expect to obtain',
      'before the end of the month.',
    ].join('\n');
    expect(paragraphs(text)).toEqual([
      'Thanks for the figures you sent on the cocoa crop estimates for the coming season; I will pass them on to the desk this morning.',
      '> The dry period means the temporao will be late this year and',
      '> arrivals for the week ended February 22 were 155,221 bags of',
      'I will call you about the export certificates later today, once the shippers have told me how many of them they expect to obtain before the end of the month.',
    ]);
  });

  it('reads a window of a long text like the whole (what a snippet asks for)', () => {
    const text = Array.from({ length: 30 }, () => wire).join('\n\n');
    const all = softBreaks(text);
    const from = text.length / 3;
    const to = (2 * text.length) / 3;
    expect(softBreaks(text, wrapProfile(text), from, to)).toEqual(all.filter((b) => b.at >= from && b.at < to));
  });
});

describe('splitParagraphs (the reader)', () => {
  it('gives one paragraph per real paragraph of wire copy, each at its offset in the text', () => {
    const out = splitParagraphs(wire);
    expect(out).toHaveLength(4);
    for (const p of out) {
      expect(p.text).toHaveLength(p.text.length);
      expect(wire.slice(p.start, p.start + p.text.length).replace(/\n/gu, ' ')).toBe(p.text.replace(/\u200B/gu, ' '));
    }
    expect(out[2]!.text).toContain('the season of 5.93 mln against');
  });

  it('keeps one paragraph per line for text that is not hard-wrapped', () => {
    expect(splitParagraphs('First line.\nSecond line.\n\nThird.')).toEqual([
      { start: 0, text: 'First line.' },
      { start: 12, text: 'Second line.' },
      { start: 26, text: 'Third.' },
    ]);
  });
});
