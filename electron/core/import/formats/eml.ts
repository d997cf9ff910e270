// Email messages (.eml): subject, sender and date as metadata; the plain part (or the
// sanitised HTML part's text) for search; attachments listed so their names are searchable.
import PostalMime, { type Address, type Attachment, type Email } from 'postal-mime';
import type { SourceMetadata } from '../../../shared/dto.js';
import { ArchiveError } from '../../../shared/errors.js';
import { detectDirection, directionOfLanguage } from '../../text/language.js';
import { assertLooksLikeText, assertNotBinary } from '../decode-html-bytes.js';
import { sanitizeAndExtract, tidyText, withHtmlScope, wrapWithDirection } from '../html-text.js';
import { checkInputSize, checkTextLimit, documentLanguage, isoDateKeepingOffset, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';
import { validUtf8WithNonAscii } from '../decode-text.js';
import { headerValue, isMultipart, mediaType, parameter, readPart, splitMultipart, transferDecoded, type Part } from './mime-parts.js';

/** Headers at least one of which every real message carries. */
const messageHeaders = new Set(['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'received', 'content-type', 'return-path', 'sender', 'cc', 'delivered-to']);
/** A header line: a printable-ASCII field name, then a colon (RFC 5322 §2.2). */
const headerLine = /^[\x21-\x39\x3B-\x7E]+[ \t]*:/;
/** Recipients listed per header before "and N more": a mailing list's To: is not content. */
const maxListedRecipients = 20;
/** A plain part this short next to a much longer HTML part is a "view this in HTML" stub. */
const stubPlainChars = 200;

/** Parses an RFC 5322 message (.eml); see DESIGN §5. */
export const parseEml: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  assertNotBinary(bytes, 'an email message');
  const raw = withoutMboxLine(bytes);
  const rawText = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  // Only the header block must be text: a body part may legally be 8-bit or binary.
  const headerEnd = rawText.search(/\r?\n\r?\n/);
  assertLooksLikeText(rawText.slice(0, Math.min(headerEnd === -1 ? Infinity : headerEnd, 64 * 1024)), 'an email message');

  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 64 });
  } catch (error) {
    throw new ArchiveError('corrupt', `not a readable email message (${libraryMessage(error)})`);
  }
  assertHasHeaders(email);

  const warnings: string[] = [];
  const relabelled = await readRelabelledUtf8(raw, rawText, email, warnings);
  const parts = declaredTextParts(rawText, email);
  const htmlPart = email.html ? readHtmlPart(email.html, warnings) : null;
  const plain = parts.plain ? tidyPlain(email.text ?? '') : '';
  const fromHtml = htmlPart !== null && (plain === '' || (plain.length < stubPlainChars && htmlPart.text.length > 3 * plain.length));
  const body = fromHtml ? htmlPart.text : plain;

  const title = oneLine(email.subject);
  const attachments = email.attachments.filter((a) => !a.related);
  if (body === '' && !title && attachments.length === 0) throw new ArchiveError('empty', 'the message holds no text');
  if (body === '') warnings.push('the message has no body text');
  for (const a of email.attachments) {
    if (a.rfc822DepthExceeded) warnings.push(`forwarded message "${a.filename ?? 'unnamed'}" is nested too deeply: its text is not searchable`);
  }

  const text = [headerBlock(email), body, attachmentList(attachments)].filter((s) => s !== '').join('\n\n');
  checkTextLimit(text.length, ctx.limits);

  const contentLanguage = email.headers.find((h) => h.key === 'content-language')?.value.split(',')[0];
  const lang = documentLanguage(contentLanguage, body || title || '');
  const dir = directionOfLanguage(lang) ?? detectDirection(body);
  const charset = (fromHtml ? relabelled.html : relabelled.plain) ? 'utf-8' : fromHtml ? parts.htmlCharset : parts.plainCharset;
  const sender = email.from ? oneLine(mailboxName(email.from)) : null;
  return {
    ...emptyDocument(),
    title,
    text,
    html: htmlPart && htmlPart.html.trim() !== '' ? wrapWithDirection(htmlPart.html, dir, lang) : null,
    authors: sender ? [sender] : [],
    publishedAt: isoDateKeepingOffset(dateHeader(email)),
    sourceMeta: headerFacts(email),
    lang,
    encoding: charset ? decoderName(charset) : null,
    warnings,
  };
};

/**
 * A text part that declares a legacy charset but is valid UTF-8 with non-ASCII bytes is read as
 * UTF-8, as for HTML pages (decode-html-bytes.ts): `email` is corrected in place, with a warning.
 * Only a message's single plain or single HTML part is checked (postal-mime joins several).
 */
async function readRelabelledUtf8(raw: Uint8Array, rawText: string, email: Email, warnings: string[]): Promise<{ plain: boolean; html: boolean }> {
  const done = { plain: false, html: false };
  const top = readPart(rawText, 0, rawText.length);
  if (!top) return done;
  let parts: Part[];
  try {
    parts = isMultipart(top.headers) ? splitMultipart(rawText, top) : [top];
  } catch {
    return done; // postal-mime read it; a missing boundary only means no check
  }
  const inline = parts.filter((p) => !/^attachment/i.test(headerValue(p.headers, 'content-disposition') ?? ''));
  for (const [kind, type] of [['plain', 'text/plain'], ['html', 'text/html']] as const) {
    const ofType = inline.filter((p) => mediaType(p.headers) === type);
    const declared = parameter(headerValue(ofType[0]?.headers ?? '', 'content-type'), 'charset')?.toLowerCase();
    if (ofType.length !== 1 || !declared || /^(?:utf-?8|us-ascii|ascii|utf-16.*)$/.test(declared)) continue;
    const text = validUtf8WithNonAscii(await transferDecoded(raw, ofType[0]!));
    if (text === null) continue;
    if (kind === 'plain') email.text = text;
    else email.html = text;
    done[kind] = true;
    warnings.push(`the ${type} part says ${declared} but is utf-8; decoded as utf-8`);
  }
  return done;
}

/** The Date header as written (postal-mime's `date` is converted to UTC; the stated offset is worth keeping). */
function dateHeader(email: Email): string | undefined {
  return email.headers.find((h) => h.key === 'date')?.value ?? email.date;
}

/** From, To, Cc ("Name <address>" each, group members listed) and Message-ID, for the reader and citations. */
function headerFacts(email: Email): SourceMetadata {
  const meta: SourceMetadata = {};
  const mailboxes = (list: Address[] | undefined): string[] =>
    (list ?? []).flatMap((a) => (a.group ? a.group : [a])).map((a) => oneLine(formatAddress(a))).filter((a): a is string => a !== null).slice(0, 500);
  const from = email.from ? mailboxes([email.from])[0] : undefined;
  if (from) meta.from = from;
  const to = mailboxes(email.to);
  if (to.length > 0) meta.to = to;
  const cc = mailboxes(email.cc);
  if (cc.length > 0) meta.cc = cc;
  const messageId = oneLine(email.messageId);
  if (messageId && messageId.length <= 500) meta.messageId = messageId;
  return meta;
}

/** The sanitised HTML part and its text, or null (with a warning) when it is too hostile to read. */
function readHtmlPart(html: string, warnings: string[]): { html: string; text: string } | null {
  try {
    return withHtmlScope((scope) => sanitizeAndExtract(scope, html));
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    warnings.push(`the HTML part was left out: ${libraryMessage(error)}`);
    return null;
  }
}

/** The message without a leading mbox "From " separator line, which is not a header. */
function withoutMboxLine(bytes: Uint8Array): Uint8Array {
  const isFromSpace = bytes[0] === 0x46 && bytes[1] === 0x72 && bytes[2] === 0x6f && bytes[3] === 0x6d && bytes[4] === 0x20;
  if (!isFromSpace) return bytes;
  const newline = bytes.indexOf(0x0a);
  return newline === -1 ? bytes : bytes.subarray(newline + 1);
}

/** Throws 'corrupt' unless the file starts with real message headers (postal-mime accepts anything). */
function assertHasHeaders(email: Email): void {
  const lines = email.headerLines;
  const valid = lines.filter((h) => headerLine.test(h.line));
  const known = valid.some((h) => messageHeaders.has(h.key));
  if (!known || valid.length < lines.length * 0.8) {
    throw new ArchiveError('corrupt', `not an email message: it does not start with mail headers (From:, Subject:, Date: …)`);
  }
}

/**
 * Which text parts the message declares and their charsets. postal-mime fills `text` from the
 * HTML part when there is no plain part, with a regex conversion we do not want, so we look.
 */
function declaredTextParts(rawText: string, email: Email): { plain: boolean; plainCharset: string | null; htmlCharset: string | null } {
  let plainParts = 0;
  let plainCharset: string | null = null;
  let htmlCharset: string | null = null;
  for (const match of rawText.matchAll(/^content-type:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim)) {
    const value = (match[1] ?? '').replace(/\r?\n[ \t]/g, ' ');
    const type = value.split(';')[0]?.trim().toLowerCase();
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1]?.toLowerCase() ?? null;
    if (type === 'text/plain') {
      plainParts++;
      plainCharset ??= charset;
    } else if (type === 'text/html') {
      htmlCharset ??= charset;
    }
  }
  // No Content-Type at all means text/plain (RFC 2045 §5.2); a .txt attachment is not a body.
  const hasTopType = email.headers.some((h) => h.key === 'content-type');
  const plainAttachments = email.attachments.filter((a) => a.mimeType === 'text/plain').length;
  return { plain: !hasTopType || plainParts > plainAttachments, plainCharset, htmlCharset };
}

/** Plain-text body with line ends unified, trailing spaces gone and runs of blank lines made one. */
function tidyPlain(text: string): string {
  return tidyText(text.replace(/\r\n?/g, '\n').replace(/\u0000/g, ''));
}

/** "From:", "To:" and "Cc:" lines, so correspondents are searchable and shown with a plain-text body. */
function headerBlock(email: Email): string {
  const lines: string[] = [];
  if (email.from) lines.push(`From: ${formatAddress(email.from)}`);
  for (const [label, list] of [['To', email.to], ['Cc', email.cc]] as const) {
    if (!list || list.length === 0) continue;
    const shown = list.slice(0, maxListedRecipients).map(formatAddress);
    const more = list.length > maxListedRecipients ? ` and ${list.length - maxListedRecipients} more` : '';
    lines.push(`${label}: ${shown.join(', ')}${more}`);
  }
  return lines.map(oneLine).filter((l) => l !== null).join('\n');
}

/** One "Attachments:" paragraph, one line per file: name, type and size. */
function attachmentList(attachments: Attachment[]): string {
  if (attachments.length === 0) return '';
  const lines = attachments.map((a) => {
    const name = oneLine(a.filename) ?? 'unnamed';
    const size = typeof a.content === 'string' ? a.content.length : a.content.byteLength;
    return `- ${name} (${a.mimeType}, ${formatSize(size)})`;
  });
  return ['Attachments:', ...lines].join('\n');
}

function formatAddress(address: Address): string {
  if (address.group) return `${address.name}: ${address.group.map(formatAddress).join(', ')}`;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function mailboxName(address: Address): string {
  return address.group ? address.name : address.name || address.address;
}

/** `value` on one line with control characters removed, or null when nothing is left. */
function oneLine(value: string | null | undefined): string | null {
  const text = value?.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** The encoding postal-mime's TextDecoder really used for a declared charset (iso-8859-1 → windows-1252). */
function decoderName(charset: string): string {
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    return charset;
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
