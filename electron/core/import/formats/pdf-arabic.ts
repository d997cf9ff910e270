// Arabic repairs for text extracted from PDFs. Pure string functions; pdf.ts applies them after NFKC.
//
// The lam-alef problem. Arabic fonts draw lam followed by an alef (لا لأ لإ لآ) as one ligature
// glyph. Many PDF writers (MS Word, LibreOffice with DejaVu/Noto Sans …) map that glyph to the
// two letters "لا"; PDF content is drawn in visual (left-to-right) order, and when pdf.js turns
// a right-to-left run back into logical order it reverses the glyph sequence — including the
// two letters of the ligature, which come out as "ال". So every لX (X an alef form) of the
// original becomes Xل: خلال → خالل, الأحد → األحد, ولا → وال, الإنتاجية → اإلنتاجية.
// Fonts differ: some build the isolated form (after a non-joining letter: ولا, الأحد) from two
// glyphs and only the final form (after a joining letter: خلال) from a ligature, so a document
// may be broken in one context and correct in the other. Detection is therefore done per context.
//
// Undoing the swap, what is CERTAIN and what is a GUESS:
// - Certain: an alef form never follows an alef form in Arabic spelling, so "ا" + "أ/إ/آ/ا" + "ل"
//   can only be a swapped ligature: األ → الأ, اإل → الإ, اآل → الآ, اال → الا (الاتحاد, اتصاالت).
//   In 8.9 M words of correct Arabic news the pattern occurs 65 times (typos such as عطاالله).
//   Applied to every document.
// - Certain once a context is known to be swapped: in swapped text a lam is never followed by an
//   alef except when that alef starts a swapped pair, so "ل" + "Xل" → "للX" (لالستفادة →
//   للاستفادة, الالعب → اللاعب).
// - Certain: alef maqsura only ends a word, so a word-final "ىل" is a reversed lam-yeh ligature
//   (Noto Sans Arabic: على → عىل, إلى → إىل). 0 occurrences in the 8.9 M words.
// - A guess: any other "Xل" may be the original spelling (جمال, قال, العالم, إلى) or a swapped
//   "لX" (جملا, قلا, العلام, لإى). It is decided by morphology: the definite article (ال at the
//   start of a word, after و ف ب ك), a lone "ال" (always لا), accusative adverbs (قائلا قليلا
//   مسؤولا; not after بشكل), feminine plurals in -ات (مشكالت → مشكلات, but قالت stays), هؤالء →
//   هؤلاء, a swapped "ال" before another "ل" (خالل → خلال), form-IV/VIII/X verbal nouns (إسالم →
//   إسلام, اختالف → اختلاف), and a short table of frequent word shapes (ثلاث, علاقة, سلام, بلاد).
//   Where the guess is wrong (سلام read as سالم, a name; الثلاثة as الثالثة), lamAlefVariants()
//   offers the other reading so that an indexer can index both.
//
// Measured by swapping every لا/لأ/لإ/لآ of the held-out half of the Arabic news corpus
// (../shared/corpus/ar-news.jsonl.gz, odd lines, 4.44 M words; the rules were tuned on the even
// lines only) and repairing it as a swapped document; pdf-arabic.test.ts re-measures it:
//   words the swap damages ................................. 8.24 % of Arabic words
//   recall (damaged words restored exactly) ................ 96.08 %  (certain rules alone: 60.0 %)
//   precision (words the repair changed that are right) ..... 98.89 %
//   words without lam-alef that the repair damaged (جمال …) .. 0.09 %
//   word accuracy after repair ............................. 99.60 %  (91.76 % unrepaired)
//   original among the repair + lamAlefVariants() .......... 98.73 %  (5.8 % of words get a variant)
// Per document (the same 15,338 articles): detection wrongly calls 3 correct articles swapped
// (2 of 6,845 with 50–199 words, 1 of 482 shorter) and the repair changes 0.001–0.007 % of the
// words of correct articles; on swapped articles 0.41 % (200+ words) to 0.82 % (< 50 words) of
// words stay wrong, against 0.39 % with the swap known in advance.

/** Which lam-alef contexts of a document come out of the PDF with their two letters reversed. */
export interface LamAlefSwap {
  /** Lam-alef after a non-joining letter or at a word start (لا ولا الأحد). */
  isolated: boolean;
  /** Lam-alef after a joining letter (خلال علاقة). */
  final: boolean;
}

const ALEFS = 'اأإآ';
// Letters that do not join the following letter: a lam after them takes its isolated form.
const NON_JOINING = new Set('اأإآٱدذرزوؤةءى');
const MARK = /[\u064B-\u065F\u0670\u06D6-\u06ED]/u;
const MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/gu;
const ARABIC_WORD = /[\u0621-\u063A\u0640-\u065F\u066E-\u06D3\u06D5-\u06ED]+/gu;

function isAlef(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && ALEFS.includes(ch);
}

/** The last letter of `s`, skipping harakat. */
function lastLetter(s: string): string | undefined {
  for (let i = s.length - 1; i >= 0; i--) if (!MARK.test(s[i]!)) return s[i];
  return undefined;
}

// Proclitics then the article: what precedes a word's stem.
const PREFIX = /^(?:[وف]?[بكل]?ال|[وف]?لل|[وف]?[بكل]?)/u;
// Positions where an "ال" is the definite article: word start, after و ف ب ك, and names written
// without a space (عبدالله, عبدالعزيز).
const ARTICLE_POSITION = /^(?:[وف]?[بك]?|[وف]?[بكل]?(?:ال)?عبد)$/u;
// Attached pronouns, optional: the tail of many word shapes below.
const SUFFIX = '(?:ه|ها|هم|هما|هن|ك|كم|كما|نا|ي)?';
const FEMININE_PLURAL = new RegExp(`^ت${SUFFIX}$`, 'u');
const ILAYHI = new RegExp(`^ي${SUFFIX}$`, 'u'); // إليه إليها إليهم
const LA_WORDS = new RegExp(`^(?:عب(?:ين|ي|ون|و|ة|ان|ا)?|جئ.*|فت|فتة|فتا|زم|زمة|زما|حق(?:ا|ة|ين|ون)|سيما|تيني.*|ن|بد|[يت]?زال.*)${SUFFIX}$`, 'u');
const SHORT_TAIL = new RegExp(`^.(?:ي|ية|يات|ة|ات)?${SUFFIX}$`, 'u');
const BILAD = new RegExp(`^د${SUFFIX}$`, 'u');

// Word shapes where "لا" is the usual reading, keyed by the stem letters before the pair and the
// letter after it: ثلاث, علاقة, سلام, ولاية, بلاد, علاج, صلاة, خلاف, ملاحظة, سلاح, دولار, ميلاد …
// Chosen from frequent Arabic words whose other reading (ثالث, عالقة, سالم, …) is rarer; the
// guess is wrong for those, which lamAlefVariants covers.
const STEM_LA = new Set([
  'ث|ث', 'ع|ق', 'س|م', 'و|ي', 'ب|د', 'ع|ج', 'ص|ة', 'خ|ف', 'م|ح', 'س|ح', 'م|ب', 'م|ع', 'ت|ه', 'م|م',
  'ع|و', 'ك|م', 'ظ|م', 'ط|ق', 'ت|ح', 'ت|ع', 'ث|ج', 'م|ذ', 'ي|ح', 'غ|ف', 'ب|س', 'ت|م', 'خ|ب',
  'س|س', 'ص|ب', 'ف|س', 'ك|ب', 'م|ر', 'و|ة', 'و|ر', 'م|ز', 'م|ق', 'ح|ق', 'ن|ح',
  'دو|ر', 'عم|ق', 'مي|د', 'نج|د', 'نغ|د', 'هو|ن', 'عق|ن', 'مت|ح', 'مت|ز', 'عج|ن', 'مي|ن',
]);

// Stems before a word-final "لا" (indefinite accusative adverbs: أولا, مثلا, فعلا, بدلا).
const ADVERB_STEMS = new Set([
  'أو', 'او', 'مث', 'فع', 'أص', 'اص', 'فض', 'بد', 'لي', 'طف', 'شك', 'أه', 'اه', 'سه', 'مه', 'عد',
  'فص', 'أج', 'عق', 'نز', 'دخ', 'حص', 'أم', 'جد', 'عج', 'قب', 'لو',
]);

/** Guesses whether an ambiguous "Xل" (not settled by spelling) is a swapped "لX". */
function guessSwapped(outBefore: string, alef: string, restRaw: string, afterMannerNoun: boolean): boolean {
  const before = outBefore.replace(MARKS, '');
  const rest = restRaw.replace(MARKS, '');
  const articlePosition = ARTICLE_POSITION.test(before);
  const prefix = articlePosition ? before : (PREFIX.exec(before)?.[0] ?? '');
  const stem = before.slice(prefix.length);
  const hasArticle = /ال$|لل$/u.test(prefix);

  if (alef === 'أ') {
    if (articlePosition) {
      // لأن لأي لأسباب … against ألف ألمانيا ألقى ألعاب أليس ألوان.
      if (rest === '') return false;
      return !/^(?:[فمقغزتذ]|عاب|يس|يك|وان|واح|وف|حان|حق|بوم|بان|كس|هم)/u.test(rest);
    }
    return rest === '' && stem.endsWith('م'); // ملأ يملأ, against سأل نسأل
  }
  if (alef === 'إ') {
    // لإعادة لإدارة لإيران … against إلى إليه إلغاء إلكتروني إلقاء إلزام إلخ إله.
    if (!articlePosition || rest === '' || /^[ىیا]/u.test(rest)) return false;
    if (ILAYHI.test(rest)) return false;
    return !/^(?:قاء|قائ|كتر|غاء|غائ|غاؤ|حاق|حاح|خ$|زام|تزام|تون|مام|ه)/u.test(rest);
  }
  if (alef === 'آ') {
    // لآخر لآلاف لآراء … against آل آلية آليات آلة آلت آلم.
    return articlePosition && rest !== '' && !/^[يةتهم]/u.test(rest);
  }

  // alef === 'ا'
  if (/^[ءئ]/u.test(rest)) return true; // هؤلاء عملاء لائحة: "ال" never precedes a hamza on the line
  if (rest === '') {
    if (articlePosition) return true; // لا ولا فلا بلا: the article never stands alone
    if (/^\u0651?\u064B/u.test(restRaw)) return true; // tanween fath needs the alef: مثلاً
    if (hasArticle) return false; // adverbs in -لا are indefinite: المثال, الأعمال stay
    if (afterMannerNoun) return false; // بشكل فعال: an adjective, not the adverb فعلا
    // The stem without proclitics, or the whole word when و ف ب may be its first letter (وصولا
    // بديلا); not ل, which is mostly the preposition (لريال).
    for (const word of new Set([stem, /^[وفب]/u.test(before) ? before : stem])) {
      if (word.length >= 2 && word.at(-2) === 'ا' && !word.endsWith('از')) return true; // فاعلا: قائلا تفاعلا; not مازال
      if (/^[^اأإآ](?:.ي|..?و)$/u.test(word)) return true; // فعيلا, فعولا: قليلا وصولا مسؤولا
      if (word.length >= 3 && /^م[^اويى]/u.test(word) && !word.startsWith('مث')) return true; // مسجلا مستقبلا
      if (ADVERB_STEMS.has(word)) return true;
    }
    return ADVERB_STEMS.has(before);
  }
  if (rest.startsWith('ل')) {
    // خلال احتلال, against الله اللجنة and names written as one word (نصرالله)
    return !articlePosition && !(rest === 'له' && stem.length >= 2 && !/^(?:ا.ت|است.)$/u.test(stem));
  }
  if (FEMININE_PLURAL.test(rest)) {
    // مشكلات حملات, against التي قالت زالت استقالته
    if (articlePosition || stem.length <= 1) return false;
    if (/^[إأا].$/u.test(stem) || /(?:^|ما|لا|ا)ز$/u.test(stem)) return false; // أحالت, إحالته, لازالت
    return !/^(?:استق|اغت|ان?ه|رس|تو)$/u.test(stem); // استقالته رسالته توالت
  }
  if (articlePosition) {
    // Words that begin with لا (لاعب لاجئ لافتا لازم لاحقا لاسيما لاتيني لأنه), and ل + a form-X or
    // form-VIII verbal noun (لاستقبال لاختيار لارتفاع).
    if (LA_WORDS.test(rest)) return true;
    if (/^ست[^ا]{1,2}ا/u.test(rest) && !rest.startsWith('ستين')) return true;
    if (/^[^اتم]ت[^ا]ا[^ا]/u.test(rest) && !/^(?:فتي|فتر)/u.test(rest)) return true;
    // A proclitic letter may be the word's first letter: كلام بلاد فلاح (not كالمعتاد).
    if (before.length === 1 && STEM_LA.has(before + '|' + rest[0]) && SHORT_TAIL.test(rest)) return rest !== 'ي';
    if (before.endsWith('و') && /^(?:ي(?:ة|ات|ته|تها|تي)|ة$|ء)/u.test(rest)) return true; // ولاية ولاة
    if (before.endsWith('ب') && BILAD.test(rest)) return true; // بلاده
    return false;
  }
  if (/^[إأا].$/u.test(stem)) return !/^[ية]/u.test(rest); // إفعال, أفعال: إسلام إعلام أفلام; not أهالي إزالة
  if (/^(?:ا[^يو]ت|ان.|است.|ا[^يو][طد])$/u.test(stem) && !/^[ية]/u.test(rest)) return stem !== 'استق' && stem !== 'اغت'; // اختلاف انطلاق استهلاك
  if (stem === 'ث' && rest[0] === 'ث') return !hasArticle || /^ث(?:اء|ين|ي)/u.test(rest); // ثلاثة الثلاثين, against الثالثة
  if (stem === 'ط' && rest[0] === 'ب') return (hasArticle && rest === 'ب') || /^بي(?:ة|ين)/u.test(rest); // الطلاب, against طالب
  if (stem === 'ص' && rest.startsWith('حي')) return true; // صلاحية
  if (stem === 'خ' && rest === 'يا') return true; // خلايا
  if (stem === 'ب' && rest.startsWith('غات')) return true; // بلاغات
  if (stem === 'ع' && /^ق(?:ين|ون)$/u.test(rest)) return false; // العالقين
  if (stem === 'م' && /^يي?ن/u.test(rest)) return true; // ملايين
  if (stem === 'ع' && /^م(?:ة|ات)/u.test(rest)) return true; // علامة, against عالم
  if (stem === 'و' && rest === 'ي') return false; // والي
  if (stem === 'س' && rest === 'م' && !hasArticle) return false; // سالم (a name) against سلام
  return stem.length <= 2 && STEM_LA.has(stem + '|' + rest[0]);
}

/** Undoes the lam-alef swap in one Arabic word, given which contexts the document swaps. */
function repairWord(word: string, swap: LamAlefSwap, afterMannerNoun = false): string {
  // Certain: alef maqsura ends a word, so a word-final "ىل" is a reversed lam-yeh ligature
  // (Noto Sans Arabic draws لى as one glyph: على → عىل, إلى → إىل).
  if (word.endsWith('ىل')) word = word.slice(0, -2) + 'لى';
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (!isAlef(ch) || word[i + 1] !== 'ل') {
      out += ch;
      continue;
    }
    const prev = lastLetter(out);
    const context: keyof LamAlefSwap = prev === undefined || NON_JOINING.has(prev) ? 'isolated' : 'final';
    let swapped: boolean;
    if (isAlef(prev)) swapped = true; // certain: alef never follows alef
    else if (!swap[context]) swapped = false;
    else if (prev === 'ل') swapped = true; // certain in a swapped document
    else swapped = guessSwapped(out, ch, word.slice(i + 2), afterMannerNoun);
    if (swapped) {
      out += 'ل' + ch;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Reverses every lam-alef pair: what a PDF with swapped ligatures shows for correct text. */
export function swapLamAlef(text: string): string {
  return text.replace(/ل([اأإآ])/gu, '$1ل');
}

/** Decides, per context, whether a document's lam-alef ligatures came out reversed. */
export function detectLamAlefSwap(text: string): LamAlefSwap {
  // Evidence of correct text: "لX" not followed by ل — swapped text never has it (see above).
  // Evidence of swapped text: the certain patterns, a lone "ال", and "خالل" (خلال is frequent).
  const counts = { isolated: { ok: 0, bad: 0 }, final: { ok: 0, bad: 0 } };
  for (const match of text.matchAll(ARABIC_WORD)) {
    const w = match[0].replace(MARKS, '');
    for (let i = 0; i + 1 < w.length; i++) {
      const prev = i > 0 ? w[i - 1] : undefined;
      const context = prev === undefined || NON_JOINING.has(prev) ? 'isolated' : 'final';
      if (w[i] === 'ل' && isAlef(w[i + 1]) && w[i + 2] !== 'ل') counts[context].ok++;
      if (isAlef(w[i]) && w[i + 1] === 'ل' && isAlef(prev)) counts.isolated.bad++;
    }
    if (/^[وفبك]?ال$/u.test(w)) counts.isolated.bad++;
    if (/(?:^|[^اأإآ])خالل/u.test(w)) counts.final.bad++;
    if (/[^اأإآدذرزوؤةء]الء$/u.test(w)) counts.final.bad++;
  }
  const isolated = counts.isolated.bad > counts.isolated.ok;
  const final = counts.final.bad > counts.final.ok;
  // A document without evidence for one context follows the other: fonts mostly swap both.
  const noIsolated = counts.isolated.bad + counts.isolated.ok === 0;
  const noFinal = counts.final.bad + counts.final.ok === 0;
  return { isolated: noIsolated ? final : isolated, final: noFinal ? isolated : final };
}

/**
 * Repairs reversed lam-alef ligatures in PDF text: the certain fixes always, the morphological
 * guess where `swap` (by default detected from `text` itself) says the document is swapped.
 * Apply it once, to text as extracted: it is not idempotent (a repaired خلال would become خللا).
 */
export function repairLamAlef(text: string, swap: LamAlefSwap = detectLamAlefSwap(text)): string {
  let previous = '';
  return text.replace(ARABIC_WORD, (word) => {
    const repaired = word.includes('ل') ? repairWord(word, swap, MANNER_NOUNS.test(previous)) : word;
    previous = word;
    return repaired;
  });
}

// "In a … way": the word after them is an adjective (بشكل فعال), never an adverb in -لا.
const MANNER_NOUNS = /^[وف]?(?:بشكل|بصورة|بطريقة|بأسلوب|بمستوى)$/u;

const MAX_VARIANTS = 8;

/**
 * Other plausible readings of one word from a lam-alef-swapped PDF, repaired or not: each
 * ambiguous pair toggled, pairs settled by spelling kept. Empty for unambiguous words. The
 * article "ال" before a word of two or more letters is kept as read (the other reading, لا + word,
 * is right for about 1 % of them and would add a useless variant to almost every word).
 */
export function lamAlefVariants(word: string): string[] {
  const broken = swapLamAlef(word);
  const results: string[] = [];
  const walk = (i: number, out: string): void => {
    if (results.length > MAX_VARIANTS) return;
    if (i >= broken.length) {
      if (out !== word) results.push(out);
      return;
    }
    const ch = broken[i]!;
    if (!isAlef(ch) || broken[i + 1] !== 'ل') {
      // An alef right after a lam would have been a ligature, so that reading is impossible.
      if (!(isAlef(ch) && lastLetter(out) === 'ل')) walk(i + 1, out + ch);
      return;
    }
    const prev = lastLetter(out);
    const asRead = word[i] === 'ل' ? 'ل' + ch : ch + 'ل'; // readings keep lengths, so offsets align
    const articlePosition = ARTICLE_POSITION.test(out.replace(MARKS, ''));
    const rest = broken.slice(i + 2).replace(MARKS, '');
    const settled =
      isAlef(prev) ||
      prev === 'ل' ||
      (ch === 'ا' && articlePosition && rest.length >= 2) ||
      (ch === 'إ' && articlePosition && (/^[ىیا]/u.test(rest) || ILAYHI.test(rest))); // إلى إليه
    if (settled) {
      walk(i + 2, out + (isAlef(prev) || prev === 'ل' ? 'ل' + ch : asRead));
      return;
    }
    walk(i + 2, out + asRead);
    walk(i + 2, out + (asRead === ch + 'ل' ? 'ل' + ch : ch + 'ل'));
  };
  walk(0, '');
  return results.filter((w) => !/^[وفبك]?ال$/u.test(w.replace(MARKS, ''))).slice(0, MAX_VARIANTS);
}

/**
 * Fixes spacing artefacts of PDF text: a space before a combining mark (بناء ً → بناءً), a
 * lam-alef split by a space (ول ا → ولا, Noto Naskh), and a space before a letter that never
 * starts an Arabic word — ة, ى, or a lone bare alef (معرك ة → معركة, أطلقته ا → أطلقتها), which
 * pdf.js inserts where a justified line was stretched between two letters.
 */
export function repairArabicSpacing(text: string): string {
  return text
    .replace(/[ \t]+(?=\p{M})/gu, '')
    .replace(/([\u0621-\u064A]) (?=[ةى](?![\u0621-\u064A])|ا(?![\u0621-\u064A\u064B-\u065F]))/gu, '$1');
}

// Other lam ligatures. Fonts such as Amiri, Traditional Arabic or Simplified Arabic also draw
// lam + meem, jeem, hah or khah (لم لج لح لخ) as one glyph, which writers map to its two
// letters; pdf.js reverses them like lam-alef: المبادرة → املبادرة, للمجتمع → لملجتمع,
// لم → مل. Unlike lam-alef, a reversed "Xل" is also frequent correct spelling (عمل, كامل, حلم),
// so only positions that spelling settles are repaired, once a document is known to be swapped:
// the definite article before a word (امل → الم: the article is always followed by a letter, and
// a word starting with "امل", "اجل"… without hamza is rare), "ل" + article (لمل → للم: in a
// swapped document "لمل" cannot survive, it would read "ملل"), and the particle لم (مل, ومل, فمل).
// Measured like lam-alef, each لم/لج/لح/لخ of the held-out odd lines of the news corpus swapped
// (4.44 M words; rules chosen on the even lines; pdf-arabic.test.ts re-measures it):
//   words the swap damages ....................... 10.33 % of Arabic words
//   recall (damaged words restored exactly) ...... 84.57 %  (misses: العالم, اللجنة, لجنة, لما …)
//   precision .................................... 98.66 %  (wrong: اجل → الج, an informal أجل)
//   words without such a pair that it damaged .... 0.006 %
//   word accuracy ................................ 89.67 % → 98.40 %
//   original among the repair + lamLigatureVariants() 99.91 %  (4.75 % of words get a variant)
//   per document: 7 of 15,338 correct articles called swapped (hamza-less spellings such as
//   احلام; the repair then changes those few words), 14 swapped articles missed (the shortest).
// A letter without evidence of its own follows the others; لل + letter follows the article.
// A real PDF (pdf-ligatures.test.ts: the sample article drawn with lam ligature glyphs mapped to
// their letters, as Word writes them): 25 of 376 words wrong before, 3 after (one لح inside a
// word, أسلحة, found through its hidden variant; two lam-alef guesses); pdftotext reads the
// same file as pdf.js did before (املبادرة لملبادرة).

/** The second letters of the lam ligatures this module repairs. */
const LAM_LIGATURE_LETTERS = 'مجحخ';

/** For each second letter of a lam ligature: whether it came out reversed after ال and after لل. */
export type LamLigatureSwap = Record<string, { article: boolean; lamArticle: boolean }>;

// The article position, with proclitics; not ك, which mostly begins كامل, كاملة.
const SWAPPED_ARTICLE = new RegExp(`^([وف]?ب?)ا([${LAM_LIGATURE_LETTERS}])ل`, 'u');
const CORRECT_ARTICLE = new RegExp(`^[وف]?[بك]?ال([${LAM_LIGATURE_LETTERS}])`, 'u');
const SWAPPED_LAM_ARTICLE = new RegExp(`^([وف]?)ل([${LAM_LIGATURE_LETTERS}])ل`, 'u');
const CORRECT_LAM_ARTICLE = new RegExp(`^[وف]?لل([${LAM_LIGATURE_LETTERS}])`, 'u');
const SWAPPED_LAM_PARTICLE = /^([وف]?)مل$/u;

/** Decides, per ligature and position, whether a document's lam ligatures came out reversed. */
export function detectLamLigatureSwap(text: string): LamLigatureSwap {
  const counts = new Map<string, { article: [number, number]; lamArticle: [number, number] }>();
  const at = (letter: string) => {
    let c = counts.get(letter);
    if (!c) counts.set(letter, (c = { article: [0, 0], lamArticle: [0, 0] }));
    return c;
  };
  for (const match of text.matchAll(ARABIC_WORD)) {
    const w = match[0].replace(MARKS, '');
    let m: RegExpExecArray | null;
    if ((m = CORRECT_ARTICLE.exec(w))) at(m[1]!).article[0]++;
    else if ((m = SWAPPED_ARTICLE.exec(w)) && w.length - m[0].length >= 2) at(m[2]!).article[1]++; // not اجل, امله (أجل, أمله)
    if ((m = CORRECT_LAM_ARTICLE.exec(w))) at(m[1]!).lamArticle[0]++;
    else if ((m = SWAPPED_LAM_ARTICLE.exec(w))) at(m[2]!).lamArticle[1]++;
  }
  const swap: LamLigatureSwap = {};
  // A letter without evidence of its own follows the others: a font has all of these or none.
  const swappedArticle = (c: { article: [number, number] }): boolean => c.article[1] > c.article[0];
  const anySwapped = [...LAM_LIGATURE_LETTERS].some((l) => swappedArticle(at(l)));
  for (const letter of LAM_LIGATURE_LETTERS) {
    const c = at(letter);
    const article = c.article[0] + c.article[1] === 0 ? anySwapped : swappedArticle(c);
    // لل + letter is rarer, and لحل لجلب لخلق are words: it follows the article unless its own
    // evidence says it is correct (a font may lack the medial ligature).
    const lamArticle = article && !(c.lamArticle[0] > c.lamArticle[1]);
    swap[letter] = { article, lamArticle };
  }
  return swap;
}

/** True when `swap` says some lam ligature of the document is reversed. */
export function anyLamLigatureSwapped(swap: LamLigatureSwap): boolean {
  return Object.values(swap).some((s) => s.article || s.lamArticle);
}

/** Repairs reversed lam-meem/jeem/hah/khah ligatures where spelling settles them (see above). */
export function repairLamLigatures(text: string, swap: LamLigatureSwap = detectLamLigatureSwap(text)): string {
  if (!anyLamLigatureSwapped(swap)) return text;
  return text.replace(ARABIC_WORD, (word) => {
    let m: RegExpExecArray | null;
    if ((m = SWAPPED_ARTICLE.exec(word)) && swap[m[2]!]?.article) return `${m[1]}ال${m[2]}${word.slice(m[0].length)}`;
    if ((m = SWAPPED_LAM_ARTICLE.exec(word)) && swap[m[2]!]?.lamArticle) return `${m[1]}لل${m[2]}${word.slice(m[0].length)}`;
    if ((m = SWAPPED_LAM_PARTICLE.exec(word)) && swap['م']?.article) return `${m[1]}لم`;
    return word;
  });
}

/** Reverses every lam-meem/jeem/hah/khah pair: what a PDF with such swapped ligatures shows. */
export function swapLamLigatures(text: string): string {
  return text.replace(new RegExp(`ل([${LAM_LIGATURE_LETTERS}])`, 'gu'), '$1ل');
}

/**
 * Other readings of one word of a document whose lam ligatures are swapped: each "Xل" (X one of
 * م ج ح خ) that the repair left, read as "لX" (العامل → العالم, جلنة → لجنة), one pair at a time.
 * An indexer indexes them hidden, so a search finds the words the repair could not settle.
 */
export function lamLigatureVariants(word: string, swap: LamLigatureSwap): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < word.length && variants.length < 4; i++) {
    const letter = word[i]!;
    if (word[i + 1] !== 'ل' || !LAM_LIGATURE_LETTERS.includes(letter)) continue;
    if (!swap[letter]?.article && !swap[letter]?.lamArticle) continue;
    variants.push(word.slice(0, i) + 'ل' + letter + word.slice(i + 2));
    i++;
  }
  return variants;
}
