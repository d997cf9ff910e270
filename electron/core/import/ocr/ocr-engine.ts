// Offline OCR with tesseract.js (issue 13): one tesseract worker per parser thread, started on the
// first scanned page and ended when the parser thread closes. The Arabic and English language
// data come from the @tesseract.js-data packages on disk; nothing is ever fetched, and the only
// files written are their copies in a private temp folder, removed as soon as tesseract has them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import { cleanOcrText, type OcrEngine } from './ocr-text.js';

const require = createRequire(import.meta.url);

/** The languages a page may be read in, in the order tried first: Arabic (the archive's main script), then English. */
export const ocrLanguages = ['ara', 'eng'] as const;

// In a packaged app the tesseract scripts and data are unpacked beside app.asar (electron-builder
// asarUnpack), because worker threads and WebAssembly cannot load files from inside the archive.
const unpacked = (file: string): string => file.replace(/app\.asar(?=[\\/])/u, 'app.asar.unpacked');

/** Where the gzipped 4.0.0_best_int traineddata of a language is inside its npm package. */
export function languageDataPath(lang: string): string {
  const root = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return unpacked(path.join(root, '4.0.0_best_int', `${lang}.traineddata.gz`));
}

/** Below this mean word confidence (0–100) a page is read again in the other language. */
export const confidentOcr = 70;

/** Starts one tesseract worker for `languages` ("ara", "eng", or several for the bench). */
async function startWorker(languages: readonly string[]): Promise<TesseractWorker> {
  // tesseract.js reads every language from one folder (langPath): copy the data there.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-ocr-'));
  try {
    for (const lang of languages) fs.copyFileSync(languageDataPath(lang), path.join(dir, `${lang}.traineddata.gz`));
    const workerPath = unpacked(path.join(path.dirname(require.resolve('tesseract.js/package.json')), 'src/worker-script/node/index.js'));
    return await createWorker([...languages], OEM.LSTM_ONLY, {
      workerPath,
      langPath: dir,
      cachePath: dir,
      cacheMethod: 'none', // never read or write a cache (the default writes into the working folder)
      gzip: true,
      errorHandler: () => undefined,
    });
  } finally {
    // The data is inside tesseract's memory once the worker has started: nothing stays on disk.
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An OCR engine that starts tesseract lazily, on the first image. Each page is read in one
 * language, chosen per page: the language of the previous page first, and the other one when
 * tesseract is not confident (measured: Arabic alone reads Arabic pages better and 2× faster than
 * Arabic+English together, and a page in the wrong language scores 24–49 against 88–95; see
 * bench/README.md). `languages` as one group (e.g. ['ara', 'eng'] together) is for the bench.
 */
export function createOcrEngine(languages: ReadonlyArray<string | readonly string[]> = ocrLanguages): OcrEngine {
  const groups = languages.map((l) => (typeof l === 'string' ? [l] : l));
  const workers = new Map<number, Promise<TesseractWorker>>();
  let preferred = 0;
  let closed = false;

  const read = async (group: number, image: Buffer): Promise<{ group: number; text: string; confidence: number }> => {
    if (!workers.has(group)) workers.set(group, startWorker(groups[group]!));
    const result = await (await workers.get(group)!).recognize(image);
    return { group, text: result.data.text, confidence: result.data.confidence };
  };

  return {
    async recognize(image) {
      if (closed) throw new Error('the OCR engine is closed');
      const bytes = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
      let best = await read(preferred, bytes);
      for (let g = 0; g < groups.length && best.confidence < confidentOcr; g++) {
        if (g === preferred) continue;
        const other = await read(g, bytes);
        if (other.confidence > best.confidence) best = other;
      }
      preferred = best.group;
      return cleanOcrText(best.text);
    },
    async close() {
      closed = true;
      const running = [...workers.values()];
      workers.clear();
      await Promise.all(running.map(async (worker) => (await worker.catch(() => null))?.terminate().catch(() => undefined)));
    },
  };
}
