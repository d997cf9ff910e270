// What a source says about itself, judged alike by every parser: its web address, its authors'
// names (a list, never a name cut in two) and whether a metadata title or name is a tool's filler.
import path from 'node:path';

/** Longest web address kept: anything longer is a tracking blob, not an address to cite. */
const maxUrlLength = 2048;

/**
 * `raw` as an absolute http/https address (resolved against `base` when relative), or null: other
 * schemes, addresses with a user name or password, no host, or implausibly long ones are refused.
 */
export function webUrl(raw: string | null | undefined, base?: string | null): string | null {
  const value = raw?.trim();
  if (!value || value.length > maxUrlLength || /[\s<>"]/u.test(value.replace(/ /gu, '%20'))) return null;
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href.length <= maxUrlLength ? url.href : null;
}

/** "By", "Written by", "بقلم", "كتب" … before a byline's names. */
const bylinePrefix =
  /^(?:(?:posted|written|reported|words|text|story|photos?|reporting|edited|compiled|interview)\s+by|by|par|por|door|بقلم|كتب(?:ه|ت|ها)?|كتابة|إعداد|اعداد|تحرير|بواسطة|إشراف|للكاتب(?:ة)?|الكاتب(?:ة)?)\s*[:：\-–—]?\s+/iu;
/** Words that make a byline part a role or an affiliation, not a person's name. */
const roleWord =
  /\b(?:correspondent|reporter|editor|writer|staff|contributor|columnist|analyst|bureau|desk|press|news|agency|agencies|wires?|reuters|afp|ap|updated|published|posted|photograph(?:er|y)|twitter|email)\b|@|\d|(?:^|\s)(?:مراسل|مراسلة|محرر|محررة|وكالة|وكالات|خاص|صحفي|صحفية|كاتب|كاتبة)(?:\s|$)/iu;
/** Arabic names that begin with و (وليد, وائل …): "و" there is not "and". */
const waNames = new Set([
  'وليد', 'وائل', 'وسام', 'وفاء', 'وعد', 'وجدي', 'وحيد', 'وداد', 'وصفي', 'ولاء', 'وهيب', 'وديع', 'وفيق', 'وهبة', 'ورد', 'وردة',
  'وضاح', 'وصال', 'وجيه', 'وجيهة', 'وهيبة', 'وسيم', 'وسيمة', 'ودود', 'وفيقة', 'وجدان', 'ولید', 'وئام', 'وحيدة', 'وديعة', 'وصفية', 'وهاب',
  'وعدالله', 'ولي', 'والي', 'وهب', 'وائلة', 'وليدة', 'ودیع', 'وافي', 'وجد', 'وحید',
]);

const words = (s: string): string[] => s.split(/\s+/u).filter((w) => w !== '');

/** True when `part` reads as one person's (or organisation's) name: 2 to 6 words, no role words. */
function looksLikeFullName(part: string): boolean {
  const n = words(part).length;
  return n >= 2 && n <= 6 && !roleWord.test(part);
}

/**
 * Splits `text` at `separator` when every part is a full name or a role ("Senior Correspondent",
 * "Reuters"), keeping the names; else keeps it whole ("Smith, John" is one name).
 */
function splitIfNames(text: string, separator: RegExp): string[] {
  const parts = text.split(separator).map((p) => p.trim()).filter((p) => p !== '');
  // Never split inside a parenthesis: "Bruno (Henrique, Zecchin) Rodrigues" is one name.
  if (parts.length < 2 || parts.some((p) => (p.match(/\(/gu)?.length ?? 0) !== (p.match(/\)/gu)?.length ?? 0))) return [text];
  const names = parts.filter(looksLikeFullName);
  return names.length > 0 && parts.every((p) => looksLikeFullName(p) || roleWord.test(p)) ? names : [text];
}

/** Splits before an attached Arabic "و" (أحمد علي ومحمد حسن) when both sides are full names. */
function splitArabicAnd(text: string): string[] {
  const tokens = words(text);
  for (let i = 2; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    if (!/^و[\u0621-\u064A]{2,}$/u.test(token) || waNames.has(token)) continue;
    const left = tokens.slice(0, i).join(' ');
    const right = [token.slice(1), ...tokens.slice(i + 1)].join(' ');
    if (looksLikeFullName(left) && looksLikeFullName(right)) return [left, ...splitArabicAnd(right)];
  }
  return [text];
}

/**
 * One name from a byline part: whitespace collapsed, "(http://…)" and "<mail>" asides and
 * "| Site" tails dropped; a name runs into a date or counter in scraped bylines ("Lucas Nolan22
 * Dec 2016"), so it ends at the first digit, and what is then a role or a lone word is no name.
 */
function tidyName(raw: string): string | null {
  let name = raw
    .replace(/\s+/gu, ' ')
    .replace(/\s*[(<](?:https?:|www\.|mailto:)?[^()<>\s]*[@/.][^()<>\s]*[)>]/giu, '')
    .replace(/\s+[|•·]\s+.*$/u, '')
    .trim();
  const digit = name.search(/\p{Nd}/u);
  if (digit !== -1) {
    name = name.slice(0, digit).trim();
    if (words(name).length < 2 || roleWord.test(name)) return null;
  }
  name = name.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, '').trim();
  if (name.length < 2 || name.length > 100 || !/\p{L}/u.test(name) || /^(?:https?:|www\.)/iu.test(name)) return null;
  return name;
}

/**
 * The authors a byline or metadata string names, in order: a prefix ("By", "بقلم:", "كتب") is
 * dropped; ";" and "|" always separate names; ",", "and", "&", "و" separate them only when every
 * part is a full name of two or more words, so "Smith, John" or "أحمد وليد" stays one name.
 */
export function splitAuthors(raw: string | null | undefined): string[] {
  const text = raw?.replace(/[ \t\u00A0]+/gu, ' ').trim();
  if (!text || text.length > 500) return [];
  // "X (avec Y et Z)", "X (with Y)": the parenthesis lists more authors.
  const unwrapped = text.replace(/\s*\((?:avec|with|mit|con|مع)\s+([^()]*)\)/giu, ', $1');
  let groups = unwrapped.split(/\s*[;|\n]\s*/u).filter((g) => g !== '');
  // A byline over several lines: the names, then a date, a role or "Edited by …".
  if (groups.length > 1) {
    const names = groups.filter((g) => !/\p{Nd}/u.test(g) && !roleWord.test(g) && !/^(?:edited|photos?|illustrations?|graphics|video|additional reporting)\b/iu.test(g));
    groups = names.length > 0 ? names : groups.slice(0, 1);
  }
  groups = groups.map((g) => g.replace(bylinePrefix, ''));
  const out: string[] = [];
  for (const group of groups) {
    for (const list of splitIfNames(group, /\s*,\s*(?:(?:and|und|et|y|e)\s+)?|\s+(?:and|und|et|&|y)\s+|\s+و\s+|\s*،\s*/iu)) {
      for (const name of splitArabicAnd(list)) {
        const tidy = tidyName(name);
        if (tidy && !isFillerAuthor(tidy) && !out.includes(tidy)) out.push(tidy);
      }
    }
  }
  return out;
}

/** Names tools and operating systems fill in as an author: never a person. */
const fillerAuthors =
  /^(?:user|admin|administrator|owner|windows user|microsoft office user|microsoft|unknown|author|anonymous|default|guest|test|pc|home|standard|utilisateur|benutzer|usuario|المستخدم|مستخدم|word|writer|pdf|follow|follow author|subscribe|share|by|[^\p{L}\p{N}]*|(?:adobe|acrobat|microsoft|libreoffice|openoffice|apache|latex|pdftex|ghostscript|quartz|itext|skia|google docs)\b.*)$/iu;

/** True for an author name that a tool, not a person, filled in (User, Administrator, Microsoft Word …). */
export function isFillerAuthor(name: string): boolean {
  return fillerAuthors.test(name.trim());
}

/** `names` tidied, with fillers and repeats removed. */
export function usableAuthors(names: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const raw of names) {
    const name = raw ? tidyName(raw.normalize('NFKC').replace(/[\u0000-\u001F]/gu, ' ')) : null;
    if (name && !isFillerAuthor(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

// Titles that tools fill in by themselves: file names, templates, "Untitled", "Microsoft Word - x.docx".
const fillerTitles = [
  /^(?:untitled|untitled document|unbenannt|sans titre|sin título|senza titolo|sem título|no title|none|null|undefined|title|titel|document|doc|new document|presentation|powerpoint presentation|word document|slide \d*|document\s?\d+|doc\s?\d+|normal|default|template|blank|blank document|new|draft|temp|tmp|test|بدون عنوان|مستند\s?\d*)$/iu,
  /^(?:microsoft (?:word|powerpoint|excel)|libreoffice|openoffice|writer) ?[-–:]/iu,
  /\.(?:docx?|dot[xm]?|docm|odt|ott|rtf|txt|pdf|pptx?|potx?|xlsx?|tex|dvi|e?ps|indd|qxd|qxp|pages|wpd|html?|cdr|ai|psd|jpe?g|png|tiff?|fm|qxp|md)$/iu,
  /^(?:[a-z]:)?[\\/]/iu,
  /^[\w-]*\d{4,}[\w-]*$/u, // scan_00123, IMG20240101, 20240101-report: machine names
];

/**
 * A metadata title fit to show, or null for an empty one, one a tool made up (Normal.dot,
 * "Microsoft Word - x.doc", Document1, Untitled) or the file's own name (`filePath`).
 */
export function usableTitle(raw: unknown, filePath?: string): string | null {
  if (typeof raw !== 'string') return null;
  const title = raw.normalize('NFKC').replace(/[\u0000-\u001F\uFFF0-\uFFFF]/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (title.length < 2 || title.length > 500 || !/\p{L}/u.test(title)) return null;
  if (fillerTitles.some((re) => re.test(title))) return null;
  if (filePath) {
    const stem = path.basename(filePath).replace(/\.[^.]*$/u, '');
    const loose = (s: string): string => s.toLowerCase().replace(/[\s_.-]+/gu, '');
    if (loose(stem) === loose(title)) return null;
  }
  return title;
}

/** A keyword list from metadata: a list as given, or a string split at commas and semicolons. */
export function keywordList(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;،\n]/u) : [];
  const out: string[] = [];
  for (const item of items) {
    const word = typeof item === 'string' ? item.replace(/\s+/gu, ' ').trim() : '';
    if (word !== '' && word.length <= 200 && !out.includes(word)) out.push(word);
  }
  return out.slice(0, 100);
}

/** The ISBN in `raw` (urn:isbn:…, "ISBN 978-…", bare digits), checksum-valid, as written without prefix; else null. */
export function isbnOf(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/^(?:urn:isbn:|isbn(?:-1[03])?:?\s*)/iu, '');
  if (!value || !/^[\d][\d -]{8,16}[\dXx]$/u.test(value)) return null;
  const digits = value.replace(/[ -]/gu, '').toUpperCase();
  if (digits.length === 10) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (10 - i) * (digits[i] === 'X' ? 10 : Number(digits[i]));
    return /^\d{9}[\dX]$/u.test(digits) && sum % 11 === 0 ? value : null;
  }
  if (digits.length === 13 && /^97[89]\d{10}$/u.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0 ? value : null;
  }
  return null;
}
