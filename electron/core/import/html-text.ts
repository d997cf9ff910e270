// DOM helpers shared by the HTML and EML parsers: an inert, throwaway parser per file, and the
// block-aware walk that turns (sanitised) HTML into searchable text.
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

/** Elements that start a new paragraph in the text. */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const cellTags = new Set(['td', 'th']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Removes script, style, noscript, form widgets and media from `root` in place. */
export function removeNonContent(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll(nonContentTags.join(',')))) el.remove();
}

/**
 * Text of `root`, one paragraph per block element, separated by "\n\n"; inside a paragraph
 * whitespace is collapsed and <br> becomes "\n". Script/style/etc. content is never included,
 * nor the "[alt]" placeholders the sanitiser leaves for removed images (they break phrases).
 */
export function textOfNode(root: Node): string {
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
      if (nonContent.has(tag) || el.hasAttribute('data-removed-image')) continue;
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
export function assertNotTooDeep(html: string): void {
  if (estimateNestingDepth(html, maxNestingDepth) > maxNestingDepth) {
    throw new ArchiveError('corrupt', `the HTML nests elements more than ${maxNestingDepth} deep; no real page does`);
  }
}

/** Sanitised HTML of `html` (a fragment or a whole page) and the text derived from that sanitised DOM. */
export function sanitizeAndExtract(scope: HtmlScope, html: string): { html: string; text: string } {
  assertNotTooDeep(html);
  // Strip non-content ourselves first: DOMPurify keeps the text of some removed elements (a
  // leading <noscript>, a <textarea>) and we want it neither in the reading view nor the index.
  const doc = scope.parse(html);
  removeNonContent(doc);
  return sanitizeElementContent(scope, doc.body);
}

/** Sanitises the content of `element` and extracts the text of the sanitised result. */
export function sanitizeElementContent(scope: HtmlScope, element: Element): { html: string; text: string } {
  const clean = sanitizeHtml(element.innerHTML);
  return { html: clean, text: textOfNode(scope.parse(clean).body) };
}

/** Wraps sanitised HTML in a <div dir lang> so the reader lays it out in the right direction. */
export function wrapWithDirection(cleanHtml: string, dir: 'rtl' | 'ltr', lang: string | null): string {
  // Both values are from fixed sets or validated tags, but escape anyway: this runs after sanitising.
  const langAttr = lang ? ` lang="${lang.replace(/[^A-Za-z0-9-]/g, '')}"` : '';
  return `<div dir="${dir === 'rtl' ? 'rtl' : 'ltr'}"${langAttr}>${cleanHtml}</div>`;
}
