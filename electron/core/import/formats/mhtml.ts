// Saved web pages in one file (.mhtml/.mht, RFC 2557): a MIME multipart/related message whose
// root part is the page's HTML and whose other parts are its images, styles and frames. The root
// part is decoded (transfer encoding by postal-mime, as for .eml; its charset as a browser
// would) and goes down the normal HTML path with Readability. The other parts are never loaded:
// a cid: reference becomes the address the part was saved from, inert like any image address.
import PostalMime from 'postal-mime';
import { ArchiveError } from '../../../shared/errors.js';
import { assertLooksLikeText, assertNotBinary, decodeHtmlBytes } from '../decode-html-bytes.js';
import { checkInputSize, libraryMessage } from '../parse-helpers.js';
import type { Parser } from '../parsed-document.js';
import { webUrl } from '../source-facts.js';
import { parseDecodedHtml } from './html.js';

/** One MIME part: its header block (as latin1 text) and where its body lies in the file. */
interface Part {
  headers: string;
  bodyStart: number;
  bodyEnd: number;
}

/** Parts read from one file at most (a saved page has one per image, style and frame). */
const maxParts = 10_000;

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

/** The header block starting at `start` and the body after it, or null when there is no blank line ending it. */
function readPart(raw: string, start: number, end: number): Part | null {
  const blank = /\r?\n\r?\n/g;
  blank.lastIndex = start;
  const found = blank.exec(raw);
  if (!found || found.index >= end) return null;
  return { headers: raw.slice(start, found.index), bodyStart: found.index + found[0].length, bodyEnd: end };
}

/** The value of header `name` (first occurrence, folded lines joined), or null. */
function headerValue(headers: string, name: string): string | null {
  const match = new RegExp(`^${name}[ \\t]*:[ \\t]*([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(headers);
  const value = match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
  return value ? value : null;
}

/** A parameter of a structured header value (boundary, charset, start), quoted or not. */
function parameter(value: string | null, name: string): string | null {
  if (!value) return null;
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match?.[1] ?? match?.[2] ?? null;
}

function mediaType(headers: string): string {
  return (headerValue(headers, 'content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
}

function isMultipart(headers: string): boolean {
  return mediaType(headers).startsWith('multipart/');
}

/** The parts between the boundary lines of a multipart body (nested multiparts are split too). */
function splitMultipart(raw: string, whole: Part, depth = 0): Part[] {
  const boundary = parameter(headerValue(whole.headers, 'content-type'), 'boundary');
  if (!boundary) throw new ArchiveError('corrupt', 'the saved page archive is multipart but names no boundary');
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  let at = raw.indexOf(delimiter, whole.bodyStart);
  while (at !== -1 && at < whole.bodyEnd && parts.length < maxParts) {
    const lineEnd = raw.indexOf('\n', at);
    if (raw.startsWith('--', at + delimiter.length) || lineEnd === -1) break; // the closing delimiter
    let next = raw.indexOf(`\n${delimiter}`, lineEnd);
    if (next === -1 || next > whole.bodyEnd) next = whole.bodyEnd; // a truncated file: keep what is there
    const bodyEnd = raw[next - 1] === '\r' ? next - 1 : next;
    const part = readPart(raw, lineEnd + 1, bodyEnd);
    if (part) {
      if (isMultipart(part.headers) && depth < 8) parts.push(...splitMultipart(raw, part, depth + 1));
      else parts.push(part);
    }
    at = next === whole.bodyEnd ? -1 : next + 1;
  }
  return parts;
}

/** The page: the part the `start` parameter names, else the first text/html part. */
function rootPart(topHeaders: string, parts: Part[]): Part | null {
  const start = parameter(headerValue(topHeaders, 'content-type'), 'start')?.replace(/^<|>$/g, '');
  const named = start ? parts.find((p) => headerValue(p.headers, 'content-id')?.replace(/^<|>$/g, '') === start) : undefined;
  if (named && mediaType(named.headers) === 'text/html') return named;
  return parts.find((p) => mediaType(p.headers) === 'text/html' || mediaType(p.headers) === 'application/xhtml+xml') ?? null;
}

/** The part's body with its Content-Transfer-Encoding (base64, quoted-printable) undone, by postal-mime. */
async function transferDecoded(bytes: Uint8Array, part: Part): Promise<Uint8Array> {
  const encoding = headerValue(part.headers, 'content-transfer-encoding') ?? '7bit';
  // A one-part message of an opaque type: postal-mime hands its content back as bytes, undecoded by any charset.
  const header = Buffer.from(`Content-Type: application/octet-stream\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: ${encoding.replace(/[^\w-]/g, '')}\r\n\r\n`, 'latin1');
  const message = Buffer.concat([header, bytes.subarray(part.bodyStart, part.bodyEnd)]);
  try {
    const email = await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer' });
    const content = email.attachments[0]?.content;
    return content instanceof ArrayBuffer ? new Uint8Array(content) : new Uint8Array(0);
  } catch (error) {
    throw new ArchiveError('corrupt', `the saved page archive's HTML part cannot be read (${libraryMessage(error)})`);
  }
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
