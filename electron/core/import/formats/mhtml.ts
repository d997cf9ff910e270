// Saved web pages in one file (.mhtml/.mht, RFC 2557): a MIME multipart/related message whose
// root part is the page's HTML and whose other parts are its images, styles and frames. The root
// part is decoded (transfer encoding by postal-mime, as for .eml; its charset as a browser
// would) and goes down the normal HTML path with Readability. The other parts are never loaded:
// a cid: reference becomes the address the part was saved from, inert like any image address.
import { ArchiveError } from '../../../shared/errors.js';
import { assertLooksLikeText, assertNotBinary, decodeHtmlBytes } from '../decode-html-bytes.js';
import { checkInputSize } from '../parse-helpers.js';
import type { Parser } from '../parsed-document.js';
import { webUrl } from '../source-facts.js';
import { parseDecodedHtml } from './html.js';
import { headerValue, isMultipart, mediaType, parameter, readPart, splitMultipart, transferDecoded, type Part } from './mime-parts.js';

/** Parses a saved web page archive (.mhtml/.mht); see DESIGN §5. */
export const parseMhtml: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  assertNotBinary(bytes, 'a saved web page (.mhtml)');
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const top = readPart(raw, 0, raw.length);
  if (!top || headerValue(top.headers, 'content-type') === null) {
    throw new ArchiveError('corrupt', 'not a saved web page archive: it does not start with MIME headers (Content-Type: multipart/related …)');
  }
  const parts = isMultipart(top.headers) ? splitMultipart(raw, top) : [top];
  const root = rootPart(top.headers, parts);
  if (!root) throw new ArchiveError('empty', 'the saved page archive holds no HTML page');

  const body = await transferDecoded(bytes, root);
  const decoded = decodeHtmlBytes(body, parameter(headerValue(root.headers, 'content-type'), 'charset'));
  assertLooksLikeText(decoded.text, 'an HTML page');
  // The address the page was saved from: the root part's, else the archive's own (Chrome).
  const savedFrom = webUrl(headerValue(root.headers, 'content-location')) ?? webUrl(headerValue(top.headers, 'snapshot-content-location'));
  const html = withInertPartReferences(decoded.text, parts);
  // html-source.ts reads a browser's "saved from" mark for the page address and its relative links.
  const source = savedFrom ? `<!-- saved from url=(${String(savedFrom.length).padStart(4, '0')})${savedFrom} -->\n${html}` : html;
  return parseDecodedHtml(source, decoded.encoding, decoded.warning ? [decoded.warning] : [], ctx);
};

/** The page: the part the `start` parameter names, else the first text/html part. */
function rootPart(topHeaders: string, parts: Part[]): Part | null {
  const start = parameter(headerValue(topHeaders, 'content-type'), 'start')?.replace(/^<|>$/g, '');
  const named = start ? parts.find((p) => headerValue(p.headers, 'content-id')?.replace(/^<|>$/g, '') === start) : undefined;
  if (named && mediaType(named.headers) === 'text/html') return named;
  return parts.find((p) => mediaType(p.headers) === 'text/html' || mediaType(p.headers) === 'application/xhtml+xml') ?? null;
}

/**
 * The page with each `cid:` reference to one of its parts replaced by the address that part was
 * saved from (an inert address the reader shows, never loads); other cid: references stay and
 * are removed by the sanitiser like any other non-web address.
 */
function withInertPartReferences(html: string, parts: Part[]): string {
  const locations = new Map<string, string>();
  for (const part of parts) {
    const id = headerValue(part.headers, 'content-id')?.replace(/^<|>$/g, '');
    const location = webUrl(headerValue(part.headers, 'content-location'));
    if (id && location) locations.set(id.toLowerCase(), location);
  }
  if (locations.size === 0) return html;
  return html.replace(/cid:([^\s"'<>)]+)/gi, (match, id: string) => locations.get(decodeURIComponentSafe(id).toLowerCase()) ?? match);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
