// HTML helpers shared by the parsers: an inert, throwaway DOM parser per file (HTML, EML), the two
// block-aware extractors that turn sanitised HTML into searchable text, and the reader's wrapper.
import { JSDOM } from 'jsdom';
import { ArchiveError } from '../../shared/errors.js';
import { sanitizeHtml } from './sanitize-html.js';

/** Parses HTML into documents that all live in one throwaway jsdom window. */
export interface HtmlScope {
  parse(html: string): Document;
}

/**
 * Runs `work` with a parser whose documents have no browsing context: scripts never run, frames
 * never load a nested window and nothing is fetched (about 2.5× faster than `new JSDOM(html)` on
 * big pages, mostly because each <iframe> would build a window). The window is closed afterwards:
 * jsdom remembers every element with an id in a per-window map, so one window shared by every
 * file would keep every page in memory. `work` must return plain data, never DOM nodes.
 */
export function withHtmlScope<T>(work: (scope: HtmlScope) => T): T {
  // Default options on purpose: no runScripts, no resources (DESIGN §6).
  const { window } = new JSDOM('');
  const parser = new window.DOMParser();
  try {
    return work({ parse: (html) => parser.parseFromString(html, 'text/html') });
  } finally {
    window.close();
  }
}

/** Elements whose content is never readable text (code, styling, form widgets, embedded media). */
const nonContentTags = [
  'script', 'style', 'noscript', 'template', 'head', 'title', 'textarea', 'select', 'option', 'datalist',
  'button', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas', 'audio', 'video',
];
const nonContent = new Set(nonContentTags);

/** Elements that start a new paragraph in the text (both extractors). */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
/** Table cells: a row is one paragraph, its cells separated by spaces. */
const cellTags = new Set(['td', 'th']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Removes script, style, noscript, form widgets and media from `root` in place. */
export function removeNonContent(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll(nonContentTags.join(',')))) el.remove();
}

/**
 * Text of a parsed DOM `root`, one paragraph per block element, separated by "\n\n"; inside a
 * paragraph all whitespace (no-break spaces too) is collapsed and <br> becomes "\n".
 * Script/style/etc. content is never included. The "[alt]" placeholders the sanitiser leaves
 * for removed images are, where they stand: the reader shows them, so search finds and marks
 * them at the same place (issue 13). For HTML and EML, which have a DOM already;
 * see textOfHtmlString for the formats that do not.
 */
export function textOfDomNode(root: Node): string {
  const out: string[] = [];
  // Iterative walk: a hostile page nests tens of thousands of elements and would overflow the stack.
  const stack: Array<{ node: Node; pre: boolean } | string> = [{ node: root, pre: false }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { node, pre } = item;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const data = (node as CharacterData).data;
      out.push(pre ? data.replace(/\r\n?/g, '\n') : data.replace(/\s+/g, ' '));
      continue;
    }
    if (node !== root && node.nodeType !== ELEMENT_NODE) continue; // comments, processing instructions
    let inPre = pre;
    let after = '';
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const tag = el.localName;
      if (nonContent.has(tag)) continue;
      if (tag === 'br') {
        out.push('\n');
        continue;
      }
      if (blockTags.has(tag)) {
        out.push('\n\n');
        after = '\n\n';
      } else if (cellTags.has(tag)) {
        out.push(' ');
        after = ' ';
      }
      inPre = pre || tag === 'pre' || tag === 'listing' || tag === 'xmp';
    }
    if (after) stack.push(after);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, pre: inPre });
  }
  return tidyText(out.join(''));
}

/** Collapses whitespace inside paragraphs and joins non-empty paragraphs with "\n\n". */
export function tidyText(raw: string): string {
  return raw
    .split(/[ \t\f\v\u00A0]*\n(?:[ \t\f\v\u00A0]*\n)+/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** Elements whose content the tokenizer skips up to their end tag: never visible text. */
const hiddenTags = new Set([
  'head', 'iframe', 'math', 'noembed', 'noframes', 'noscript', 'object', 'script', 'select', 'style', 'svg', 'template',
  'textarea', 'title', 'xmp',
]);
const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  lrm: '\u200e', rlm: '\u200f', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', laquo: '\u00ab', raquo: '\u00bb',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', copy: '\u00a9', reg: '\u00ae', deg: '\u00b0',
  middot: '\u00b7', bull: '\u2022', times: '\u00d7',
};

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return namedEntities[body] ?? match;
  });
}

/** Text of an HTML string by blocks, plus the first heading and first block (for titles). */
export interface HtmlText {
  /** Blocks separated by "\n\n"; `<br>` becomes "\n"; whitespace collapsed except in `<pre>`. */
  text: string;
  firstHeading: string | null;
  firstBlock: string | null;
}

/**
 * Extracts block-separated text from an HTML string (meant for sanitizeHtml output; tolerant of
 * any HTML), keeping no-break spaces as written. A tokenizer, not a DOM: ~10x faster than a
 * jsdom parse, which DOCX, ODT and EPUB never need otherwise. The "[alt]" placeholders
 * sanitizeHtml leaves for removed images are text where they stand, as in textOfDomNode.
 */
export function textOfHtmlString(html: string): HtmlText {
  const blocks: string[] = [];
  let firstHeading: string | null = null;
  let parts: string[] = [];
  const open: string[] = []; // open block elements, innermost last
  let preDepth = 0;

  const flush = (): void => {
    if (parts.length === 0) return;
    const raw = parts.join('');
    parts = [];
    const text =
      preDepth > 0
        ? raw.replace(/^\n+|\s+$/g, '')
        : raw
            .split('\n')
            .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
            .join('\n')
            .replace(/^\n+|\n+$/g, '')
            .replace(/\n{3,}/g, '\n\n');
    if (text === '') return;
    const owner = open[open.length - 1];
    if (firstHeading === null && owner !== undefined && /^h[1-6]$/.test(owner)) firstHeading = text.replace(/\s+/g, ' ');
    blocks.push(text);
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > i) {
      const t = decodeEntities(html.slice(i, textEnd));
      parts.push(preDepth > 0 ? t : t.replace(/[ \t\n\r\f]+/g, ' '));
    }
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        const end = html.indexOf('>', lt);
        i = end === -1 ? html.length : end + 1;
      } else {
        parts.push('<');
        i = lt + 1;
      }
      continue;
    }
    // Find the end of the tag, skipping quoted attribute values (they may contain '>').
    let j = lt + m[0].length;
    let quote = '';
    for (; j < html.length; j++) {
      const ch = html[j];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    const selfClosing = html[j - 1] === '/';
    i = j + 1;
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    if (closing) {
      if (cellTags.has(name)) parts.push(' ');
      else if (blockTags.has(name)) {
        flush();
        const at = open.lastIndexOf(name);
        if (at !== -1) open.length = at;
        if (name === 'pre' && preDepth > 0) preDepth--;
      }
    } else if (hiddenTags.has(name)) {
      if (!selfClosing) {
        const closer = new RegExp(`</${name}[\\s>]`, 'gi');
        closer.lastIndex = i;
        const end = closer.exec(html)?.index ?? -1;
        const gt = end === -1 ? -1 : html.indexOf('>', end);
        i = gt === -1 ? html.length : gt + 1;
      }
    } else if (name === 'br') {
      parts.push('\n');
    } else if (cellTags.has(name)) {
      parts.push(' ');
    } else if (blockTags.has(name)) {
      flush();
      if (name !== 'hr' && !selfClosing) {
        open.push(name);
        if (name === 'pre') preDepth++;
      }
    }
  }
  flush();
  return { text: blocks.join('\n\n'), firstHeading, firstBlock: blocks[0] ?? null };
}

/** A note reference as docx.ts and odt.ts write it: `<sup><a href="#footnote-1">[1]</a></sup>`. */
const noteReference = /<sup><a href="#(?:footnote|endnote|note)-[^"]*">[^<]*<\/a><\/sup>/g;

/** HTML without its note reference markers: "word[1] next" must still match the phrase "word next". */
export function withoutNoteReferences(html: string): string {
  return html.replace(noteReference, '');
}

/** Escapes text for use in HTML content or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Void elements and those whose end tag is optional: the parser never nests them in themselves. */
const notNesting = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption',
  'rb', 'rt', 'rp', 'html', 'head', 'body', 'image',
]);
/** Elements whose content is raw text up to their end tag. */
const rawTextTags = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'plaintext']);

/**
 * How deeply the elements of `html` nest, estimated from the source in one linear pass without
 * building a DOM (at most 2× under the real depth). jsdom, DOMPurify and Readability all slow
 * down quadratically with depth, so a hostile page is refused or simplified before parsing.
 */
export function estimateNestingDepth(html: string, stopAt = Infinity): number {
  const source = html.toLowerCase(); // once: tag names and end-tag searches are case-insensitive
  const tag = /<(\/?)([a-z][^\s/<>]*)[^<>]*?(\/?)>|<!--/g;
  const open: string[] = [];
  const openCount = new Map<string, number>();
  let foreign = 0;
  let max = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(source)) !== null) {
    if (match[0] === '<!--') {
      const end = source.indexOf('-->', tag.lastIndex);
      if (end === -1) break;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = match[2]!;
    if (match[1]) {
      // An end tag closes the innermost open element of that name (and all inside it); a stray one is ignored.
      if ((openCount.get(name) ?? 0) === 0) continue;
      const at = open.lastIndexOf(name);
      for (const closed of open.splice(at)) openCount.set(closed, (openCount.get(closed) ?? 1) - 1);
      if (name === 'svg' || name === 'math') foreign = Math.max(0, foreign - 1);
      continue;
    }
    if (rawTextTags.has(name)) {
      const end = source.indexOf(`</${name}`, tag.lastIndex);
      if (end === -1) break;
      tag.lastIndex = end;
      continue;
    }
    if (notNesting.has(name) || (match[3] && foreign > 0)) continue; // "/>" only closes inside svg/math
    if (name === 'svg' || name === 'math') foreign++;
    open.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (open.length > max) max = open.length;
    if (max > stopAt) break;
  }
  return max;
}

/** Deeper than this the HTML is refused: parsing alone would take seconds (browsers stop nesting at 512). */
export const maxNestingDepth = 1000;

/** Throws ArchiveError('corrupt') when `html` nests elements deeper than any real page does. */
function assertNotTooDeep(html: string): void {
  if (estimateNestingDepth(html, maxNestingDepth) > maxNestingDepth) {
    throw new ArchiveError('corrupt', `the HTML nests elements more than ${maxNestingDepth} deep; no real page does`);
  }
}

/**
 * Sanitised HTML of `html` (a fragment or a whole page) and the text derived from that sanitised
 * DOM; relative links and image sources are resolved against `baseUrl` when given.
 */
export function sanitizeAndExtract(scope: HtmlScope, html: string, baseUrl: string | null = null): { html: string; text: string } {
  assertNotTooDeep(html);
  // Strip non-content ourselves first: DOMPurify keeps the text of some removed elements (a
  // leading <noscript>, a <textarea>) and we want it neither in the reading view nor the index.
  const doc = scope.parse(html);
  removeNonContent(doc);
  return sanitizeElementContent(scope, doc.body, baseUrl);
}

/** Sanitises the content of `element` (links resolved against `baseUrl`) and extracts the text of the result. */
export function sanitizeElementContent(scope: HtmlScope, element: Element, baseUrl: string | null = null): { html: string; text: string } {
  const clean = sanitizeHtml(element.innerHTML, baseUrl);
  return { html: clean, text: textOfDomNode(scope.parse(clean).body) };
}

/** Wraps sanitised HTML in a <div dir lang> so the reader lays it out in the right direction. */
export function wrapWithDirection(cleanHtml: string, dir: 'rtl' | 'ltr', lang: string | null): string {
  // Both values are from fixed sets or validated tags, but escape anyway: this runs after sanitising.
  const langAttr = lang ? ` lang="${lang.replace(/[^A-Za-z0-9-]/g, '')}"` : '';
  return `<div dir="${dir === 'rtl' ? 'rtl' : 'ltr'}"${langAttr}>${cleanHtml}</div>`;
}
