// Saved web pages (.html/.htm): decode as a browser would, pull the article out with
// Readability, keep it sanitised for reading and as plain text for search (DESIGN §5, §6).
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { ArchiveError } from '../../../shared/errors.js';
import { detectDirection, directionOfLanguage } from '../../text/language.js';
import { assertLooksLikeText, assertNotBinary, decodeHtmlBytes } from '../decode-html-bytes.js';
import { estimateNestingDepth, maxNestingDepth, removeNonContent, sanitizeAndExtract, sanitizeElementContent, withHtmlScope, wrapWithDirection, type HtmlScope } from '../html-text.js';
import { canonicalLang, checkInputSize, checkTextLimit, cleanLine, documentLanguage, isoDateKeepingOffset, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type ParseContext, type ParsedDocument, type Parser } from '../parsed-document.js';
import { splitAuthors, usableAuthors, webUrl } from '../source-facts.js';
import { readPageSource, type PageSource } from './html-source.js';

/**
 * Readability's own charThreshold: below it, Readability retries and then returns its longest
 * attempt, which may be a real short article or, on a page without one, a stray fragment.
 */
const minArticleChars = 500;
/**
 * Whether a page holds an article is Readability's own test (isProbablyReaderable, run on the
 * untouched page): paragraphs outside menus, sidebars, footers and hidden parts, counted from
 * the 25 characters Readability's scoring starts at; one real sentence (over 50) is enough.
 * Short news (12 % of Arabic bodies are under 500 characters) is an article, not a fragment.
 */
const articleSignal = { minContentLength: 25, minScore: 5 };
/** Readability gives up (and we import the whole page) beyond this many elements, to bound its time. */
const maxReadabilityElements = 200_000;
/** Readability's time grows with the square of nesting depth (1.5 s at 200 levels); real pages nest 10–30. */
const maxReadabilityDepth = 100;

/** What the untouched page says about itself, read before Readability rewrites the DOM. */
interface PageFacts {
  title: string | null;
  ogTitle: string | null;
  h1: string | null;
  lang: string | null;
  dir: 'rtl' | 'ltr' | null;
  /** Where the page says it came from, its date, authors and publication (see html-source.ts). */
  source: PageSource;
}

type Article = NonNullable<ReturnType<Readability['parse']>>;

/** Parses a saved web page into a document; see DESIGN §5. */
export const parseHtml: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  assertNotBinary(bytes, 'an HTML page');
  const decoded = decodeHtmlBytes(bytes);
  assertLooksLikeText(decoded.text, 'an HTML page');
  return parseDecodedHtml(decoded.text, decoded.encoding, decoded.warning ? [decoded.warning] : [], ctx);
};

/** Parses a page already decoded to text (`encoding` is recorded as the source's): the HTML path after decoding, shared with .mhtml. */
export function parseDecodedHtml(source: string, encoding: string, warnings: string[], ctx: ParseContext): ParsedDocument {
  try {
    return withHtmlScope((scope) => extract(scope, source, encoding, warnings, ctx));
  } catch (error) {
    // Recursive DOM code (serialisers, Readability) overflows on absurdly nested hostile markup.
    if (error instanceof RangeError) throw new ArchiveError('corrupt', `the page is nested too deeply to read (${libraryMessage(error)})`);
    throw error;
  }
}

function extract(scope: HtmlScope, source: string, encoding: string, warnings: string[], ctx: ParseContext): ParsedDocument {
  const depth = estimateNestingDepth(source, maxNestingDepth);
  if (depth > maxNestingDepth) throw new ArchiveError('corrupt', `the page nests elements more than ${maxNestingDepth} deep; no real page does`);
  const doc = scope.parse(source);
  const facts = readPageFacts(doc, source);
  const base = facts.source.linkBase;
  const tryArticle = depth <= maxReadabilityDepth;
  if (!tryArticle) warnings.push('the page is nested too deeply for article extraction: the whole page text was imported');
  const hasArticle = tryArticle && isProbablyReaderable(doc, articleSignal); // before Readability rewrites `doc`
  const article = tryArticle ? runReadability(doc, warnings) : null;

  let content = article?.content ? sanitizeAndExtract(scope, article.content, base) : null;
  if (!content || content.text === '' || (content.text.length < minArticleChars && !hasArticle)) {
    // Readability found nothing, or a short piece of a page without article paragraphs: compare
    // with the whole page, parsed afresh.
    const page = tryArticle ? scope.parse(source) : doc;
    removeNonContent(page);
    const whole = sanitizeElementContent(scope, page.body, base);
    if (!content || content.text.length < whole.text.length * 0.5) {
      if (tryArticle && whole.text !== '') warnings.push('no article found in the page: the whole page text was imported');
      content = whole;
    }
  }
  const { text } = content;
  checkTextLimit(text.length, ctx.limits);

  const title = cleanLine(article?.title) ?? facts.title ?? facts.ogTitle ?? facts.h1;
  if (text === '' && !title) throw new ArchiveError('empty', 'the page holds no text');
  if (text === '') warnings.push('the page has no body text: only its title is searchable');

  const lang = documentLanguage(canonicalLang(article?.lang) ?? facts.lang, text);
  const dir = asDir(article?.dir) ?? facts.dir ?? directionOfLanguage(lang) ?? detectDirection(text);
  return {
    ...emptyDocument(),
    title,
    text,
    html: content.html.trim() === '' ? null : wrapWithDirection(content.html, dir, lang),
    authors: pickAuthors(facts.source, article),
    publication: cleanLine(article?.siteName, 200) ?? facts.source.publication,
    url: facts.source.url,
    publishedAt: facts.source.publishedAt ?? isoDateKeepingOffset(article?.publishedTime) ?? facts.source.timeElementDate,
    lang,
    encoding,
    warnings,
  };
}

/** Readability's article, or null when it finds none or fails on the page (the caller falls back). */
function runReadability(doc: Document, warnings: string[]): Article | null {
  try {
    return new Readability(doc, { maxElemsToParse: maxReadabilityElements }).parse();
  } catch (error) {
    if (error instanceof RangeError) throw error;
    warnings.push(`article extraction failed (${libraryMessage(error)})`);
    return null;
  }
}

/**
 * The authors, as a list: the page's structured data (JSON-LD) names them one by one; else
 * Readability's byline, split into names; else the author meta tag or itemprop=author.
 */
function pickAuthors(source: PageSource, article: Article | null): string[] {
  if (source.structuredAuthors.length > 0) return source.structuredAuthors;
  const byline = article?.byline?.trim().slice(0, 500); // its line breaks separate names from dates and roles
  const fromByline = byline && !webUrl(byline) ? usableAuthors(splitAuthors(byline)) : [];
  return fromByline.length > 0 ? fromByline : source.metaAuthors;
}

/** Title, language, direction, source and date candidates from the page as it was saved. */
function readPageFacts(doc: Document, html: string): PageFacts {
  const meta = (selector: string) => cleanLine(doc.querySelector(selector)?.getAttribute('content'));
  const root = doc.documentElement;
  const lang =
    canonicalLang(root.getAttribute('lang')) ??
    canonicalLang(doc.body?.getAttribute('lang')) ??
    canonicalLang(meta('meta[http-equiv="content-language" i]')) ??
    canonicalLang(meta('meta[property="og:locale"]'));
  return {
    title: cleanLine(doc.title),
    ogTitle: meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]'),
    h1: cleanLine(doc.querySelector('h1')?.textContent),
    lang,
    dir: asDir(root.getAttribute('dir')) ?? asDir(doc.body?.getAttribute('dir')),
    source: readPageSource(doc, html),
  };
}

function asDir(value: string | null | undefined): 'rtl' | 'ltr' | null {
  const lower = value?.trim().toLowerCase();
  return lower === 'rtl' || lower === 'ltr' ? lower : null;
}
