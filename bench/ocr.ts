// OCR quality and cost (issue 13): `node --import tsx bench/ocr.ts [--json]` (or `npm run bench -- --ocr`).
//
// The sample Arabic article (../shared/samples/idlib-ar.txt) and an English news article are
// rendered to A4 PDFs by Chromium and rasterised by poppler's pdftoppm at 300 and 150 dpi. Each
// image is read by the same OCR engine the import uses, and compared with the text it was made
// from: character error rate (edit distance / reference length) raw (NFKC, whitespace collapsed)
// and after the search analyzer's normalisation (its `exact` forms, joined by spaces), seconds
// per page on this machine, and peak memory (RSS of this process, tesseract's thread included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseImage } from '../electron/core/import/formats/image.js';
import { parsePdf } from '../electron/core/import/formats/pdf.js';
import { createOcrEngine } from '../electron/core/import/ocr/ocr-engine.js';
import type { OcrEngine } from '../electron/core/import/ocr/ocr-text.js';
import { defaultParseLimits } from '../electron/core/import/parsed-document.js';
import { analyze } from '../electron/core/text/analyzer.js';
import { buildPdf, rasterisePage, rasteriseToPng, renderTextPdf } from '../test/support/scan-fixtures.js';
import { articleText, readCorpus, repoRoot } from './corpus.js';
import { MemoryPeak, round } from './measure.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

/** Levenshtein distance over code points, two rows. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length]!;
}

const rawForm = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
const analysedForm = (text: string): string => analyze(text).map((t) => t.exact).join(' ');
const cer = (reference: string, read: string): number => editDistance(reference, read) / [...reference].length;

interface Row {
  case: string;
  languages: string;
  cerRaw: number;
  cerAnalysed: number;
  seconds: number;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-bench-ocr-'));
const memory = new MemoryPeak();
const rows: Row[] = [];
try {
  const arabic = fs.readFileSync(path.resolve(repoRoot, '../shared/samples/idlib-ar.txt'), 'utf8').trim();
  const arPdf = await renderTextPdf(arabic, path.join(dir, 'ar.pdf'), { rtl: true });
  // The first English article of 1,200–2,400 characters that renders to exactly one page.
  const pageCount = (pdf: string) => Number(/\/Count (\d+)/u.exec(fs.readFileSync(pdf, 'latin1'))?.[1] ?? 0);
  let english = '';
  const enPdf = path.join(dir, 'en.pdf');
  for (const article of (await readCorpus('en', 400)).filter((a) => articleText(a).length >= 1200 && articleText(a).length <= 2400).slice(0, 10)) {
    english = articleText(article);
    if (pageCount(await renderTextPdf(english, enPdf, { rtl: false })) === 1) break;
  }
  if (pageCount(arPdf) !== 1 || pageCount(enPdf) !== 1) throw new Error('a sample page rendered to more than one page');
  const png = (pdf: string, dpi: number) => new Uint8Array(fs.readFileSync(rasteriseToPng(pdf, dpi, path.join(dir, `${path.basename(pdf, '.pdf')}-${dpi}`))));

  // "per page": what the import uses (Arabic, else English when tesseract is not confident);
  // "ara+eng": both languages loaded together in one worker, for comparison.
  const engines = new Map<string, OcrEngine>();
  const engine = (languages: string): OcrEngine => {
    if (!engines.has(languages)) engines.set(languages, languages === 'per page' ? createOcrEngine() : createOcrEngine([languages.split('+')]));
    return engines.get(languages)!;
  };
  const measure = async (name: string, reference: string, languages: string, read: (ocr: OcrEngine) => Promise<string>) => {
    const ocr = engine(languages);
    if (languages !== 'per page') await ocr.recognize(png(enPdf, 72)).catch(() => ''); // start the worker outside the timing
    const started = performance.now();
    const text = await read(ocr);
    const seconds = (performance.now() - started) / 1000;
    memory.sample();
    rows.push({
      case: name,
      languages,
      cerRaw: round(100 * cer(rawForm(reference), rawForm(text)), 2),
      cerAnalysed: round(100 * cer(analysedForm(reference), analysedForm(text)), 2),
      seconds: round(seconds, 1),
    });
    if (!values.json) console.log(rows.at(-1));
  };
  const ctx = (ocr: OcrEngine, file: string) => ({ path: file, limits: defaultParseLimits, pages: { ocr } });

  const ar300 = png(arPdf, 300);
  const ar150 = png(arPdf, 150);
  await measure('Arabic, 300 dpi PNG', arabic, 'per page', (ocr) => ocr.recognize(ar300));
  await measure('Arabic, 300 dpi PNG', arabic, 'ara+eng', (ocr) => ocr.recognize(ar300));
  await measure('Arabic, 150 dpi PNG as is', arabic, 'per page', (ocr) => ocr.recognize(ar150));
  await measure('Arabic, 150 dpi PNG (image import)', arabic, 'per page', async (ocr) => (await parseImage(ar150, ctx(ocr, 'ar150.png'))).text);
  const scan150 = buildPdf([{ kind: 'scan', image: rasterisePage(arPdf, 150) }]);
  await measure('Arabic, 150 dpi scan in a PDF (rendered at 300 dpi)', arabic, 'per page', async (ocr) => (await parsePdf(scan150, ctx(ocr, 'scan150.pdf'))).text);
  const scan300 = buildPdf([{ kind: 'scan', image: rasterisePage(arPdf, 300) }]);
  await measure('Arabic, 300 dpi scan in a PDF (rendered at 300 dpi)', arabic, 'per page', async (ocr) => (await parsePdf(scan300, ctx(ocr, 'scan300.pdf'))).text);
  await measure('English, 300 dpi PNG', english, 'per page', (ocr) => ocr.recognize(png(enPdf, 300)));
  await measure('English, 300 dpi PNG', english, 'ara+eng', (ocr) => ocr.recognize(png(enPdf, 300)));
  await measure('English, 150 dpi PNG (image import)', english, 'per page', async (ocr) => (await parseImage(png(enPdf, 150), ctx(ocr, 'en150.png'))).text);
  for (const ocr of engines.values()) await ocr.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const peak = memory.report();
const result = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, rows, peakRssMb: Math.round(peak.peakRssBytes / 2 ** 20) };
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`\n| case | languages | CER raw | CER analysed | s/page |\n|---|---|---:|---:|---:|`);
  for (const r of rows) console.log(`| ${r.case} | ${r.languages} | ${r.cerRaw} % | ${r.cerAnalysed} % | ${r.seconds} |`);
  console.log(`\npeak RSS ${result.peakRssMb} MiB (${result.machine})`);
}
