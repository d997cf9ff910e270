// ODT: content.xml walked in document order into a small HTML (headings, paragraphs, lists,
// tables, notes), sanitised; the text is that HTML's text, so what is searched is what is shown.
// meta.xml gives title, author, language and creation date.
import { ArchiveError } from '../../../shared/errors.js';
import { detectDirection } from '../../text/language.js';
import { escapeHtml, textOfHtmlString, withoutNoteReferences, wrapWithDirection } from '../html-text.js';
import { checkTextLimit, cleanLine, documentLanguage, isoDateInUtc, pickTitle } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';
import { sanitizeHtml } from '../sanitize-html.js';
import { keywordList, splitAuthors, usableAuthors, usableTitle } from '../source-facts.js';
import { childElements, decodeXml, findElement, findElements, openZip, readXmlEntry, readZipEntry, xmlText, type XmlElement, type ZipArchive } from '../safe-zip.js';

/** Never visible text: declarations, tracked deletions, comments, index templates, form controls. */
const skipped = new Set([
  'annotation', 'annotation-end', 'bookmark', 'bookmark-end', 'bookmark-start', 'change', 'change-end', 'change-start',
  'desc', 'forms', 'image', 'object', 'object-ole', 'reference-mark', 'reference-mark-end', 'reference-mark-start',
  'sequence-decls', 'soft-page-break', 'tracked-changes', 'user-field-decls', 'variable-decls', 'dde-connection-decls',
  'toc-mark', 'toc-mark-start', 'toc-mark-end', 'alphabetical-index-mark', 'alphabetical-index-mark-start',
  'alphabetical-index-mark-end', 'user-index-mark', 'user-index-mark-start', 'user-index-mark-end',
]);

interface Walk {
  out: string[];
  notes: string[];
  /** Paragraph style name → heading tag, for Title/Subtitle and styles derived from them. */
  headingStyles: Map<string, string>;
  /** > 0 while inside a paragraph: a nested one (in a text box) becomes a line, not a <p> in a <p>. */
  inParagraph: number;
}

function blocks(el: XmlElement, w: Walk): void {
  for (const child of el.children) if (typeof child !== 'string') block(child, w);
}

function block(el: XmlElement, w: Walk): void {
  const name = el.name;
  if (skipped.has(name) || name.endsWith('-source')) return;
  switch (name) {
    case 'h': {
      const level = Math.min(6, Math.max(1, Number.parseInt(el.attrs['outline-level'] ?? '1', 10) || 1));
      paragraph(el, `h${level}`, w);
      return;
    }
    case 'p':
      paragraph(el, w.headingStyles.get(el.attrs['style-name'] ?? '') ?? 'p', w);
      return;
    case 'list':
      w.out.push('<ul>');
      for (const item of childElements(el)) {
        if (item.name !== 'list-item' && item.name !== 'list-header') continue;
        w.out.push('<li>');
        blocks(item, w);
        w.out.push('</li>');
      }
      w.out.push('</ul>');
      return;
    case 'table':
      w.out.push('<table>');
      rows(el, w);
      w.out.push('</table>');
      return;
    case 'frame':
      frame(el, w);
      return;
    default:
      // Sections, index bodies, text boxes, frames, groups: their paragraphs are the content.
      blocks(el, w);
  }
}

function rows(el: XmlElement, w: Walk): void {
  for (const child of childElements(el)) {
    if (child.name === 'table-header-rows' || child.name === 'table-rows' || child.name === 'table-row-group') rows(child, w);
    else if (child.name === 'table-row') {
      w.out.push('<tr>');
      for (const cell of childElements(child, 'table-cell')) {
        const span = (attr: string, html: string): string => {
          const n = Number.parseInt(cell.attrs[attr] ?? '1', 10);
          return n > 1 && n < 1000 ? ` ${html}="${n}"` : '';
        };
        w.out.push(`<td${span('number-columns-spanned', 'colspan')}${span('number-rows-spanned', 'rowspan')}>`);
        blocks(cell, w);
        w.out.push('</td>');
      }
      w.out.push('</tr>');
    }
  }
}

function paragraph(el: XmlElement, tag: string, w: Walk): void {
  if (w.inParagraph > 0) {
    w.out.push('<br>');
    inline(el, w);
    w.out.push('<br>');
    return;
  }
  w.out.push(`<${tag}>`);
  w.inParagraph++;
  inline(el, w);
  w.inParagraph--;
  w.out.push(`</${tag}>`);
}

function inline(el: XmlElement, w: Walk): void {
  for (const child of el.children) {
    if (typeof child === 'string') {
      w.out.push(escapeHtml(child));
      continue;
    }
    const name = child.name;
    if (skipped.has(name) || name.endsWith('-source')) continue;
    switch (name) {
      case 's': {
        // text:s is c literal spaces; HTML would collapse all but one.
        const count = Math.min(1000, Math.max(1, Number.parseInt(child.attrs.c ?? '1', 10) || 1));
        w.out.push(' ' + '\u00a0'.repeat(count - 1));
        break;
      }
      case 'tab':
        w.out.push('\t');
        break;
      case 'line-break':
        w.out.push('<br>');
        break;
      case 'a': {
        const href = child.attrs.href;
        w.out.push(href ? `<a href="${escapeHtml(href)}">` : '<a>');
        inline(child, w);
        w.out.push('</a>');
        break;
      }
      case 'note':
        note(child, w);
        break;
      case 'frame':
        frame(child, w);
        break;
      case 'text-box':
      case 'g':
        // Text boxes and grouped shapes hold whole paragraphs (and draw:image, which is skipped).
        blocks(child, w);
        break;
      case 'list':
      case 'table':
      case 'h':
      case 'p':
        block(child, w);
        break;
      default:
        // Spans, fields (dates, page numbers, references), ruby, meta: their text is the content.
        inline(child, w);
    }
  }
}

/**
 * A frame (an image, a text box): its svg:title and svg:desc, the image's description, become an
 * image placeholder the sanitiser turns into searchable "[description]" text (as docx and HTML
 * alt text do); then the paragraphs it holds.
 */
function frame(el: XmlElement, w: Walk): void {
  const said = childElements(el)
    .filter((c) => c.name === 'title' || c.name === 'desc')
    .map((c) => cleanLine(xmlText(c)))
    .filter((t, i, all): t is string => t !== null && all.indexOf(t) === i);
  if (said.length > 0) w.out.push(`<img src="" alt="${escapeHtml(said.join(': '))}">`);
  blocks(el, w);
}

/** A foot/endnote: its citation stays in the text as <sup>, its body goes to the notes at the end. */
function note(el: XmlElement, w: Walk): void {
  const citation = cleanLine(xmlText(findElement(el, 'note-citation') ?? { name: '', attrs: {}, children: [] })) ?? '*';
  w.notes.push(''); // reserve the number before nested notes take theirs
  const index = w.notes.length - 1;
  w.out.push(`<sup><a href="#note-${index + 1}">${escapeHtml(citation)}</a></sup>`);
  const body = findElement(el, 'note-body');
  if (!body) return;
  const inner: Walk = { ...w, out: [], inParagraph: 0 };
  blocks(body, inner);
  const html = inner.out.join('').replace(/^<p>/, `<p><sup>${escapeHtml(citation)}</sup> `);
  w.notes[index] = html.startsWith('<p>') ? html : `<p><sup>${escapeHtml(citation)}</sup></p>${html}`;
}

/** Paragraph styles that are, or derive (through automatic styles) from, Title and Subtitle. */
function headingStyles(content: XmlElement): Map<string, string> {
  const parent = new Map<string, string>();
  const automatic = findElement(content, 'automatic-styles');
  for (const style of automatic ? childElements(automatic, 'style') : []) {
    if (style.attrs.name && style.attrs['parent-style-name']) parent.set(style.attrs.name, style.attrs['parent-style-name']);
  }
  const map = new Map<string, string>([
    ['Title', 'h1'],
    ['Subtitle', 'h2'],
  ]);
  for (const name of parent.keys()) {
    let current: string | undefined = name;
    for (let depth = 0; current !== undefined && depth < 10; depth++) {
      const tag = map.get(current);
      if (tag) {
        map.set(name, tag);
        break;
      }
      current = parent.get(current);
    }
  }
  return map;
}

function checkNotEncrypted(zip: ZipArchive): void {
  // ODF encryption keeps the zip readable but encrypts content.xml; the manifest says so.
  const manifest = readZipEntry(zip, 'META-INF/manifest.xml');
  if (manifest && /encryption-data/.test(decodeXml(manifest))) {
    throw new ArchiveError('encrypted', 'the document is password-protected');
  }
}

/** Parses an OpenDocument text (.odt): content.xml as text and sanitised HTML, meta.xml as metadata. */
export const parseOdt: Parser = async (bytes, ctx) => {
  const zip = openZip(bytes, ctx.limits);
  const mimetype = readZipEntry(zip, 'mimetype');
  const type = mimetype ? new TextDecoder().decode(mimetype).trim() : null;
  if (type && !type.startsWith('application/vnd.oasis.opendocument.text')) {
    throw new ArchiveError('unsupported', `an OpenDocument ${type.replace(/^.*opendocument\./, '')}, not a text document`);
  }
  checkNotEncrypted(zip);
  const content = readXmlEntry(zip, 'content.xml');
  if (!content) throw new ArchiveError('corrupt', 'not an OpenDocument file (no content.xml)');
  const office = findElement(content, 'body');
  const textRoot = office ? (childElements(office, 'text')[0] ?? office) : null;
  if (!textRoot) throw new ArchiveError('corrupt', 'content.xml has no document body');

  const walk: Walk = { out: [], notes: [], headingStyles: headingStyles(content), inParagraph: 0 };
  blocks(textRoot, walk);
  if (walk.notes.length > 0) walk.out.push(`<hr>${walk.notes.join('')}`);
  const html = sanitizeHtml(walk.out.join(''));
  const body = textOfHtmlString(withoutNoteReferences(html));
  checkTextLimit(body.text.length, ctx.limits);

  const meta = readXmlEntry(zip, 'meta.xml');
  const officeMeta = meta ? findElement(meta, 'meta') : null;
  const field = (name: string): string | null => {
    const el = officeMeta && findElement(officeMeta, name);
    return el ? cleanLine(xmlText(el)) : null;
  };
  const lang = documentLanguage(field('language'), body.text);
  // Templates and converters fill the title with a file or template name: not a title.
  const title = usableTitle(field('title'), ctx.path);
  const subjectRaw = field('subject') ?? field('description');
  const subject = subjectRaw && subjectRaw !== title ? usableTitle(subjectRaw, ctx.path) : null;
  const keywords = keywordList(officeMeta ? findElements(officeMeta, 'keyword').map((k) => cleanLine(xmlText(k))) : []);
  return {
    ...emptyDocument(),
    title: pickTitle(title, body),
    text: body.text,
    html: body.text === '' ? null : wrapWithDirection(html, detectDirection(body.text), lang),
    // initial-creator wrote it; dc:creator is whoever saved it last.
    authors: usableAuthors(splitAuthors(field('initial-creator') ?? field('creator'))),
    sourceMeta: { ...(subject ? { subject } : {}), ...(keywords.length > 0 ? { keywords } : {}) },
    publishedAt: isoDateInUtc(field('creation-date')) ?? isoDateInUtc(field('date')),
    lang,
    warnings: body.text === '' ? ['no text found in the document'] : [],
  };
};
