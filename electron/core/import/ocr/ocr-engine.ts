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

/** Languages read on every page: Arabic first (the archive's main script), then English. */
export const ocrLanguages = ['ara', 'eng'] as const;

// In a packaged app the tesseract scripts and data are unpacked beside app.asar (electron-builder
// asarUnpack), because worker threads and WebAssembly cannot load files from inside the archive.
const unpacked = (file: string): string => file.replace(/app\.asar(?=[\\/])/u, 'app.asar.unpacked');

/** Where the gzipped 4.0.0_best_int traineddata of a language is inside its npm package. */
export function languageDataPath(lang: string): string {
  const root = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return unpacked(path.join(root, '4.0.0_best_int', `${lang}.traineddata.gz`));
}

/** An OCR engine that starts tesseract lazily, on the first image (other languages: for the bench). */
export function createOcrEngine(languages: readonly string[] = ocrLanguages): OcrEngine {
  let started: Promise<TesseractWorker> | null = null;
  let closed = false;

  const start = async (): Promise<TesseractWorker> => {
    // tesseract.js reads every language from one folder (langPath): copy both there.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khizana-ocr-'));
    try {
      for (const lang of languages) fs.copyFileSync(languageDataPath(lang), path.join(dir, `${lang}.traineddata.gz`));
      const workerPath = unpacked(path.join(path.dirname(require.resolve('tesseract.js/package.json')), 'src/worker-script/node/index.js'));
      const worker = await createWorker([...languages], OEM.LSTM_ONLY, {
        workerPath,
        langPath: dir,
        cachePath: dir,
        cacheMethod: 'none', // never read or write a cache (the default writes into the working folder)
        gzip: true,
        errorHandler: () => undefined,
      });
      return worker;
    } finally {
      // The data is inside tesseract's memory once the worker has started: nothing stays on disk.
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  return {
    async recognize(image) {
      if (closed) throw new Error('the OCR engine is closed');
      started ??= start();
      const worker = await started;
      const result = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
      return cleanOcrText(result.data.text);
    },
    async close() {
      closed = true;
      const running = started;
      started = null;
      if (!running) return;
      const worker = await running.catch(() => null);
      await worker?.terminate().catch(() => undefined);
    },
  };
}
