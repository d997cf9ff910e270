// MIME parts of a message read straight from its bytes: header blocks, multipart bodies split at
// their boundaries, a part's body with its transfer encoding undone (by postal-mime). For what
// postal-mime does not give: an .mhtml's root part, and the undecoded bytes of a text part.
import PostalMime from 'postal-mime';
import { ArchiveError } from '../../../shared/errors.js';
import { libraryMessage } from '../parse-helpers.js';

/** One MIME part: its header block (as latin1 text) and where its body lies in the file. */
export interface Part {
  headers: string;
  bodyStart: number;
  bodyEnd: number;
}

/** Parts read from one file at most (a saved page has one per image, style and frame). */
const maxParts = 10_000;

/** The header block starting at `start` and the body after it, or null when there is no blank line ending it. */
export function readPart(raw: string, start: number, end: number): Part | null {
  const blank = /\r?\n\r?\n/g;
  blank.lastIndex = start;
  const found = blank.exec(raw);
  if (!found || found.index >= end) return null;
  return { headers: raw.slice(start, found.index), bodyStart: found.index + found[0].length, bodyEnd: end };
}

/** The value of header `name` (first occurrence, folded lines joined), or null. */
export function headerValue(headers: string, name: string): string | null {
  const match = new RegExp(`^${name}[ \\t]*:[ \\t]*([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(headers);
  const value = match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
  return value ? value : null;
}

/** A parameter of a structured header value (boundary, charset, start), quoted or not. */
export function parameter(value: string | null, name: string): string | null {
  if (!value) return null;
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match?.[1] ?? match?.[2] ?? null;
}

export function mediaType(headers: string): string {
  return (headerValue(headers, 'content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
}

export function isMultipart(headers: string): boolean {
  return mediaType(headers).startsWith('multipart/');
}

/** The parts between the boundary lines of a multipart body (nested multiparts are split too). */
export function splitMultipart(raw: string, whole: Part, depth = 0): Part[] {
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

/** The part's body with its Content-Transfer-Encoding (base64, quoted-printable) undone, by postal-mime. */
export async function transferDecoded(bytes: Uint8Array, part: Part): Promise<Uint8Array> {
  const encoding = headerValue(part.headers, 'content-transfer-encoding') ?? '7bit';
  // A one-part message of an opaque type: postal-mime hands its content back as bytes, undecoded by any charset.
  const header = Buffer.from(`Content-Type: application/octet-stream\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: ${encoding.replace(/[^\w-]/g, '')}\r\n\r\n`, 'latin1');
  const message = Buffer.concat([header, bytes.subarray(part.bodyStart, part.bodyEnd)]);
  try {
    const email = await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer' });
    const content = email.attachments[0]?.content;
    return content instanceof ArrayBuffer ? new Uint8Array(content) : new Uint8Array(0);
  } catch (error) {
    throw new ArchiveError('corrupt', `a MIME part cannot be read (${libraryMessage(error)})`);
  }
}
