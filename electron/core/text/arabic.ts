// Arabic normalisation and Light10 stemming (DESIGN §3), as in Lucene's ArabicNormalizer/ArabicStemmer,
// with the Persian/Urdu letter forms of Lucene's PersianNormalizer (ی ے ک ۀ ہ) and ھ ە ۃ.

const arabicLetters = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/u;

/** True when the (normalised) token is written in Arabic script. */
export function isArabicToken(token: string): boolean {
  return arabicLetters.test(token);
}

// Marks deleted by normalisation: harakat U+064B–U+0652 and the other Arabic marks listed in DESIGN §3,
// plus ZWJ/ZWNJ so that Persian words typed with or without a half-space match.
const deletedMarks = /[\u064B-\u0652\u0610-\u061A\u0653-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D]/gu;
const letterMap: Record<string, string> = {
  '\u0622': '\u0627', // آ → ا
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0649': '\u064A', // ى → ي
  '\u06CC': '\u064A', // ی → ي (Persian yeh)
  '\u06D2': '\u064A', // ے → ي
  '\u06A9': '\u0643', // ک → ك (Persian kaf)
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ → ه (heh with yeh above)
  '\u06C2': '\u0647', // ۂ → ه (heh goal with hamza above)
  '\u06D3': '\u064A', // ۓ → ي (yeh barree with hamza above)
  '\u06C1': '\u0647', // ہ → ه (heh goal)
  '\u06BE': '\u0647', // ھ → ه (heh doachashmee: Arial in Word PDFs writes every ه with it)
  '\u06D5': '\u0647', // ە → ه (ae)
  '\u06C3': '\u0647', // ۃ → ه (teh marbuta goal, like ة)
};
const mappedLetters = /[\u0622\u0623\u0625\u0671\u0649\u06CC\u06D2\u06A9\u0629\u06C0\u06C1\u06BE\u06D5\u06C3\u06C2\u06D3]/gu;

/**
 * The analyzer version of an archive's index: 2 since ھ ە ۃ ۂ fold to ه and ۓ to ي. A change to
 * what the analyzer produces raises it, with a migration that re-analyses the items it affects.
 */
export const arabicFoldingVersion = 2;

/** Letters that analyzer version 2 folds and version 1 kept, with their presentation forms. */
export const lettersFoldedSinceVersion2 = ['\u06BE', '\u06D5', '\u06C3', '\u06C2', '\u06D3', '\uFBAA', '\uFBAB', '\uFBAC', '\uFBAD', '\uFBB0', '\uFBB1'];

/** Folds alef/hamza seats, ى, ة, Persian letters; deletes tatweel, harakat and other marks. */
export function normalizeArabic(token: string): string {
  return token.replace(deletedMarks, '').replace(mappedLetters, (ch) => letterMap[ch] ?? ch);
}

// Light10 prefixes in Lucene's order, each with the minimum word length for stripping it.
const prefixes: Array<[string, number]> = [
  ['\u0627\u0644', 4], // ال
  ['\u0648\u0627\u0644', 5], // وال
  ['\u0628\u0627\u0644', 5], // بال
  ['\u0643\u0627\u0644', 5], // كال
  ['\u0641\u0627\u0644', 5], // فال
  ['\u0644\u0644', 4], // لل
  ['\u0648', 4], // و
];
// Light10 suffixes in Lucene's order; each is removed once if two letters remain.
const suffixes = [
  '\u0647\u0627', // ها
  '\u0627\u0646', // ان
  '\u0627\u062A', // ات
  '\u0648\u0646', // ون
  '\u064A\u0646', // ين
  '\u064A\u0647', // يه
  '\u064A\u0629', // ية
  '\u0647', // ه
  '\u0629', // ة
  '\u064A', // ي
];

/** Light10 stemming of a normalised Arabic token: at most one prefix, then one pass over the suffixes. */
export function stemArabic(token: string): string {
  let word = token;
  for (const [prefix, minLength] of prefixes) {
    if (word.length >= minLength && word.startsWith(prefix)) {
      word = word.slice(prefix.length);
      break;
    }
  }
  for (const suffix of suffixes) {
    if (word.length >= suffix.length + 2 && word.endsWith(suffix)) word = word.slice(0, -suffix.length);
  }
  return word;
}
