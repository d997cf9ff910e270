// An item as CSL-JSON (the Citation Style Language's data format): what citation-js formats and
// what `khizana cite --format csl-json` prints. Titles and names are kept as written (Arabic stays Arabic).
import type { ItemDetail } from '../../shared/dto.js';

/** A CSL name: family/given for a person's name we can split, `literal` for anything else. */
export type CslName = { family: string; given?: string } | { literal: string };

export interface CslDate {
  'date-parts': [number[]];
}

/** The CSL-JSON fields Khizana fills. */
export interface CslItem {
  id: string;
  /** The BibTeX key citation-js uses (ASCII; made from author, year and title where they are Latin). */
  'citation-key': string;
  type: 'article-newspaper' | 'webpage' | 'book' | 'article' | 'article-journal' | 'personal_communication';
  title: string;
  author?: CslName[];
  recipient?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  'container-title'?: string;
  publisher?: string;
  URL?: string;
  ISBN?: string;
  DOI?: string;
  language?: string;
  note?: string;
}

const arabicScript = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const latinName = /^[\p{Script=Latin}\p{M}.'’\- ]+$/u;
/** Words that make a byline an organisation (cited as written, never "Press, A."). */
const organisationWords = /\b(press|news|agency|agence|reuters|staff|editors?|editorial|desk|team|group|inc|ltd|llc|corp|company|association|committee|council|ministry|office|university|institute|foundation|organi[sz]ation|service|network|times|post|bbc|cnn|afp|ap|un|who)\b/iu;
/** Lowercase particles that belong to the family name (van Gogh, de la Cruz, bin Laden). */
const particles = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'dos', 'das', 'bin', 'ibn', 'al', 'el']);

/**
 * A name as CSL: "Last, First" and Latin "First Last" are split (particles stay with the family
 * name); Arabic names, single words and organisations are literal, cited exactly as written.
 */
export function cslName(raw: string): CslName {
  const name = raw.replace(/\s+/gu, ' ').trim();
  if (arabicScript.test(name) || !latinName.test(name.replace(',', '')) || organisationWords.test(name)) return { literal: name };
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given ? { family, given } : { literal: family };
  }
  const words = name.split(' ');
  if (words.length < 2) return { literal: name };
  let start = words.length - 1;
  while (start > 1 && particles.has(words[start - 1]!.toLowerCase())) start--;
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}

/** `2015`, `2015-07`, `2015-07-21` (or a full timestamp) as CSL date parts; null when not a date. */
export function cslDate(value: string | null): CslDate | null {
  const m = value === null ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/u.exec(value);
  if (!m) return null;
  const parts = [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
  return { 'date-parts': [parts] };
}

/** ISBN or DOI from an identifier the source gives itself (`urn:isbn:…`, `doi:10.…`, a bare ISBN). */
export function identifiers(identifier: string | undefined): { ISBN?: string; DOI?: string } {
  if (!identifier) return {};
  const doi = /\b(10\.\d{4,9}\/\S+)/u.exec(identifier);
  if (doi) return { DOI: doi[1]! };
  const isbn = identifier.replace(/^(urn:)?isbn:?\s*/iu, '');
  if (/^(97[89][- ]?)?\d[\d -]{7,15}[\dXx]$/u.test(isbn) && [10, 13].includes(isbn.replace(/[- ]/gu, '').length)) return { ISBN: isbn };
  return {};
}

/** The CSL type: by the source's format and what it states. */
function cslType(item: ItemDetail, ids: { ISBN?: string; DOI?: string }): CslItem['type'] {
  const format = item.source?.format ?? '';
  if (format === 'eml') return 'personal_communication';
  if (format === 'epub' || ids.ISBN) return 'book';
  if (ids.DOI) return 'article-journal';
  // A saved page in one file (.mhtml) is a web page like .html.
  if (format === 'html' || format === 'mhtml') return item.publication && item.publishedAt ? 'article-newspaper' : 'webpage';
  if (item.publication && (format === 'txt' || format === 'md' || format === 'doc' || format === 'rtf')) return 'article-newspaper';
  return 'article';
}

/** An ASCII word for a BibTeX key, or '' when `text` has none (Arabic). */
function keyWord(text: string | undefined): string {
  const word = (text ?? '').normalize('NFKD').replace(/\p{M}/gu, '').split(/[^A-Za-z0-9]+/u).find((w) => /[A-Za-z]/u.test(w) && w.length > 2) ?? '';
  return word.toLowerCase();
}

/** Item `item` (an article) as a CSL-JSON record. */
export function toCslItem(item: ItemDetail): CslItem {
  const ids = identifiers(item.sourceMeta.identifier);
  const type = cslType(item, ids);
  const authors = item.authors.filter((a) => a.trim() !== '').map(cslName);
  const issued = cslDate(item.publishedAt);
  const first = authors[0];
  const family = first ? ('family' in first ? first.family : first.literal) : undefined;
  const base = `${keyWord(family)}${issued ? issued['date-parts'][0][0] : ''}${keyWord(item.title)}`;
  const csl: CslItem = {
    id: String(item.id),
    'citation-key': /^[a-z]/u.test(base) ? base : `khizana${item.id}`,
    type,
    title: item.title,
  };
  if (authors.length > 0) csl.author = authors;
  if (type === 'personal_communication' && item.sourceMeta.to?.length) csl.recipient = item.sourceMeta.to.map(cslName);
  if (issued) csl.issued = issued;
  // The day it was saved is when a web page was seen: what styles print as "Retrieved …".
  if (item.url) {
    const accessed = cslDate(item.importedAt);
    if (accessed) csl.accessed = accessed;
  }
  if (type === 'book') {
    const publisher = item.sourceMeta.publisher ?? item.publication;
    if (publisher) csl.publisher = publisher;
  } else if (item.publication) {
    csl['container-title'] = item.publication;
  }
  if (item.url) csl.URL = item.url;
  Object.assign(csl, ids);
  if (item.lang) csl.language = item.lang;
  return csl;
}
