// PDF parser: pdf.js text layer page by page, in logical reading order, NFKC-normalised, with the
// Arabic lam-alef repair (pdf-arabic.ts). Pure: bytes in, ParsedDocument out.
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, type PDFDocumentLoadingTask, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ArchiveError } from '../../../shared/errors.js';
import { mirrorReversedBrackets } from './pdf-bidi.js';
import { advancing, hasGlyphIdControls, readGlyphIdControls, withoutRedrawnGlyph } from './pdf-glyph-repairs.js';
import type { SourceMetadata } from '../../../shared/dto.js';
import { checkInputSize, checkTextLimit, documentLanguage, isoDateKeepingOffset, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type ParseContext, type ParsedDocument, type Parser } from '../parsed-document.js';
import { keywordList, splitAuthors, usableAuthors, usableTitle } from '../source-facts.js';
import { readFormText } from './pdf-forms.js';
import { createScanReader } from '../ocr/pdf-scans.js';
import { scanTitle } from '../ocr/ocr-text.js';
import { outOfTimeWarning } from '../page-hooks.js';
import {
  anyLamLigatureSwapped,
  detectLamAlefSwap,
  detectLamLigatureSwap,
  lamAlefVariants,
  lamLigatureVariants,
  repairArabicSpacing,
  repairLamAlef,
  repairLamLigatures,
  type LamAlefSwap,
  type LamLigatureSwap,
} from './pdf-arabic.js';

// Without the CMaps and standard font data pdf.js finds no text in CID-keyed fonts (a LibreOffice
// Arabic PDF yields nothing). Plain paths: pdf.js reads them with fs in Node, never the network.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const cMapUrl = path.join(pdfjsRoot, 'cmaps') + path.sep;
const standardFontDataUrl = path.join(pdfjsRoot, 'standard_fonts') + path.sep;

export const noTextLayerWarning = 'no text layer: this PDF is a scanned image; only its title and your notes are searchable';

type TextContentItem = Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number];

/** A text item placed in its own baseline frame: u along the baseline, v across it. */
interface Placed {
  str: string;
  u0: number;
  u1: number;
  v: number;
  size: number;
  /** Baseline direction, rounded, so that rotated text is not merged with upright text. */
  angle: number;
  eol: boolean;
  /** A whitespace item came just before this one in the content stream. */
  spaceBefore: boolean;
}

interface Line {
  text: string;
  size: number;
  v: number;
  angle: number;
}

const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_CHAR = /[\p{L}\p{Nd}]/u;

function place(item: TextContentItem): Placed | null {
  if (!('str' in item)) return null;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform as number[];
  const scale = Math.hypot(a, b) || 1;
  const [dx, dy] = [a / scale, b / scale];
  const u0 = e * dx + f * dy;
  const size = Math.hypot(c, d) || item.height || 1;
  return {
    str: readGlyphIdControls(item.str),
    u0,
    u1: u0 + Math.abs(item.width),
    v: f * dx - e * dy,
    size,
    angle: Math.round(Math.atan2(dy, dx) * 100),
    eol: item.hasEOL,
    spaceBefore: false,
  };
}

/** One visual line: its items in stream order and the whitespace items drawn on it. */
interface LineGroup {
  items: Placed[];
  /** Whitespace items, by position: a re-sorted (right-to-left) line takes its spaces from them. */
  spaces: Placed[];
}

/**
 * Items of one visual line, grouped in stream order: a new line after hasEOL or at a baseline
 * jump of over half the type size (superscripts stay on their line). Whitespace-only items are
 * set apart; they mark a space before the next item, or lie between two items by position.
 */
function groupLines(items: Placed[]): LineGroup[] {
  const lines: LineGroup[] = [];
  let current: Placed[] = [];
  let spaces: Placed[] = [];
  let first: Placed | null = null;
  let ended = false;
  let space = false;
  for (const item of items) {
    if (item.str.trim() === '') {
      space ||= item.str !== '';
      ended ||= item.eol && current.length > 0;
      if (item.str !== '' && first && Math.abs(item.v - first.v) <= 0.5 * first.size) spaces.push(item);
      continue;
    }
    if (first && (ended || item.angle !== first.angle || Math.abs(item.v - first.v) > 0.5 * Math.max(item.size, first.size))) {
      lines.push({ items: current, spaces });
      current = [];
      spaces = [];
      space = false;
    }
    if (current.length === 0) first = item;
    const last = current.at(-1);
    const str = last && Math.abs(item.v - last.v) < 0.1 * item.size ? withoutRedrawnGlyph(last, item, RTL_CHAR.test(item.str)) : item.str;
    if (str.trim() === '') continue; // fake bold: only the copy of the last glyph
    // Without its redrawn first glyph, the item starts where the previous one ends.
    const u0 = str === item.str ? item.u0 : Math.min(last!.u1, item.u1 - ((item.u1 - item.u0) * advancing(str)) / advancing(item.str));
    current.push({ ...item, str, u0, spaceBefore: space && current.length > 0 });
    space = false;
    ended = item.eol;
  }
  if (current.length > 0) lines.push({ items: current, spaces });
  return lines;
}

/**
 * Puts a line's items in logical order. Each pdf.js item is already logical inside; but writers
 * draw right-to-left lines in visual chunks (LibreOffice, Apple), so a line with Arabic or Hebrew
 * is re-sorted by position and reordered like the bidi algorithm does for whole runs.
 */
function logicalOrder(line: Placed[]): Placed[] {
  const rtl = line.reduce((n, it) => n + (RTL_CHAR.test(it.str) ? it.str.length : 0), 0);
  if (rtl === 0) return line;
  const ltr = line.reduce((n, it) => n + (!RTL_CHAR.test(it.str) && LTR_CHAR.test(it.str) ? it.str.length : 0), 0);
  const visual = [...line].sort((p, q) => p.u0 + p.u1 - (q.u0 + q.u1));
  const kind = (it: Placed): 'R' | 'L' | 'N' => (RTL_CHAR.test(it.str) ? 'R' : LTR_CHAR.test(it.str) ? 'L' : 'N');
  const baseRtl = rtl >= ltr;
  // Runs of the non-base direction (with neutrals between two of their items) keep their order.
  const minor = baseRtl ? 'L' : 'R';
  const runs: Placed[][] = [];
  for (let i = 0; i < visual.length; ) {
    if (kind(visual[i]!) !== minor) {
      runs.push([visual[i]!]);
      i++;
      continue;
    }
    let j = i + 1;
    let end = i + 1;
    while (j < visual.length && kind(visual[j]!) !== (baseRtl ? 'R' : 'L')) {
      if (kind(visual[j]!) === minor) end = j + 1;
      j++;
    }
    runs.push(visual.slice(i, end));
    i = end;
  }
  if (baseRtl) return runs.reverse().flat();
  return runs.flatMap((run) => (kind(run[0]!) === 'R' ? [...run].reverse() : run));
}

/**
 * True where two items meet with Arabic/Hebrew on one side and Latin or digits on the other:
 * writers often hide the space between such runs inside a run's box ("Python من"). A lone
 * Arabic proclitic (و ف ب ل ك) stays attached, as written: وPython.
 */
function scriptBreak(before: string, next: string): boolean {
  const last = /(\S+)$/u.exec(before)?.[1] ?? '';
  const firstWord = /^(\S+)/u.exec(next)?.[1] ?? '';
  const rtlThenLtr = RTL_CHAR.test(last.slice(-1)) && /^[\p{Script=Latin}\p{Nd}]/u.test(firstWord);
  const ltrThenRtl = /[\p{Script=Latin}\p{Nd}]$/u.test(last) && RTL_CHAR.test(firstWord.charAt(0));
  if (rtlThenLtr) return !/^[وفبلك]$/u.test(last);
  if (ltrThenRtl) return !/^[وفبلك]$/u.test(firstWord);
  return false;
}

const mid = (p: Placed): number => (p.u0 + p.u1) / 2;

/**
 * For a re-sorted line: tells whether a whitespace item lies between two of its items that are
 * neighbours by position, so a space narrower than the gap threshold still parts words. Built
 * once per line (sorted centres, binary search): a line of 100,000 items stays fast.
 */
function spacesBetween(line: Placed[], spaces: Placed[]): (prev: Placed, item: Placed) => boolean {
  if (spaces.length === 0) return () => false;
  const rank = new Map([...line].sort((p, q) => mid(p) - mid(q)).map((it, i) => [it, i]));
  const centres = spaces.map(mid).sort((a, b) => a - b);
  return (prev, item) => {
    if (Math.abs(rank.get(prev)! - rank.get(item)!) !== 1) return false;
    const [lo, hi] = [Math.min(mid(prev), mid(item)), Math.max(mid(prev), mid(item))];
    let a = 0;
    let b = centres.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (centres[m]! <= lo) a = m + 1;
      else b = m;
    }
    return a < centres.length && centres[a]! < hi;
  };
}

/** Joins a line's items, with a space where there is a visible gap between two of them. */
function joinLine(items: Placed[], streamOrder: Placed[], spaces: Placed[] = []): string {
  const spaceBetween = items === streamOrder ? () => false : spacesBetween(items, spaces);
  let text = '';
  let prev: Placed | null = null;
  for (const item of items) {
    // Text drawn twice at the same spot (fake bold) is kept once.
    if (prev && item.str === prev.str && Math.abs(item.u0 - prev.u0) < 0.2 * item.size) continue;
    if (prev) {
      const gap = Math.max(prev.u0, item.u0) - Math.min(prev.u1, item.u1);
      const spaced =
        (item.spaceBefore && items === streamOrder) ||
        gap > 0.1 * Math.min(prev.size, item.size) ||
        scriptBreak(text, item.str) ||
        spaceBetween(prev, item);
      if (spaced && !/\s$/u.test(text) && !/^\s/u.test(item.str)) text += ' ';
    }
    text += item.str;
    prev = item;
  }
  return text;
}

/** Normalises one line of extracted text: NFKC, invisible characters, Arabic spacing, spaces. */
function normalisePdfLine(raw: string): string {
  const text = raw
    .normalize('NFKC')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u00AD\uFEFF]/gu, '')
    .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu, ' ')
    .replace(/(\p{M})\1+/gu, '$1'); // a mark drawn twice (fake bold)
  return repairArabicSpacing(text).replace(/ {2,}/gu, ' ').trim();
}

/** The lines of one page, in reading order, cleaned. */
function pageLines(items: readonly TextContentItem[]): Line[] {
  const placed = items.map(place).filter((p): p is Placed => p !== null);
  const lines: Line[] = [];
  for (const { items: group, spaces } of groupLines(placed)) {
    const text = mirrorReversedBrackets(normalisePdfLine(joinLine(logicalOrder(group), group, spaces)));
    if (text === '') continue;
    const size = Math.max(...group.filter((it) => it.str.trim() !== '').map((it) => it.size));
    lines.push({ text, size, v: group[0]!.v, angle: group[0]!.angle });
  }
  return lines;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * A page's text: lines joined by "\n", paragraphs (a larger gap, a size change, a jump up to the
 * next column) by "\n\n"; a word hyphenated across lines is joined (spe-\ncial → special).
 */
function pageText(lines: Line[]): string {
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const step = lines[i - 1]!.v - lines[i]!.v;
    if (step > 0 && step < 3 * lines[i]!.size) steps.push(step);
  }
  const usual = steps.length >= 2 ? median(steps) : 0;
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = lines[i - 1];
    if (!prev) {
      text = line.text;
      continue;
    }
    const step = prev.v - line.v;
    const sizeChange = Math.abs(prev.size - line.size) > 0.15 * Math.max(prev.size, line.size);
    const paragraph =
      line.angle !== prev.angle ||
      step <= 0 ||
      sizeChange ||
      step > Math.max(usual > 0 ? usual * 1.25 + 0.5 : 1.8 * line.size, 1.3 * line.size);
    // A hyphenated word continues on the next line, or at the top of the next column.
    if (line.angle === prev.angle && /\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(line.text)) text = text.slice(0, -1) + line.text;
    else text += (paragraph ? '\n\n' : '\n') + line.text;
  }
  return text;
}

/** A metadata title fit to show (see source-facts.ts): kept here under its old name for callers. */
export { usableTitle };

/** The first lines set in the page's largest type, when larger than the body text; else null. */
function titleFromLines(lines: Line[]): string | null {
  const letters = (s: string): number => s.match(/\p{L}/gu)?.length ?? 0;
  const candidates = lines.filter((l) => letters(l.text) >= 2);
  if (candidates.length === 0) return null;
  const charsBySize = new Map<number, number>();
  for (const l of candidates) {
    const key = Math.round(l.size * 2) / 2;
    charsBySize.set(key, (charsBySize.get(key) ?? 0) + l.text.length);
  }
  const body = [...charsBySize].sort((p, q) => q[1] - p[1])[0]![0];
  const largest = Math.max(...candidates.map((l) => l.size));
  if (largest < body * 1.1) return null;
  const start = lines.findIndex((l) => l.size >= largest - 0.5 && letters(l.text) >= 2);
  const parts: string[] = [];
  for (let i = start; i < lines.length && parts.length < 3 && Math.abs(lines[i]!.size - largest) <= 0.5; i++) parts.push(lines[i]!.text);
  const title = parts.join(' ').replace(/\s+/gu, ' ').trim();
  return title.length > 300 ? title.slice(0, 300).replace(/\s+\S*$/u, '') + '…' : title || null;
}

/** An ISO 8601 date from a PDF date string (D:YYYYMMDDHHmmSSOHH'mm'), keeping its offset, or null. */
export function pdfDateToIso(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz+-])?\s*(\d{2})?'?(\d{2})?'?/u.exec(raw.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h, mi = '00', s = '00', zone, zh = '00', zm = '00'] = m;
  const year = Number(y);
  if (year < 1900 || year > 2200 || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return date;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return date;
  const offset = zone === undefined ? '' : /z/iu.test(zone) || (zh === '00' && zm === '00') ? 'Z' : `${zone}${zh}:${zm}`;
  return `${date}T${h}:${mi}:${s}${offset}`;
}

function metadataString(value: unknown): string | null {
  if (Array.isArray(value)) return metadataString(value.join(', '));
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFKC').replace(/[\u0000-\u001F]/gu, ' ').replace(/\s+/gu, ' ').trim();
  return text === '' ? null : text;
}

/** What a PDF's document info dictionary and XMP packet say about it, without the tools' filler. */
interface DocumentFacts {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  sourceMeta: SourceMetadata;
}

/**
 * Title, authors, creation date, subject and keywords from the XMP packet (Unicode, structured:
 * dc:creator is a list) or else the info dictionary; junk titles, tool and account names as
 * authors, and placeholder dates (1970, 0000, years ahead) are dropped.
 */
function readDocumentFacts(info: Record<string, unknown>, metadata: { get(name: string): unknown } | null, filePath: string): DocumentFacts {
  const xmp = (name: string): unknown => metadata?.get(name);
  const title = usableTitle(xmp('dc:title'), filePath) ?? usableTitle(info['Title'], filePath);
  const creators = xmp('dc:creator');
  const xmpAuthors = usableAuthors((Array.isArray(creators) ? creators : [creators]).flatMap((c) => (typeof c === 'string' ? splitAuthors(c) : [])));
  const authors = xmpAuthors.length > 0 ? xmpAuthors : usableAuthors(splitAuthors(metadataString(info['Author'])));
  const publishedAt =
    isoDateKeepingOffset(pdfDateToIso(info['CreationDate'])) ?? isoDateKeepingOffset(metadataString(xmp('xmp:createdate')));
  const described = xmp('dc:description');
  const subjectRaw = metadataString(info['Subject']) ?? metadataString(Array.isArray(described) ? described[0] : described);
  const subject = subjectRaw && subjectRaw !== title ? usableTitle(subjectRaw, filePath) : null;
  const keywords = keywordList(metadataString(info['Keywords']) ?? xmp('pdf:keywords') ?? xmp('dc:subject'));
  const sourceMeta: SourceMetadata = {};
  if (subject) sourceMeta.subject = subject;
  if (keywords.length > 0) sourceMeta.keywords = keywords;
  return { title, authors, publishedAt, sourceMeta };
}

/** Maps what pdf.js throws while opening a file to an ArchiveError with a clear message. */
function openError(error: unknown): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = libraryMessage((error as { message?: unknown } | null)?.message ?? error);
  if (name === 'PasswordException') {
    return new ArchiveError('encrypted', 'this PDF is password-protected; remove the password (or print it to a new PDF) and import that copy');
  }
  return new ArchiveError('corrupt', `this file is damaged or not a PDF (${message})`);
}

/** What parsePdfDetailed returns: the document and the lam-alef finding the indexer needs. */
export interface PdfParseResult {
  document: ParsedDocument;
  /** Which lam-alef contexts were reversed in the text layer (and repaired); see pdf-arabic.ts. */
  lamAlefSwap: LamAlefSwap;
  /** Which lam-meem/jeem/hah/khah ligatures were reversed (and repaired where spelling settles it). */
  lamLigatureSwap: LamLigatureSwap;
}

/** Parses a PDF and also reports whether its Arabic lam-alef ligatures had to be repaired. */
export async function parsePdfDetailed(bytes: Uint8Array, ctx: ParseContext): Promise<PdfParseResult> {
  checkInputSize(bytes, ctx);
  let task: PDFDocumentLoadingTask | null = null;
  try {
    task = getDocument({
      data: new Uint8Array(bytes), // pdf.js transfers (detaches) the buffer it is given
      cMapUrl,
      cMapPacked: true,
      standardFontDataUrl,
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      useWorkerFetch: false,
      enableXfa: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    const pdf = await task.promise.catch((error: unknown) => {
      throw openError(error);
    });

    const pages: Line[][] = [];
    const warnings: string[] = [];
    const unreadable: number[] = [];
    let chars = 0;
    let controlItems = 0;
    // Pages without a text layer: scans go to OCR (their text by page index), blank pages do not.
    const hooks = ctx.pages;
    const progress = (done: number): void => hooks?.onPage?.({ done, total: pdf.numPages, ocrPages: scans.ocrPages });
    const scans = createScanReader(pdf, hooks, noTextLayerWarning, () => progress(pages.length));
    const ocrText = new Map<number, string>();
    progress(0);
    for (let n = 1; n <= pdf.numPages; n++) {
      if (hooks?.signal?.aborted) throw new ArchiveError('cancelled', 'the import was stopped');
      if (hooks?.outOfTime?.()) {
        warnings.push(outOfTimeWarning(n - 1, pdf.numPages));
        break;
      }
      let lines: Line[] = [];
      try {
        const page = await pdf.getPage(n);
        // Normalisation is done here, not by pdf.js: pdf.js splits ligature glyphs (ﳋ → لخ)
        // before it reverses right-to-left runs, which would reverse their letters.
        const content = await page.getTextContent({ disableNormalization: true });
        for (const item of content.items) if ('str' in item && hasGlyphIdControls(item.str)) controlItems++;
        lines = pageLines(content.items);
        if (lines.length === 0) {
          const read = await scans.read(page);
          if (read.kind === 'ocr') ocrText.set(n - 1, read.text);
        }
        page.cleanup();
      } catch (error) {
        if (error instanceof ArchiveError && error.code === 'cancelled') throw error;
        unreadable.push(n);
      }
      chars += lines.reduce((sum, l) => sum + l.text.length + 2, 0) + (ocrText.get(n - 1)?.length ?? 0);
      checkTextLimit(chars, ctx.limits);
      pages.push(lines);
      progress(pages.length);
    }
    if (unreadable.length === pdf.numPages && pdf.numPages > 0) {
      throw new ArchiveError('corrupt', 'this PDF is damaged: none of its pages could be read');
    }
    if (controlItems > 0) {
      warnings.push(`some glyphs of this PDF have no proper Unicode (control codes in ${controlItems} text run(s)); they were read as spaces, punctuation and digits by the usual font glyph order: check numbers against the original`);
    }
    if (unreadable.length > 0) warnings.push(`${unreadable.length} damaged page(s) could not be read: ${unreadable.slice(0, 10).join(', ')}`);

    // Form values, comments and XFA forms go after each page's own text (pdf-forms.ts).
    const pageTexts = pages.map((lines) => lines.map((l) => l.text).join('\n'));
    const forms = await readFormText(pdf, bytes, pageTexts);
    for (const [i, drop] of forms.dropPageText.entries()) {
      if (!drop) continue;
      pages[i] = [];
      pageTexts[i] = '';
      ocrText.delete(i);
    }
    warnings.push(...forms.warnings);
    checkTextLimit(chars + forms.pages.reduce((sum, t) => sum + t.length + 2, 0), ctx.limits);

    // Lam-alef detection needs the whole document: short pages carry too little evidence.
    const lamAlefSwap = detectLamAlefSwap(pageTexts.join('\n'));
    for (const lines of pages) for (const line of lines) line.text = repairLamAlef(line.text, lamAlefSwap);
    const lamLigatureSwap = detectLamLigatureSwap(pages.map((p) => p.map((l) => l.text).join('\n')).join('\n'));
    for (const lines of pages) for (const line of lines) line.text = repairLamLigatures(line.text, lamLigatureSwap);

    const pageStarts: number[] = [];
    let text = '';
    for (const [index, lines] of pages.entries()) {
      if (pageStarts.length > 0) text += '\n\n';
      pageStarts.push(text.length);
      text += [ocrText.get(index) ?? pageText(lines), forms.pages[index] ?? ''].filter((t) => t !== '').join('\n\n');
    }

    const hasText = /[\p{L}\p{N}]/u.test(text);
    warnings.push(...scans.warnings(pdf.numPages, hasText));
    if (!hasText) {
      text = '';
      pageStarts.fill(0);
    }

    const { info, metadata } = (await pdf.getMetadata().catch(() => ({ info: {}, metadata: null }))) as {
      info: Record<string, unknown>;
      metadata: { get(name: string): unknown } | null;
    };
    const facts = readDocumentFacts(info, metadata, ctx.path);
    const title = facts.title ?? (pages[0] ? titleFromLines(pages[0]) : null) ?? (ocrText.has(0) ? scanTitle(ctx.path) : null);
    const stated = typeof info['Language'] === 'string' ? info['Language'] : null;

    const document: ParsedDocument = {
      ...emptyDocument(),
      title, // from metadata (real Unicode) or from lines repaired above: never repair twice
      text,
      authors: facts.authors,
      publishedAt: facts.publishedAt,
      sourceMeta: facts.sourceMeta,
      lang: documentLanguage(stated, text), // a text-less PDF keeps the stated language: text is '' then
      pages: pdf.numPages,
      pageStarts,
      warnings,
    };
    return { document, lamAlefSwap, lamLigatureSwap };
  } catch (error) {
    throw openError(error);
  } finally {
    // Frees the worker-side document and its caches (fonts, CMaps): memory matters in bulk imports.
    await task?.destroy().catch(() => undefined);
  }
}

/** PDF parser: text per page in reading order, NFKC, lam-alef repair, metadata title/author/date. */
export const parsePdf: Parser = async (bytes, ctx) => {
  const { document, lamAlefSwap, lamLigatureSwap } = await parsePdfDetailed(bytes, ctx);
  const ligatures = anyLamLigatureSwapped(lamLigatureSwap);
  if (!lamAlefSwap.isolated && !lamAlefSwap.final && !ligatures) return document;
  // The repair is right for ~99 % of words; the other readings of ambiguous words are indexed
  // too, so a search still finds the few it got wrong (recall 96 % → 98.7 % on the corpus).
  const variants = new Set<string>();
  for (const word of new Set(document.text.match(/[\u0600-\u06FF]+/gu) ?? [])) {
    if (lamAlefSwap.isolated || lamAlefSwap.final) for (const variant of lamAlefVariants(word)) if (variant !== word) variants.add(variant);
    if (ligatures) for (const variant of lamLigatureVariants(word, lamLigatureSwap)) variants.add(variant);
  }
  return { ...document, hiddenSearchWords: variants.size > 0 ? [...variants].join(' ') : null };
};
