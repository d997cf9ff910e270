// Rich Text Format (.rtf): rtf-stream-parser's tokenizer (groups, control words, \'hh bytes,
// \bin data), and here what a reader needs on top: which bytes are text in which code page
// (\ansicpg, each font's \fcharset: Arabic Word RTF writes \'hh bytes in cp1256), \uN with its
// \ucN fallback skipped, destinations that are not text (font and colour tables, pictures,
// field instructions, headers), paragraphs, table cells, notes, and \info's title and author.
import iconv from 'iconv-lite';
import { Tokenize } from 'rtf-stream-parser';
import { ArchiveError } from '../../../shared/errors.js';
import { tidyText } from '../html-text.js';
import { checkInputSize, checkTextLimit, cleanLine, documentLanguage } from '../parse-helpers.js';
import { emptyDocument, type ParsedDocument, type Parser } from '../parsed-document.js';
import { keywordList, splitAuthors, usableAuthors, usableTitle } from '../source-facts.js';

/** A token as rtf-stream-parser's tokenizer emits it (its typings do not export the type). */
interface Token {
  type: number;
  /** Control word, or the symbol of a control symbol (' for \'hh). */
  word?: string;
  /** Text bytes, the byte of \'hh, or \bin data. */
  data?: Buffer;
  param?: number;
}

// rtf-stream-parser's token types (a const enum in its typings).
const GROUP_START = 0;
const GROUP_END = 1;
const TEXT = 3;

/** Windows code page of each RTF \fcharset (RTF 1.9.1 spec, "Font table"). */
const charsetCodePages: Record<number, number> = {
  0: 1252, 77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258,
  177: 1255, 178: 1256, 179: 1256, 180: 1256, 181: 1255, 186: 1257, 204: 1251, 222: 874, 238: 1250, 254: 437, 255: 850,
};

/** Destinations that are never body text. */
const skippedDestinations = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'pict', 'objdata',
  'fldinst', 'datafield', 'themedata', 'colorschememapping', 'latentstyles', 'datastore', 'xmlnstbl', 'filetbl', 'mmathPr',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'xe', 'tc', 'bkmkstart', 'bkmkend',
  'pgdsctbl', 'shpinst', 'nonshppict', 'private', 'userprops', 'docvar', 'template', 'background', 'listtext', 'pntext', 'pntxta', 'pntxtb',
]);
/** \info fields kept as metadata. */
const infoFields = new Set(['title', 'author', 'subject', 'keywords', 'operator']);

/** Control words that stand for one character. */
const symbols: Record<string, string> = {
  tab: '\t', line: '\n', emdash: '\u2014', endash: '\u2013', emspace: '\u2003', enspace: '\u2002', qmspace: '\u2005',
  bullet: '\u2022', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c', rdblquote: '\u201d', '~': '\u00a0', _: '\u2011',
  '\\': '\\', '{': '{', '}': '}', zwj: '\u200d', zwnj: '\u200c', ltrmark: '\u200e', rtlmark: '\u200f', cell: '\t',
};
/** Control words that end a paragraph. */
const breaks = new Set(['par', 'sect', 'page', 'row', 'column']);

interface GroupState {
  /** What the group's text goes to: the body, a note, an \info field, or nowhere. */
  sink: 'body' | 'note' | 'skip' | 'info';
  info: string | null;
  font: number | null;
  uc: number;
  /** Inside the font table (\fN there defines font N instead of choosing it). */
  inFontTable: boolean;
  /** Inside the font table: the font being described. */
  fontEntry: number | null;
}

interface Output {
  body: string[];
  notes: string[][];
  info: Map<string, string[]>;
}

/** Parses an RTF document into plain text; see DESIGN §5. */
export const parseRtf: Parser = async (bytes, ctx) => {
  checkInputSize(bytes, ctx);
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16)).toString('latin1');
  if (!/^\s*\{\\rtf/.test(head)) throw new ArchiveError('corrupt', 'not an RTF document (it does not start with {\\rtf)');
  const doc = rtfDocument(readRtf(tokens(bytes)), ctx.path);
  checkTextLimit(doc.text.length, ctx.limits);
  return doc;
};

/** Every token of the file, by rtf-stream-parser's tokenizer run synchronously. */
function tokens(bytes: Uint8Array): Token[] {
  const out: Token[] = [];
  const tokenizer = new Tokenize();
  tokenizer.push = (token: unknown): boolean => {
    if (token) out.push(token as Token);
    return true;
  };
  const fail = (error?: unknown): void => {
    if (error) throw new ArchiveError('corrupt', `not a readable RTF document (${error instanceof Error ? error.message : String(error)})`);
  };
  tokenizer._transform(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), undefined, fail);
  tokenizer._flush(() => undefined);
  return out;
}

/** Walks the tokens with a stack of group states, decoding text in the code page in force. */
function readRtf(all: Token[]): Output {
  const out: Output = { body: [], notes: [], info: new Map() };
  const fontCodePages = new Map<number, number>();
  let documentCodePage = 1252;
  let defaultFont: number | null = null;
  const stack: GroupState[] = [];
  let state: GroupState = { sink: 'body', info: null, font: null, uc: 1, inFontTable: false, fontEntry: null };
  let skipFallback = 0; // fallback characters after \uN still to skip
  let pendingBytes: number[] = []; // \'hh bytes, decoded together (double-byte code pages)
  let firstInGroup = false; // the next token is the first of a group (where destinations are named)
  let optionalDestination = false; // the group started with \*

  const codePage = (): number => {
    const font = state.font ?? defaultFont;
    return (font !== null ? fontCodePages.get(font) : undefined) ?? documentCodePage;
  };
  const target = (): string[] | null => {
    if (state.sink === 'body') return out.body;
    if (state.sink === 'note') return out.notes.at(-1) ?? null;
    if (state.sink === 'info' && state.info) {
      const list = out.info.get(state.info) ?? [];
      out.info.set(state.info, list);
      return list;
    }
    return null;
  };
  const emit = (text: string): void => {
    if (text !== '') target()?.push(text);
  };
  const flushBytes = (): void => {
    if (pendingBytes.length === 0) return;
    emit(decodeBytes(Buffer.from(pendingBytes), codePage()));
    pendingBytes = [];
  };

  for (const token of all) {
    const wasFirst = firstInGroup;
    firstInGroup = false;
    if (token.type === GROUP_START) {
      flushBytes();
      stack.push(state);
      state = { ...state };
      skipFallback = 0;
      firstInGroup = true;
      optionalDestination = false;
      continue;
    }
    if (token.type === GROUP_END) {
      flushBytes();
      state = stack.pop() ?? state;
      skipFallback = 0;
      continue;
    }
    if (token.type === TEXT) {
      let data = token.data ?? Buffer.alloc(0);
      if (skipFallback > 0) {
        const skipped = Math.min(skipFallback, data.length);
        skipFallback -= skipped;
        data = data.subarray(skipped);
      }
      if (data.length === 0) continue;
      flushBytes();
      emit(decodeBytes(data, codePage()).replace(/[\r\n]/g, ''));
      continue;
    }
    const word = token.word ?? '';
    if (word === "'") {
      if (skipFallback > 0) {
        skipFallback--;
        continue;
      }
      if (token.data && token.data.length > 0) pendingBytes.push(token.data[0]!);
      continue;
    }
    flushBytes();
    if (word === '*') {
      optionalDestination = true; // the destination's name follows
      continue;
    }
    const param = token.param;
    // A destination is named by the group's first control word (after \* for optional ones).
    if (wasFirst || optionalDestination) {
      const destination = startDestination(word, state);
      const optional = optionalDestination;
      optionalDestination = false;
      if (destination !== null) {
        state = destination;
        if (word === 'footnote') out.notes.push([]);
        continue;
      }
      // An unknown destination marked \* is to be ignored (RTF spec).
      if (optional) {
        state = { ...state, sink: 'skip' };
        continue;
      }
    }
    if (skipFallback > 0) skipFallback = 0; // a control word ends the fallback text
    switch (word) {
      case 'ansicpg':
        if (param !== undefined && param > 0) documentCodePage = param;
        continue;
      case 'mac':
        documentCodePage = 10000;
        continue;
      case 'pc':
        documentCodePage = 437;
        continue;
      case 'pca':
        documentCodePage = 850;
        continue;
      case 'deff':
        defaultFont = param ?? null;
        continue;
      case 'f':
        if (state.inFontTable) state.fontEntry = param ?? 0;
        else state.font = param ?? null;
        continue;
      case 'fcharset': {
        // Charset 0 (ANSI) and 1 (default) mean the document's code page.
        const page = charsetCodePages[param ?? 0];
        if (state.inFontTable && state.fontEntry !== null && page !== undefined && (param ?? 0) > 1) fontCodePages.set(state.fontEntry, page);
        continue;
      }
      case 'cpg':
        if (state.inFontTable && state.fontEntry !== null && param) fontCodePages.set(state.fontEntry, param);
        continue;
      case 'plain':
        state.font = null;
        continue;
      case 'uc':
        state.uc = Math.max(0, param ?? 1);
        continue;
      case 'u': {
        const code = param ?? 0;
        emit(String.fromCharCode(code < 0 ? code + 65536 : code));
        skipFallback = state.uc;
        continue;
      }
      case 'bin':
        continue; // its data is in the token, never text
      default:
        if (breaks.has(word)) emit('\n\n');
        else if (symbols[word] !== undefined) emit(symbols[word]);
    }
  }
  flushBytes();
  return out;
}

/** The state for a group whose first control word is `word`, or null when it is an ordinary group. */
function startDestination(word: string, state: GroupState): GroupState | null {
  if (word === 'fonttbl') return { ...state, sink: 'skip', inFontTable: true, fontEntry: null };
  if (word === 'info') return { ...state, sink: 'skip', info: null };
  if (infoFields.has(word)) return { ...state, sink: 'info', info: word };
  if (word === 'footnote') return { ...state, sink: 'note' };
  if (skippedDestinations.has(word)) return { ...state, sink: 'skip' };
  if (word === 'fldrslt') return state.sink === 'skip' ? null : { ...state };
  return null;
}

function decodeBytes(bytes: Buffer, codePage: number): string {
  const name = `cp${codePage}`;
  return iconv.encodingExists(name) ? iconv.decode(bytes, name) : bytes.toString('latin1');
}

function rtfDocument(out: Output, filePath: string): ParsedDocument {
  const paragraphs = (parts: string[]): string => tidyText(parts.join('').replace(/\t/g, ' ').replace(/\u0000/g, ''));
  const body = paragraphs(out.body);
  const notes = out.notes.map(paragraphs).filter((n) => n !== '');
  const text = [body, ...notes].filter((s) => s !== '').join('\n\n');
  const info = (name: string): string | null => cleanLine(out.info.get(name)?.join(''));
  const title = usableTitle(info('title'), filePath);
  const keywords = keywordList(info('keywords'));
  const subject = info('subject');
  return {
    ...emptyDocument(),
    title,
    text,
    authors: usableAuthors(splitAuthors(info('author'))),
    sourceMeta: { ...(subject && subject !== title ? { subject } : {}), ...(keywords.length > 0 ? { keywords } : {}) },
    lang: documentLanguage(null, text),
    warnings: text === '' ? ['no text found in the document'] : [],
  };
}
