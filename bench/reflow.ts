// `node --import tsx bench/reflow.ts [--n all|<count>] [--json] [--show 20]`
// How well the reflow rule (electron/shared/reflow.ts) reads hard-wrapped text as paragraphs, on
// the shared corpora and the fixture PDFs (issue 10). For every line break between two non-blank
// lines whose truth is known: "lost" = a real paragraph break the rule joins, "remaining" = a
// wrap it keeps. See bench/README.md ("Reflow").
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parsePdfDetailed } from '../electron/core/import/formats/pdf.js';
import { defaultParseLimits } from '../electron/core/import/parsed-document.js';
import { softBreaks, wrapProfile } from '../electron/shared/reflow.js';
import { readCorpus, repoRoot, type Article } from './corpus.js';
import { round } from './measure.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: 'all' }, json: { type: 'boolean', default: false }, show: { type: 'string', default: '0' } } });
const limit = values.n === 'all' ? null : Number(values.n);
const show = Number(values.show);

/** A text and, for each of its line breaks between two non-blank lines, whether it is a wrap. */
interface Case {
  text: string;
  /** Offset of '\n' → true for a wrap, false for a real paragraph break. */
  truth: Map<number, boolean>;
  /** Breaks left out of the score (a known corpus artefact), still reported apart. */
  aside?: Set<number>;
}

interface Score {
  texts: number;
  /** Texts the rule found hard-wrapped. */
  wrappedTexts: number;
  wraps: number;
  breaks: number;
  /** Real paragraph breaks joined. */
  lost: number;
  /** Wraps kept as line breaks. */
  remaining: number;
  lostPct: number;
  remainingPct: number;
  msPerText: number;
}

function score(cases: Iterable<Case>, examples: { lost: string[]; remaining: string[] } | null = null): Score {
  let texts = 0, wrappedTexts = 0, wraps = 0, breaks = 0, lost = 0, remaining = 0, ms = 0;
  for (const c of cases) {
    texts++;
    const t0 = performance.now();
    const profile = wrapProfile(c.text);
    const joined = new Set(softBreaks(c.text, profile).map((b) => b.at));
    ms += performance.now() - t0;
    if (profile) wrappedTexts++;
    for (const [at, wrap] of c.truth) {
      if (c.aside?.has(at)) continue;
      if (wrap) wraps++;
      else breaks++;
      if (wrap && !joined.has(at)) {
        remaining++;
        if (examples && show > 0) examples.remaining.push(context(c.text, at));
      }
      if (!wrap && joined.has(at)) {
        lost++;
        if (examples && show > 0) examples.lost.push(context(c.text, at));
      }
    }
  }
  if (examples) {
    examples.lost = spread(examples.lost, show);
    examples.remaining = spread(examples.remaining, show);
  }
  return {
    texts,
    wrappedTexts,
    wraps,
    breaks,
    lost,
    remaining,
    lostPct: breaks ? round((100 * lost) / breaks, 2) : 0,
    remainingPct: wraps ? round((100 * remaining) / wraps, 2) : 0,
    msPerText: round(ms / Math.max(1, texts), 3),
  };
}

/** `count` items spread evenly over `all` (examples from the whole corpus, not its first articles). */
function spread<T>(all: T[], count: number): T[] {
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]!);
}

function context(text: string, at: number): string {
  const from = text.lastIndexOf('\n', at - 1) + 1;
  let to = text.indexOf('\n', at + 1);
  if (to < 0) to = text.length;
  return `${text.slice(from, at)}⏎${text.slice(at + 1, to)}`;
}

/** The line breaks between two non-blank lines of `text`, each judged by `isWrap(line before, line after, index of the line before)`. */
function truthOf(text: string, isWrap: (a: string, b: string, index: number) => boolean): Map<number, boolean> {
  const truth = new Map<number, boolean>();
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    at += lines[i]!.length;
    if (lines[i]!.trim() !== '' && lines[i + 1]!.trim() !== '') truth.set(at, isWrap(lines[i]!, lines[i + 1]!, i));
    at += 1;
  }
  return truth;
}

// Reuters-21578 is real 1987 wire copy: wrapped at 64-65 columns, a paragraph starts with 4
// spaces. Its first line is short where the dateline ("NEW YORK, March 3 -") was cut off.
function* reuters(articles: Article[], unindented: boolean): Generator<Case> {
  for (const a of articles) {
    if (!a.source.startsWith('Reuters')) continue;
    const truth = truthOf(a.body, (_, b) => !/^\s/u.test(b));
    const firstBreak = a.body.indexOf('\n');
    const aside = new Set(truth.get(firstBreak) ? [firstBreak] : []);
    if (!unindented) {
      yield { text: a.body, truth, aside };
      continue;
    }
    // The same text with every line's indentation removed: only the short last line is left.
    const lines = a.body.split('\n');
    const stripped = lines.map((l) => l.trimStart());
    const text = stripped.join('\n');
    const moved = new Map<number, boolean>();
    const movedAside = new Set<number>();
    let at = 0, was = 0;
    for (let i = 0; i + 1 < lines.length; i++) {
      at += stripped[i]!.length;
      was += lines[i]!.length;
      if (truth.has(was)) moved.set(at, truth.get(was)!);
      if (aside.has(was)) movedAside.add(at);
      at++;
      was++;
    }
    yield { text, truth: moved, aside: movedAside };
  }
}

/** The article's paragraphs (the corpora without Reuters: one paragraph a line, mostly blank lines between). */
function paragraphsOf(body: string): string[] {
  return body
    .split('\n')
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => p !== '');
}

/** Greedy wrapping at `width` columns, as a mail or wire editor does. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Paragraph-per-line articles laid out again: `width` null keeps one paragraph a line, else each
 * paragraph is wrapped; `separator` goes between paragraphs ('\n' alone is the hardest case).
 */
function* laidOut(articles: Article[], width: number | null, separator: string): Generator<Case> {
  for (const a of articles) {
    if (a.source.startsWith('Reuters')) continue;
    const paragraphs = paragraphsOf(a.body).map((p) => (width === null ? [p] : wrap(p, width)));
    let text = '';
    const truth = new Map<number, boolean>();
    paragraphs.forEach((lines, p) => {
      if (p > 0) {
        if (separator === '\n') truth.set(text.length, false);
        text += separator;
      }
      lines.forEach((line, i) => {
        if (i > 0) {
          truth.set(text.length, true);
          text += '\n';
        }
        text += line;
      });
    });
    yield { text, truth };
  }
}

interface PdfScore {
  file: string;
  pages: number;
  chars: number;
  /** Line breaks between two non-blank lines (paragraph gaps are already blank lines). */
  lineBreaks: number;
  joined: number;
  kept: number;
  /** Kept breaks after a line without a sentence end, before a lower-case word: wraps left, most likely. */
  keptMidSentence: number;
  /** Joined breaks after a sentence end, before a capital: where a lost paragraph break would be. */
  joinedAtSentenceEnd: number;
  /** Pages whose last line ends without a sentence end (a paragraph that runs on to the next page). */
  pagesEndingMidSentence: number;
  /** Scored against pdftotext's geometry (null without pdftotext): breaks it could judge, and ours it could not find. */
  geometry: (Score & { unmatched: number }) | null;
  examples?: { keptMidSentence: string[]; joinedAtSentenceEnd: string[] };
}

/** A line as `pdftotext -bbox-layout` lays it out: its words, and where it starts and ends in its block. */
interface BoxLine {
  words: string[];
  /** Points from the block's start edge (left, or right for Arabic) to the line's start: indentation. */
  indent: number;
  /** Points from the line's end to the block's end edge, as a share of the block's width: a short line. */
  shortness: number;
  /** Whether the line is the first of its block (no line before it to judge the break against). */
  first: boolean;
}

const arabicLetters = /[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;

/** A word reduced for matching: letters and digits, NFKC, lower case (pdftotext writes Arabic words in visual order). */
function matchWord(word: string, visual: boolean): string {
  const logical = visual && arabicLetters.test(word) ? Array.from(word).reverse().join('') : word;
  return logical.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const attr = (tag: string, name: string): number => Number(new RegExp(`${name}="([^"]+)"`).exec(tag)![1]);
const unescapeXml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The PDF's lines by pdftotext's geometry (poppler: an independent reader), or null without pdftotext. */
function boxLines(file: string): BoxLine[] | null {
  let html: string;
  try {
    html = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return null;
  }
  const out: BoxLine[] = [];
  let block = { xMin: 0, xMax: 0 };
  let line: { xMin: number; xMax: number; words: string[] } | null = null;
  let first = true;
  for (const m of html.matchAll(/<block [^>]*>|<line [^>]*>|<word [^>]*>([^<]*)<\/word>|<\/line>/gu)) {
    const tag = m[0];
    if (tag.startsWith('<block')) {
      block = { xMin: attr(tag, 'xMin'), xMax: attr(tag, 'xMax') };
      first = true;
    } else if (tag.startsWith('<line')) line = { xMin: attr(tag, 'xMin'), xMax: attr(tag, 'xMax'), words: [] };
    else if (tag.startsWith('<word') && line) line.words.push(unescapeXml(m[1] ?? ''));
    else if (tag === '</line>' && line) {
      const rtl = line.words.filter((w) => arabicLetters.test(w)).length > line.words.length / 2;
      const width = Math.max(1, block.xMax - block.xMin);
      out.push({
        // Visual order: an Arabic line's words run left to right, so its first word is last.
        words: (rtl ? [...line.words].reverse() : line.words).map((w) => matchWord(w, true)).filter((w) => w !== ''),
        indent: rtl ? block.xMax - line.xMax : line.xMin - block.xMin,
        shortness: (rtl ? line.xMin - block.xMin : block.xMax - line.xMax) / width,
        first,
      });
      first = false;
      line = null;
    }
  }
  return out;
}

/**
 * Truth for the line breaks of our parser's text from pdftotext's geometry: a break before a line
 * that is indented, or after a line that ends short of its block's edge, is a real paragraph
 * break; one between a full line and an unindented line of the same block is a wrap. Breaks whose
 * lines cannot be found in pdftotext's output (or are in between) are left out.
 */
function pdfTruth(text: string, boxes: BoxLine[]): { truth: Map<number, boolean>; unmatched: number } {
  const truth = new Map<number, boolean>();
  let unmatched = 0;
  let k = 0;
  const words = (line: string): string[] => line.split(/\s+/u).map((w) => matchWord(w, false)).filter((w) => w !== '');
  for (const at of truthOf(text, () => true).keys()) {
    const [a, b] = context(text, at).split('⏎') as [string, string];
    const wa = words(a);
    const wb = words(b);
    let found = -1;
    for (let i = k; i < Math.min(boxes.length, k + 400) && found < 0; i++) {
      const box = boxes[i]!;
      if (box.first || box.words.length < 2 || box.words[0] !== wb[0]) continue;
      const pool = [...wb];
      let shared = 0;
      for (const w of box.words) {
        const j = pool.indexOf(w);
        if (j >= 0) {
          shared++;
          pool.splice(j, 1);
        }
      }
      if (shared >= 0.8 * box.words.length && boxes[i - 1]!.words.at(-1) === wa.at(-1)) found = i;
    }
    if (found < 0) {
      unmatched++;
      continue;
    }
    k = found + 1;
    const before = boxes[found - 1]!;
    const after = boxes[found]!;
    const next = boxes[found + 1];
    // A hanging indent (a reference list): the line after is indented as far, so not a first line.
    const hanging = after.indent > 4 && next !== undefined && !next.first && Math.abs(next.indent - after.indent) <= 2;
    if (before.shortness > 0.1 || (after.indent > 4 && !hanging)) truth.set(at, false);
    else if ((after.indent <= 2 || hanging) && before.shortness <= 0.05) truth.set(at, true);
  }
  return { truth, unmatched };
}

async function pdfScores(): Promise<PdfScore[]> {
  const dir = path.resolve(repoRoot, '../shared/fixtures/pdf');
  const out: PdfScore[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    const { document } = await parsePdfDetailed(bytes, { path: file, limits: defaultParseLimits });
    const text = document.text;
    const joined = new Set(softBreaks(text).map((b) => b.at));
    const truth = truthOf(text, () => true);
    const examples = { keptMidSentence: [] as string[], joinedAtSentenceEnd: [] as string[] };
    let keptMidSentence = 0, joinedAtSentenceEnd = 0;
    for (const at of truth.keys()) {
      const [a, b] = context(text, at).split('⏎') as [string, string];
      if (!joined.has(at) && !/[.!?:؟]["”’)]*\s*$/u.test(a) && /^\s*\p{Ll}/u.test(b)) {
        keptMidSentence++;
        if (examples.keptMidSentence.length < show) examples.keptMidSentence.push(`${a}⏎${b}`);
      }
      if (joined.has(at) && /[.!?:؟]["”’)]*\s*$/u.test(a) && /^\s*\p{Lu}/u.test(b)) {
        joinedAtSentenceEnd++;
        if (examples.joinedAtSentenceEnd.length < show) examples.joinedAtSentenceEnd.push(`${a}⏎${b}`);
      }
    }
    const boxes = boxLines(path.join(dir, file));
    let geometry: PdfScore['geometry'] = null;
    if (boxes) {
      const { truth, unmatched } = pdfTruth(text, boxes);
      const ex = { lost: [] as string[], remaining: [] as string[] };
      geometry = { ...score([{ text, truth }], ex), unmatched, ...(show > 0 ? { examples: ex } : {}) };
    }
    const starts = document.pageStarts ?? [0];
    let pagesEndingMidSentence = 0;
    for (let p = 0; p + 1 < starts.length; p++) {
      const page = text.slice(starts[p], starts[p + 1]).trimEnd();
      if (page !== '' && !/[.!?:؟]["”’)]*$/u.test(page)) pagesEndingMidSentence++;
    }
    out.push({
      file,
      pages: starts.length,
      chars: text.length,
      lineBreaks: truth.size,
      joined: joined.size,
      kept: truth.size - joined.size,
      keptMidSentence,
      joinedAtSentenceEnd,
      pagesEndingMidSentence,
      geometry,
      ...(show > 0 ? { examples } : {}),
    });
  }
  return out;
}

const en = await readCorpus('en', limit);
const ar = await readCorpus('ar', limit);
const sample = (s: Score, ex: { lost: string[]; remaining: string[] }) => (show > 0 ? { ...s, examples: ex } : s);
const runs: Record<string, unknown> = {};
const measure = (name: string, cases: Iterable<Case>) => {
  const ex = { lost: [] as string[], remaining: [] as string[] };
  runs[name] = sample(score(cases, ex), ex);
  if (!values.json) console.error(`${name}: done`);
};

measure('en reuters (as wired: indented paragraphs)', reuters(en, false));
measure('en reuters, indentation removed', reuters(en, true));
for (const [lang, articles] of [['en bbc', en], ['ar', ar]] as const) {
  measure(`${lang} one paragraph a line, blank lines between (as stored)`, laidOut(articles, null, '\n\n'));
  measure(`${lang} one paragraph a line, no blank lines`, laidOut(articles, null, '\n'));
  for (const width of [60, 72]) {
    measure(`${lang} wrapped at ${width}, blank lines between`, laidOut(articles, width, '\n\n'));
    measure(`${lang} wrapped at ${width}, no blank lines`, laidOut(articles, width, '\n'));
  }
}
const pdfs = await pdfScores();

const result = { articles: { en: en.length, ar: ar.length }, runs, pdfs };
if (values.json) console.log(JSON.stringify(result));
else {
  const rows = Object.entries(runs).map(([name, s]) => {
    const r = s as Score;
    return `| ${name} | ${r.texts} | ${r.wrappedTexts} | ${r.breaks} | ${r.lost} (${r.lostPct} %) | ${r.wraps} | ${r.remaining} (${r.remainingPct} %) | ${r.msPerText} |`;
  });
  console.log('| text | texts | found wrapped | real breaks (single \\n) | lost | wraps | remaining | ms/text |\n|---|---|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(
    '\n| PDF | pages | line breaks | joined | kept | kept mid-sentence | joined at sentence end | pages ending mid-sentence | by pdftotext geometry: real breaks, lost | wraps, remaining | not judged |\n|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const p of pdfs) {
    const g = p.geometry;
    const geo = g ? `${g.breaks}, ${g.lost} (${g.lostPct} %) | ${g.wraps}, ${g.remaining} (${g.remainingPct} %) | ${p.lineBreaks - g.breaks - g.wraps}` : 'no pdftotext | | ';
    console.log(`| ${p.file} | ${p.pages} | ${p.lineBreaks} | ${p.joined} | ${p.kept} | ${p.keptMidSentence} | ${p.joinedAtSentenceEnd} | ${p.pagesEndingMidSentence} | ${geo} |`);
  }
  if (show > 0) console.log(JSON.stringify({ runs, pdfs }, null, 1));
}
