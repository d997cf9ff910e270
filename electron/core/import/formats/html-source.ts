// What a saved web page says about its source, read from the untouched page: its web address,
// publication date, authors and publication, from link/meta tags, JSON-LD and <time> elements.
import { cleanLine, isoDateKeepingOffset } from '../parse-helpers.js';
import { splitAuthors, usableAuthors, webUrl } from '../source-facts.js';

/** The source facts of one page; each null or empty when the page does not state it. */
export interface PageSource {
  /** The page's own address, the most trusted candidate (see pageUrl). */
  url: string | null;
  /** What relative links resolve against: <base href>, else the address the page was saved from, else `url`. */
  linkBase: string | null;
  /** From meta tags, JSON-LD or itemprop=datePublished. */
  publishedAt: string | null;
  /** From the article's <time datetime>: the weakest evidence, used last. */
  timeElementDate: string | null;
  /** Authors JSON-LD names one by one. */
  structuredAuthors: string[];
  /** Authors from <meta name=author> or itemprop=author. */
  metaAuthors: string[];
  /** The publisher JSON-LD names. */
  publication: string | null;
}

type Json = Record<string, unknown>;

/** JSON-LD types that describe the article itself (schema.org CreativeWork kinds used for news and posts). */
const articleTypes = new Set([
  'article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'reviewnewsarticle', 'backgroundnewsarticle', 'askpublicnewsarticle', 'scholarlyarticle', 'techarticle', 'report',
  'liveblogposting', 'socialmediaposting', 'satiricalarticle', 'medicalscholarlyarticle', 'advertisercontentarticle',
  'posting', 'creativework', 'review', 'discussionforumposting',
]);
/** Largest JSON-LD block read: real ones are a few KB; a hostile page must not make us parse megabytes. */
const maxJsonLdChars = 512 * 1024;
/** The browser's "saved from" mark sits before <html>; look no further than this into the file. */
const savedFromWindow = 4096;

/** Reads the page's source facts; `html` is the page's text as decoded (for the "saved from" comment). */
export function readPageSource(doc: Document, html: string): PageSource {
  const jsonLd = readJsonLd(doc);
  const article = jsonLd.find((o) => typesOf(o).some((t) => articleTypes.has(t))) ?? null;
  const savedFrom = webUrl(/<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/iu.exec(html.slice(0, savedFromWindow))?.[1]);
  // <base href> may itself be relative to where the page was saved from.
  const baseHref = webUrl(doc.querySelector('base[href]')?.getAttribute('href'), savedFrom);
  const url = pageUrl(doc, article, savedFrom, baseHref);
  return {
    url,
    linkBase: baseHref ?? savedFrom ?? url,
    publishedAt: jsonLdDate(article, jsonLd, 'datePublished') ?? metaDate(doc) ?? itempropDate(doc) ?? jsonLdDate(article, jsonLd, 'dateCreated'),
    timeElementDate: timeElementDate(doc),
    structuredAuthors: article ? jsonLdAuthors(article.author, jsonLd) : [],
    metaAuthors: metaAuthors(doc),
    publication: article ? nameOf(article.publisher, jsonLd) : null,
  };
}

/**
 * The page's web address, in order of trust: `<link rel=canonical>` (the publisher's statement of
 * the article's one address, made for exactly this), `og:url` (the publisher's too, but made for
 * sharing: sometimes a home page or a tracking variant), JSON-LD's url, the browser's "saved from"
 * comment (where the copy was really fetched: true, but often with tracking parameters or a mobile
 * or AMP variant) and last `<base href>` (often just the site root or a CDN). A candidate that is
 * a bare site root gives way to a later one that names a page: misconfigured templates put the
 * home page in canonical or og:url.
 */
function pageUrl(doc: Document, article: Json | null, savedFrom: string | null, baseHref: string | null): string | null {
  const resolveAgainst = baseHref ?? savedFrom;
  const attr = (selector: string, name: string): string | null => webUrl(doc.querySelector(selector)?.getAttribute(name), resolveAgainst);
  const candidates = [
    attr('link[rel~="canonical" i][href]', 'href'),
    attr('meta[property="og:url" i][content]', 'content') ?? attr('meta[name="og:url" i][content]', 'content'),
    article ? webUrl(stringOf(article.url) ?? idOf(article.mainEntityOfPage), resolveAgainst) : null,
    savedFrom,
    baseHref,
  ].filter((u): u is string => u !== null);
  const isRoot = (u: string): boolean => {
    const parsed = new URL(u);
    return (parsed.pathname === '/' || parsed.pathname === '') && parsed.search === '';
  };
  return candidates.find((u) => !isRoot(u)) ?? candidates[0] ?? null;
}

/** Meta tags that state the publication date, most specific first (after JSON-LD: some CMSs put the modification time in article:published_time). */
const dateMetas = [
  'meta[property="article:published_time" i]', 'meta[name="article:published_time" i]', 'meta[property="og:published_time" i]',
  'meta[itemprop="datePublished" i]', 'meta[name="citation_publication_date" i]', 'meta[name="citation_date" i]',
  'meta[name="dc.date.issued" i]', 'meta[name="dcterms.issued" i]', 'meta[name="dc.date" i]', 'meta[name="dcterms.date" i]',
  'meta[name="date" i]', 'meta[name="pubdate" i]', 'meta[name="publishdate" i]', 'meta[name="publish-date" i]',
  'meta[name="parsely-pub-date" i]', 'meta[name="sailthru.date" i]', 'meta[property="bt:pubdate" i]',
];

function metaDate(doc: Document): string | null {
  for (const selector of dateMetas) {
    for (const el of Array.from(doc.querySelectorAll(selector))) {
      const date = isoDateKeepingOffset(el.getAttribute('content'));
      if (date) return date;
    }
  }
  return null;
}

/** The article's JSON-LD datePublished, else that of the web page holding it (never of other things the page lists). */
function jsonLdDate(article: Json | null, all: Json[], field: 'datePublished' | 'dateCreated'): string | null {
  for (const candidate of [article, ...all.filter((o) => typesOf(o).some((t) => t === 'webpage' || t === 'itempage'))]) {
    const date = candidate ? isoDateKeepingOffset(stringOf(candidate[field])) : null;
    if (date) return date;
  }
  return null;
}

/** itemprop=datePublished on any element: its content, datetime or title (Blogger's <abbr>) attribute, else its text. */
function itempropDate(doc: Document): string | null {
  for (const el of Array.from(doc.querySelectorAll('[itemprop~="datePublished" i]')).slice(0, 20)) {
    const date = isoDateKeepingOffset(el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.getAttribute('title') ?? el.textContent);
    if (date) return date;
  }
  return null;
}

/** Page parts whose dates are never the article's: comments, sidebars, related stories, footers. */
const notArticle = 'aside, nav, footer, [class*="comment" i], [id*="comment" i], [class*="sidebar" i], [id*="sidebar" i], [class*="related" i], [class*="widget" i], [class*="recommend" i], [class*="most-" i], [class*="popular" i], [class*="promo" i]';

/**
 * The article's `<time datetime>`: one marked pubdate; else the first inside <article> (outside
 * its comments and asides); else the first in the page outside sidebars, footers and comments.
 */
function timeElementDate(doc: Document): string | null {
  const times = Array.from(doc.querySelectorAll('time[datetime]')).filter((t) => t.closest(notArticle) === null);
  const ordered = [
    ...times.filter((t) => t.hasAttribute('pubdate')),
    ...times.filter((t) => t.closest('article') !== null),
    ...times.slice(0, 3),
  ];
  for (const time of ordered) {
    const date = isoDateKeepingOffset(time.getAttribute('datetime'));
    if (date) return date;
  }
  return null;
}

/** Authors from `<meta name=author>` (and Dublin Core, citation and article:author names), else itemprop=author. */
function metaAuthors(doc: Document): string[] {
  const selectors = ['meta[name="author" i]', 'meta[name="citation_author" i]', 'meta[name="dc.creator" i]', 'meta[name="dcterms.creator" i]', 'meta[property="article:author" i]', 'meta[name="parsely-author" i]', 'meta[name="sailthru.author" i]'];
  for (const selector of selectors) {
    const values = Array.from(doc.querySelectorAll(selector)).map((m) => cleanLine(m.getAttribute('content'), 300)).filter((v): v is string => v !== null && !/^(?:https?:|www\.)/iu.test(v));
    const names = usableAuthors(values.flatMap((v) => splitAuthors(v)));
    if (names.length > 0) return names;
  }
  const itemprops = Array.from(doc.querySelectorAll('[itemprop~="author" i]')).slice(0, 10).filter((el) => el.closest(notArticle) === null);
  const names = itemprops.map((el) => cleanLine(el.getAttribute('content') ?? el.querySelector('[itemprop~="name" i]')?.textContent ?? el.textContent, 100));
  return usableAuthors(names.flatMap((n) => splitAuthors(n)));
}

/** Every JSON-LD object in the page, @graph members included, in document order. */
function readJsonLd(doc: Document): Json[] {
  const out: Json[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]')).slice(0, 20)) {
    const text = script.textContent ?? '';
    if (text.length > maxJsonLdChars) continue;
    let parsed: unknown;
    try {
      // Some CMSs wrap the JSON in a CDATA or HTML comment.
      parsed = JSON.parse(text.replace(/^\s*(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)|(?:-->|(?:\/\/\s*)?\]\]>)\s*$/gu, ''));
    } catch {
      continue;
    }
    const queue: unknown[] = [parsed];
    for (let i = 0; i < queue.length && out.length < 200; i++) {
      const item = queue[i];
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        out.push(item as Json);
        const graph = (item as Json)['@graph'];
        if (graph) queue.push(graph);
      }
    }
  }
  return out;
}

function typesOf(o: Json): string[] {
  const type = o['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#:]/u, '').toLowerCase());
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return stringOf(value[0]);
  return null;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return stringOf((value as Json)['@id']) ?? stringOf((value as Json).url);
  return null;
}

/** The object a JSON-LD reference ({"@id": …} with nothing else) points to within the page, else the value. */
function dereference(value: unknown, all: Json[]): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const ref = value as Json;
  const id = ref['@id'];
  if (typeof id !== 'string' || 'name' in ref) return value;
  return all.find((o) => o !== ref && o['@id'] === id && 'name' in o) ?? value;
}

/** A person's or organisation's name from a JSON-LD value (a string, an object with a name, a reference). */
function nameOf(value: unknown, all: Json[]): string | null {
  const target = dereference(value, all);
  if (typeof target === 'string') return webUrl(target) ? null : cleanLine(target, 200);
  if (Array.isArray(target)) return nameOf(target[0], all);
  if (target && typeof target === 'object') {
    const name = (target as Json).name;
    return typeof name === 'string' ? cleanLine(name, 200) : Array.isArray(name) ? nameOf(name[0], all) : null;
  }
  return null;
}

/** The names in a JSON-LD author value: one or a list; a single string may hold several ("A and B"). */
function jsonLdAuthors(value: unknown, all: Json[]): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const names = list.slice(0, 50).map((v) => nameOf(v, all));
  if (list.length === 1 && typeof list[0] === 'string') return usableAuthors(splitAuthors(names[0]));
  return usableAuthors(names.flatMap((n) => (n && /[;|]/u.test(n) ? splitAuthors(n) : [n])));
}
