// EPUB: META-INF/container.xml → OPF (metadata, manifest, spine) → XHTML chapters in spine order.
// Chapters are parsed as XML and re-emitted as a small allow-listed HTML (so an XHTML `<title/>` or
// `<a id="x"/>` cannot swallow a chapter when an HTML parser reads it), then sanitised. Nothing a
// chapter references (images, styles, fonts) is read, let alone fetched.
// Also home of the helpers the DOCX and ODT parsers share: HTML → block text, dates, languages, titles.
import { ArchiveError } from '../../../shared/errors.js';
import { detectDirection, detectLanguage, directionOfLanguage } from '../../text/language.js';
import { emptyDocument, type ParseLimits, type Parser } from '../parsed-document.js';
import { sanitizeHtml } from '../sanitize-html.js';
import {
  childElements,
  decodeXml,
  findElement,
  findElements,
  openZip,
  parseXml,
  readZipEntry,
  xmlText,
  type XmlElement,
  type ZipArchive,
} from '../safe-zip.js';

// ---------------------------------------------------------------------------------------------
// Shared helpers (DOCX, ODT, EPUB)

/** Elements that start and end a block of text (a paragraph of `text`). */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'tr', 'ul',
]);
/** Table cells: a row is one block, its cells separated by spaces (as the HTML parser's text does). */
const cellTags = new Set(['td', 'th']);
/** Elements whose content is never visible text. */
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
 * Extracts block-separated text from HTML (meant for sanitizeHtml output; tolerant of any HTML).
 * A tokenizer, not a DOM: ~10x faster than a jsdom parse, and sanitised HTML needs no tree.
 * The "[alt]" placeholders sanitizeHtml leaves for removed images are not text (they break phrases).
 */
export function textFromHtml(html: string): HtmlText {
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
    } else if (hiddenTags.has(name) || (name === 'span' && html.slice(lt, i).includes('data-removed-image'))) {
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

/** Collapses whitespace; null for an empty or missing string. */
export function cleanLine(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** Normalises a stated date to ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp); null if unusable. */
export function isoDate(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, zone] = m;
  // Years before 1000 are placeholders (calibre's 0101-01-01, Windows' 1601-01-01 epoch), not dates.
  if (Number(y) < 1000 || v.startsWith('1601-01-01')) return null;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return null;
  if (d !== undefined && (Number(d) < 1 || Number(d) > 31)) return null;
  if (hh === undefined) return [y, mo, d].filter((x) => x !== undefined).join('-');
  const local = `${y}-${mo}-${d}T${hh}:${mi}:${ss ?? '00'}`;
  if (zone === undefined) return local; // no zone stated: keep the wall-clock time as written
  const ms = Date.parse(`${local}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * The document's language: the stated tag (canonicalised) unless it is missing, undetermined,
 * malformed or contradicted by the text's script (templates say "en" on Arabic books); else
 * detected from the text; null when neither knows.
 */
export function documentLanguage(stated: string | null | undefined, text: string): string | null {
  let tag: string | null = stated?.trim().replace(/_/g, '-') ?? null;
  if (!tag || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) || /^(und|mul|zxx|mis)$/i.test(tag)) tag = null;
  try {
    if (tag) tag = Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    tag = null;
  }
  const direction = directionOfLanguage(tag);
  if (tag && direction !== null && /\p{L}/u.test(text) && direction !== detectDirection(text)) tag = null;
  return tag ?? detectLanguage(text);
}

/** Wraps sanitised HTML in a <div dir lang> so the reader lays it out in the text's direction. */
export function wrapWithTextDirection(html: string, text: string, lang: string | null): string {
  const langAttr = lang ? ` lang="${escapeHtml(lang)}"` : '';
  return `<div dir="${detectDirection(text)}"${langAttr}>${html}</div>`;
}

/** The stated title, else the first heading, else a short first block, else null (the importer decides). */
export function pickTitle(stated: string | null | undefined, body: HtmlText): string | null {
  const title = cleanLine(stated);
  if (title) return title;
  if (body.firstHeading && body.firstHeading.length <= 300) return body.firstHeading;
  const first = body.firstBlock;
  if (first && first.length <= 200 && !first.includes('\n')) return first;
  return null;
}

/** Throws ArchiveError('too-large') when extracted text is over the limit. */
export function checkTextLimit(length: number, limits: ParseLimits): void {
  if (length > limits.maxTextChars) {
    throw new ArchiveError('too-large', `${length} characters of text is over the ${limits.maxTextChars}-character limit`);
  }
}

// ---------------------------------------------------------------------------------------------
// XHTML chapter → allow-listed HTML

/** Kept as they are (attributes filtered); anything not listed here or in dropTags is unwrapped. */
const keptTags = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd',
  'del', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u',
  'ul', 'var',
]);
/** Dropped with everything inside (not text a reader sees, or epub:switch cases we cannot render). */
const dropTags = new Set([
  'audio', 'base', 'button', 'canvas', 'case', 'embed', 'head', 'iframe', 'input', 'link', 'map', 'math', 'meta',
  'noscript', 'object', 'option', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title', 'video',
]);
const renamedTags: Record<string, string> = { center: 'div', big: 'span', tt: 'code', strike: 's', font: 'span' };
const voidTags = new Set(['br', 'hr', 'img']);
const keptAttrs: Record<string, string[]> = { a: ['href'], img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], ol: ['start'] };

function htmlAttrs(el: XmlElement, tag: string): string {
  let out = '';
  for (const name of keptAttrs[tag] ?? []) {
    const value = el.attrs[name];
    if (value !== undefined) out += ` ${name}="${escapeHtml(value)}"`;
  }
  if (el.attrs.lang) out += ` lang="${escapeHtml(el.attrs.lang)}"`; // xml:lang and lang both arrive as "lang"
  if (el.attrs.dir === 'rtl' || el.attrs.dir === 'ltr' || el.attrs.dir === 'auto') out += ` dir="${el.attrs.dir}"`;
  return out;
}

function xhtmlToHtml(el: XmlElement, out: string[], pre = false): void {
  for (const child of el.children) {
    if (typeof child === 'string') {
      // Source indentation is not content; collapsing it keeps the stored HTML small.
      out.push(escapeHtml(pre ? child : child.replace(/\s+/g, ' ')));
      continue;
    }
    const name = child.name.toLowerCase();
    if (dropTags.has(name)) continue;
    const tag = renamedTags[name] ?? (keptTags.has(name) ? name : null);
    if (tag === null) {
      xhtmlToHtml(child, out, pre);
      continue;
    }
    out.push(`<${tag}${htmlAttrs(child, tag)}>`);
    if (voidTags.has(tag)) continue;
    xhtmlToHtml(child, out, pre || tag === 'pre');
    out.push(`</${tag}>`);
  }
}

// ---------------------------------------------------------------------------------------------
// The EPUB container

/** Resolves a manifest href against the OPF's folder to a zip entry name; null for remote or escaping hrefs. */
function resolveHref(baseDir: string, href: string): string | null {
  let path = href.split('#')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep it undecoded: some tools write a literal '%'.
  }
  if (path === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) || path.startsWith('/')) return null;
  const out: string[] = [];
  for (const segment of (baseDir + path).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(segment);
  }
  return out.join('/');
}

/** Finds a zip entry by name, falling back to a case-insensitive match (a common EPUB authoring slip). */
function entryName(zip: ZipArchive, name: string): string | null {
  if (zip.byName.has(name)) return name;
  const lower = name.toLowerCase();
  return zip.entries.find((e) => e.name.toLowerCase() === lower)?.name ?? null;
}

function readXmlEntry(zip: ZipArchive, name: string): XmlElement | null {
  const bytes = readZipEntry(zip, name);
  return bytes ? parseXml(decodeXml(bytes), name) : null;
}

/** Font obfuscation is not DRM: text stays readable. */
const fontObfuscation = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);

function encryptedPaths(zip: ZipArchive): Set<string> {
  const paths = new Set<string>();
  const encryption = zip.byName.has('META-INF/encryption.xml') ? readXmlEntry(zip, 'META-INF/encryption.xml') : null;
  if (!encryption) return paths;
  for (const data of findElements(encryption, 'EncryptedData')) {
    const algorithm = findElement(data, 'EncryptionMethod')?.attrs.Algorithm ?? '';
    const uri = findElement(data, 'CipherReference')?.attrs.URI;
    if (fontObfuscation.has(algorithm) || !uri) continue;
    const path = resolveHref('', uri);
    if (path) paths.add(path);
  }
  return paths;
}

interface OpfMetadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  lang: string | null;
}

function readMetadata(pkg: XmlElement): OpfMetadata {
  const metadata = findElement(pkg, 'metadata') ?? pkg;
  // EPUB 3 states roles and title types in <meta refines="#id" property="…">.
  const refines = new Map<string, Record<string, string>>();
  for (const meta of findElements(metadata, 'meta')) {
    const target = meta.attrs.refines?.replace(/^#/, '');
    const property = meta.attrs.property;
    if (target && property) refines.set(target, { ...refines.get(target), [property]: xmlText(meta).trim() });
  }
  const refined = (el: XmlElement, property: string): string | undefined =>
    el.attrs.id ? refines.get(el.attrs.id)?.[property] : undefined;

  const titles = findElements(metadata, 'title');
  const mainTitle = titles.find((t) => refined(t, 'title-type') === 'main') ?? titles[0];

  const creators = findElements(metadata, 'creator');
  const role = (c: XmlElement): string | undefined => c.attrs.role ?? refined(c, 'role');
  const authors = creators.filter((c) => role(c) === undefined || role(c) === 'aut');
  const names = [...new Set((authors.length > 0 ? authors : creators).map((c) => cleanLine(xmlText(c))).filter((n) => n !== null))];

  const dates = findElements(metadata, 'date');
  const date = dates.find((d) => d.attrs.event === 'publication') ?? dates.find((d) => d.attrs.event === undefined) ?? dates[0];

  const language = findElements(metadata, 'language')[0];
  return {
    title: mainTitle ? cleanLine(xmlText(mainTitle)) : null,
    byline: names.length > 0 ? names.join(', ') : null,
    publishedAt: date ? isoDate(xmlText(date)) : null,
    lang: (language ? cleanLine(xmlText(language)) : null) ?? pkg.attrs.lang ?? null,
  };
}

function findOpf(zip: ZipArchive): string {
  const container = zip.byName.has('META-INF/container.xml') ? readXmlEntry(zip, 'META-INF/container.xml') : null;
  if (container) {
    const rootfiles = findElements(container, 'rootfile');
    const rootfile = rootfiles.find((r) => r.attrs['media-type'] === 'application/oebps-package+xml') ?? rootfiles[0];
    const path = rootfile?.attrs['full-path'];
    const name = path ? entryName(zip, path) : null;
    if (name) return name;
  }
  // No usable container.xml: take the only package document there is.
  const opf = zip.entries.find((e) => e.name.toLowerCase().endsWith('.opf'));
  if (!opf) throw new ArchiveError('corrupt', `not an EPUB (no container.xml pointing to a package document)`);
  return opf.name;
}

const chapterTypes = new Set(['application/xhtml+xml', 'text/html', 'application/x-dtbook+xml']);

/** Renders one chapter as sanitised HTML wrapped in a <section>. */
function chapterHtml(zip: ZipArchive, name: string, warnings: string[]): string {
  const bytes = readZipEntry(zip, name) ?? new Uint8Array(0);
  const source = decodeXml(bytes);
  let doc: XmlElement;
  try {
    doc = parseXml(source, name);
  } catch {
    // Not well-formed XML: fall back to the HTML parser inside the sanitiser.
    warnings.push(`chapter ${name} is not well-formed XHTML; read as HTML`);
    return `<section>${sanitizeHtml(source)}</section>`;
  }
  const root = findElement(doc, 'html');
  const body = (root && findElement(root, 'body')) ?? findElement(doc, 'body') ?? root ?? doc;
  const out: string[] = [];
  xhtmlToHtml(body, out);
  const attrs = htmlAttrs({ name: 'section', attrs: { ...root?.attrs, ...body.attrs }, children: [] }, 'section');
  return sanitizeHtml(`<section${attrs}>${out.join('')}</section>`);
}

/** Parses an EPUB (2 or 3): OPF metadata, spine chapters as text and sanitised HTML. */
export const parseEpub: Parser = async (bytes, ctx) => {
  const zip = openZip(bytes, ctx.limits);
  const opfName = findOpf(zip);
  const opf = readXmlEntry(zip, opfName);
  const pkg = opf && (findElement(opf, 'package') ?? opf);
  if (!pkg) throw new ArchiveError('corrupt', `the package document ${opfName} is missing`);
  const baseDir = opfName.includes('/') ? opfName.slice(0, opfName.lastIndexOf('/') + 1) : '';

  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of findElements(findElement(pkg, 'manifest') ?? pkg, 'item')) {
    if (item.attrs.id && item.attrs.href) {
      manifest.set(item.attrs.id, { href: item.attrs.href, type: item.attrs['media-type'] ?? '', properties: item.attrs.properties ?? '' });
    }
  }
  const isChapter = (item: { href: string; type: string }): boolean =>
    chapterTypes.has(item.type) || (item.type === '' && /\.x?html?$/i.test(item.href));

  let order = childElements(findElement(pkg, 'spine') ?? { name: 'spine', attrs: {}, children: [] }, 'itemref')
    .map((ref) => manifest.get(ref.attrs.idref ?? ''))
    .filter((item) => item !== undefined && isChapter(item));
  if (order.length === 0) {
    // A spine-less EPUB: the manifest's documents in their listed order, without the navigation document.
    order = [...manifest.values()].filter((item) => isChapter(item) && !/\bnav\b/.test(item.properties));
  }

  const warnings: string[] = [];
  const encrypted = encryptedPaths(zip);
  const sections: string[] = [];
  const texts: string[] = [];
  let firstHeading: string | null = null;
  let firstBlock: string | null = null;
  let textLength = 0;
  const seen = new Set<string>();
  for (const item of order) {
    const resolved = item ? resolveHref(baseDir, item.href) : null;
    const name = resolved ? entryName(zip, resolved) : null;
    if (!item || !name) {
      warnings.push(`chapter ${item?.href ?? '?'} is missing from the EPUB`);
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    if (encrypted.has(name)) throw new ArchiveError('encrypted', `the EPUB is DRM-protected (${name} is encrypted)`);
    const section = chapterHtml(zip, name, warnings);
    const chapter = textFromHtml(section);
    if (chapter.text === '') continue;
    sections.push(section);
    texts.push(chapter.text);
    firstHeading ??= chapter.firstHeading;
    firstBlock ??= chapter.firstBlock;
    textLength += chapter.text.length + 2;
    checkTextLimit(textLength, ctx.limits);
  }
  if (seen.size === 0) throw new ArchiveError('corrupt', 'the EPUB has no readable chapters');

  const text = texts.join('\n\n');
  const meta = readMetadata(pkg);
  const lang = documentLanguage(meta.lang, text);
  if (text === '') warnings.push('no text found in the book');
  return {
    ...emptyDocument(),
    title: pickTitle(meta.title, { text, firstHeading, firstBlock }),
    text,
    html: sections.length > 0 ? wrapWithTextDirection(sections.join('\n'), text, lang) : null,
    byline: meta.byline,
    publishedAt: meta.publishedAt,
    lang,
    warnings,
  };
};
