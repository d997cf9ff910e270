// EPUB: META-INF/container.xml → OPF (metadata, manifest, spine) → XHTML chapters in spine order.
// Chapters are parsed as XML and re-emitted as a small allow-listed HTML (so an XHTML `<title/>` or
// `<a id="x"/>` cannot swallow a chapter when an HTML parser reads it), then sanitised. Nothing a
// chapter references (images, styles, fonts) is read, let alone fetched.
import { ArchiveError } from '../../../shared/errors.js';
import { detectDirection } from '../../text/language.js';
import { escapeHtml, textOfHtmlString, wrapWithDirection } from '../html-text.js';
import { checkTextLimit, cleanLine, documentLanguage, isoDateInUtc, pickTitle } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';
import { sanitizeHtml } from '../sanitize-html.js';
import { isbnOf, usableAuthors } from '../source-facts.js';
import {
  childElements,
  decodeXml,
  findElement,
  findElements,
  openZip,
  parseXml,
  readXmlEntry,
  readZipEntry,
  xmlText,
  type XmlElement,
  type ZipArchive,
} from '../safe-zip.js';

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
  authors: string[];
  publishedAt: string | null;
  lang: string | null;
  publisher: string | null;
  identifier: string | null;
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
  // Each dc:creator is one name (a list of them for several authors): never split one.
  const names = usableAuthors((authors.length > 0 ? authors : creators).map((c) => cleanLine(xmlText(c))));

  const dates = findElements(metadata, 'date');
  const date = dates.find((d) => d.attrs.event === 'publication') ?? dates.find((d) => d.attrs.event === undefined) ?? dates[0];

  const language = findElements(metadata, 'language')[0];
  return {
    title: mainTitle ? cleanLine(xmlText(mainTitle)) : null,
    authors: names,
    publishedAt: date ? isoDateInUtc(xmlText(date)) : null,
    lang: (language ? cleanLine(xmlText(language)) : null) ?? pkg.attrs.lang ?? null,
    publisher: cleanLine(xmlText(findElements(metadata, 'publisher')[0] ?? { name: '', attrs: {}, children: [] }), 300),
    identifier: bookIdentifier(pkg, findElements(metadata, 'identifier'), refined),
  };
}

/**
 * The identifier to cite the book by: an ISBN (stated as one, or checksum-valid) wins; else the
 * package's unique identifier or the first other one, unless it is a tool-made UUID (calibre and
 * Sigil invent one per file: it names no edition).
 */
function bookIdentifier(pkg: XmlElement, identifiers: XmlElement[], refined: (el: XmlElement, property: string) => string | undefined): string | null {
  const value = (el: XmlElement): string => xmlText(el).trim();
  for (const el of identifiers) {
    const scheme = (el.attrs.scheme ?? refined(el, 'identifier-type') ?? '').toLowerCase();
    const isbn = isbnOf(value(el)) ?? (scheme.includes('isbn') || scheme === '15' || scheme === '02' ? cleanLine(value(el).replace(/^urn:isbn:/iu, ''), 40) : null);
    if (isbn) return isbn;
  }
  const unique = identifiers.find((el) => el.attrs.id !== undefined && el.attrs.id === pkg.attrs['unique-identifier']);
  for (const el of unique ? [unique, ...identifiers] : identifiers) {
    const id = cleanLine(value(el), 300);
    if (id && !/^(?:urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(id) && !/^(?:calibre|uuid)[:_]/iu.test(id)) return id;
  }
  return null;
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
    const chapter = textOfHtmlString(section);
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
    html: sections.length > 0 ? wrapWithDirection(sections.join('\n'), detectDirection(text), lang) : null,
    authors: meta.authors,
    publishedAt: meta.publishedAt,
    sourceMeta: { ...(meta.publisher ? { publisher: meta.publisher } : {}), ...(meta.identifier ? { identifier: meta.identifier } : {}) },
    lang,
    warnings,
  };
};
