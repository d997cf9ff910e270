// What a reader typed into a PDF and pdf.js's text layer never shows: AcroForm field values,
// comment annotations (FreeText, sticky notes, comments on highlights …) and filled XFA forms.
// Pure: a pdf.js document in, text per page out.
import { createRequire } from 'node:module';
import path from 'node:path';
import { hasPlaceholder, withoutPlaceholders } from '../duplicate-text.js';
import { getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

// pdf.js AnnotationType numbers (src/shared/util.js).
const widget = 20;
/** Markup annotations whose /Contents is a comment someone wrote (not Link, Popup: its parent's copy, FileAttachment: a file name). */
const commentTypes = new Set([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

/**
 * True for the page Adobe writes into an XFA form for readers that cannot show it ("Please
 * wait… If this message is not eventually replaced…"): the placeholder and at most a few words more.
 */
export function isXfaPlaceholder(text: string): boolean {
  return hasPlaceholder(text) && (withoutPlaceholders(text).match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < 30;
}

/** What readFormText adds to a PDF's pages. */
export interface FormText {
  /** Per page: form values and comments (blocks separated by blank lines), or ''. */
  pages: string[];
  /** Per page: its own text is to be dropped (an XFA form's placeholder page). */
  dropPageText: boolean[];
  warnings: string[];
}

/** One value as a clean line block: NFKC, no control characters, spaces collapsed, blank lines dropped. */
function cleanValue(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw
    .normalize('NFKC')
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F\u00AD\uFEFF]/gu, ' ')
    .split('\n')
    .map((line) => line.replace(/[\s\u00A0]+/gu, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

interface AnnotationData {
  annotationType?: number;
  fieldType?: string;
  fieldValue?: unknown;
  options?: Array<{ exportValue?: unknown; displayValue?: unknown }>;
  contentsObj?: { str?: unknown };
  richText?: { str?: unknown };
  hidden?: boolean;
}

/**
 * What one annotation contributes: a text field's value, a list's selected entries (shown names),
 * a comment's text. Checkboxes and radio buttons give nothing: their export values ("Yes", "Off",
 * "1") say nothing without the label, which is already page text.
 */
function annotationText(a: AnnotationData): string {
  if (a.hidden) return '';
  if (a.annotationType === widget) {
    if (a.fieldType === 'Tx') return cleanValue(Array.isArray(a.fieldValue) ? a.fieldValue.join('\n') : a.fieldValue);
    if (a.fieldType === 'Ch') {
      const selected = (Array.isArray(a.fieldValue) ? a.fieldValue : [a.fieldValue]).filter((v): v is string => typeof v === 'string');
      const shown = selected.map((v) => a.options?.find((o) => o.exportValue === v)?.displayValue ?? v);
      return cleanValue(shown.filter((v) => typeof v === 'string').join('\n'));
    }
    return '';
  }
  if (a.annotationType !== undefined && commentTypes.has(a.annotationType)) return cleanValue(a.contentsObj?.str || a.richText?.str);
  return '';
}

/** The form values and comments of one page, in the order pdf.js lists them, each once. */
async function annotationPage(pdf: PDFDocumentProxy, n: number): Promise<string> {
  const entries: string[] = [];
  try {
    const page = await pdf.getPage(n);
    for (const a of (await page.getAnnotations({ intent: 'display' })) as AnnotationData[]) {
      const text = annotationText(a);
      if (text !== '' && !entries.includes(text)) entries.push(text);
    }
  } catch {
    // A damaged annotation list loses its comments, never the page's text.
  }
  return entries.join('\n\n');
}

/** Pages asked for at once: pdf.js answers each in a round trip, so a long PDF waits on latency, not work. */
const pagesAtOnce = 64;

/** The form values and comments of each of the first `count` pages. */
async function annotationPages(pdf: PDFDocumentProxy, count: number): Promise<string[]> {
  const pages: string[] = [];
  for (let first = 1; first <= count; first += pagesAtOnce) {
    const batch = Array.from({ length: Math.min(pagesAtOnce, count - first + 1) }, (_, i) => annotationPage(pdf, first + i));
    pages.push(...(await Promise.all(batch)));
  }
  return pages;
}

interface XfaNode {
  name?: string;
  value?: unknown;
  attributes?: Record<string, unknown>;
  children?: XfaNode[];
}

/** Elements that start a new line in the text of an XFA page (the rest are inline). */
const xfaBlocks = new Set(['div', 'p', 'br', 'li', 'tr', 'td', 'th', 'table', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The text of one XFA page as a reader sees it filled in: captions and static text, text fields'
 * values, the shown name of a list's selected entry. Check boxes and radio buttons: nothing (see
 * annotationText). pdf.js's own XFA text content leaves every field out.
 */
function xfaPageText(root: XfaNode): string {
  let out = '';
  const walk = (node: XfaNode | undefined): void => {
    if (!node) return;
    const name = node.name ?? '';
    const attrs = node.attributes ?? {};
    if (name === '#text') {
      if (typeof node.value === 'string') out += node.value;
      return;
    }
    if (name === 'textarea') {
      out += `\n${typeof attrs['textContent'] === 'string' ? attrs['textContent'] : ''}\n`;
      return;
    }
    if (name === 'input') {
      if (attrs['type'] === 'text' && typeof attrs['value'] === 'string') out += `\n${attrs['value']}\n`;
      return;
    }
    if (name === 'select') {
      const chosen = (node.children ?? []).filter((o) => o.attributes?.['selected'] === true && typeof o.value === 'string');
      out += `\n${chosen.map((o) => o.value as string).join('\n')}\n`;
      return;
    }
    if (typeof attrs['textContent'] === 'string') out += attrs['textContent'];
    else if (typeof node.value === 'string') out += node.value;
    const block = xfaBlocks.has(name);
    if (block) out += '\n';
    for (const child of node.children ?? []) walk(child);
    if (block) out += '\n';
  };
  walk(root);
  const lines = cleanValue(out).split('\n');
  // Forms repeat a caption in several layers (a header drawn on each subform): keep it once in a row.
  return lines.filter((line, i) => line !== lines[i - 1]).join('\n');
}

/** The pages of a pure XFA form's filled-in text, or null when the PDF is not one (or pdf.js cannot lay it out). */
async function xfaPages(bytes: Uint8Array): Promise<string[] | null> {
  let task: PDFDocumentLoadingTask | null = null;
  try {
    // A second load with XFA on: the main one keeps it off, so the pages stay those the page view draws.
    task = getDocument({
      data: new Uint8Array(bytes),
      enableXfa: true,
      standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      useWorkerFetch: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    const pdf = await task.promise;
    if (!pdf.isPureXfa) return null;
    const html = pdf.allXfaHtml as XfaNode | null;
    if (!html?.children) return null;
    return html.children.map(xfaPageText);
  } catch {
    return null;
  } finally {
    await task?.destroy().catch(() => undefined);
  }
}

/**
 * Text to add to each page of `pdf` (opened from `bytes` with XFA off; `pageTexts` its pages'
 * text, as far as they were read: a long PDF may stop at its time limit): its form values and comments; for a pure XFA form, the filled-in form in place of the
 * placeholder page, XFA page k going to PDF page k (the last page takes the rest: such PDFs
 * usually have one page). A placeholder page is dropped even when the form cannot be read.
 */
export async function readFormText(pdf: PDFDocumentProxy, bytes: Uint8Array, pageTexts: string[]): Promise<FormText> {
  const pages = await annotationPages(pdf, Math.min(pageTexts.length, pdf.numPages));
  const dropPageText = pageTexts.map(isXfaPlaceholder);
  const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
  // With AcroForm fields too, pdf.js shows the PDF's own pages (a hybrid form): the fields have the values.
  const xfa = info['IsXFAPresent'] === true && info['IsAcroFormPresent'] !== true ? await xfaPages(bytes) : null;
  if (xfa === null) {
    const warnings = dropPageText.includes(true)
      ? ['this PDF is an XFA form Khizana cannot read: its "Please wait…" page is left out; open the original in Adobe Reader']
      : [];
    return { pages, dropPageText, warnings };
  }
  const last = Math.max(pages.length - 1, 0);
  const byPage = pages.map(() => [] as string[]);
  xfa.forEach((text, k) => {
    if (text !== '' && byPage.length > 0) byPage[Math.min(k, last)]!.push(text);
  });
  return {
    pages: byPage.map((parts, i) => [...parts, pages[i]].filter((t) => t !== '').join('\n\n')),
    dropPageText: pages.map(() => true), // the PDF's own pages only tell readers without XFA to wait
    warnings: [],
  };
}
