/**
 * The OCR engine: a pool of long-lived tesseract.js workers, offline. This is the only module that
 * imports tesseract.js, so its types and quirks stop here; the rest of the OCR path deals in gray
 * pixels (render.ts, grid.ts) and OcrWord boxes.
 *
 * Offline rules: language data comes from the installed @tesseract.js-data/chi_sim package through
 * a local langPath (gzip, no cache writes), and the worker and wasm core are resolved from
 * node_modules by tesseract.js itself. Without langPath tesseract.js fetches from a CDN and,
 * offline, never settles; a failing language load is also never reported through createWorker's
 * promise. Hence: the data file is checked before any worker starts, every worker start races a
 * timeout, and on failure every worker thread spawned so far is terminated (they are caught through
 * Node's process 'worker' event, since createWorker hands out no handle until it succeeds).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { ExtractionError } from '../../errors.js';
import { toPgm } from '../image.js';
import type { Gray } from '../image.js';

const require = createRequire(import.meta.url);

/**
 * Which traineddata of the package. `4.0.0` (20 MB gzipped, legacy + fast LSTM) and
 * `4.0.0_best_int` (1.7 MB, LSTM only) were measured on three table pages of a real report at
 * 200 dpi, 2 workers: both read 178/179 numeric cells exactly; recognition took 5.8–6.5 s with
 * `4.0.0` against 8.8–9.8 s with `4.0.0_best_int` (worker start 0.9–1.1 s either way). Only the
 * LSTM engine is used (OEM 1) with either file. On the scanned sample (samples/scan) both read
 * 175/179, but `4.0.0` misread 3 cells at confidence ≥ 0.5 (silent errors) where every misread of
 * `4.0.0_best_int` came back at confidence 0. Correctness first: best_int is the default.
 */
export type ChiSimModel = '4.0.0_best_int' | '4.0.0';
export const DEFAULT_MODEL: ChiSimModel = '4.0.0_best_int';

export function chiSimLangPath(model: ChiSimModel = DEFAULT_MODEL): string {
  const pkg = path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json'));
  return path.join(pkg, model);
}

export interface OcrPoolOptions {
  /** Workers; default one per core (both cores busy on the 2-core machines CI uses). */
  size?: number;
  /** Longest wait for one worker to load its core and language, in ms. */
  timeoutMs?: number;
  /** Folder holding `chi_sim.traineddata.gz`; default the installed npm package. */
  langPath?: string;
}

export interface RecognizeParams {
  /** Restrict the alphabet (e.g. digits for money cells); empty string clears it. */
  whitelist?: string;
}

/** One recognized word, in the pixel coordinates of the image given to `recognize`. */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0..1 (tesseract's 0..100 divided by 100). */
  conf: number;
  /** Index of the tesseract text line the word belongs to, within one recognize call. */
  line: number;
}

export interface OcrPool {
  readonly size: number;
  recognize(img: Gray, params: RecognizeParams): Promise<OcrWord[]>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

interface Slot {
  worker: Tesseract.Worker;
  /** Whitelist last sent, so a job only pays a round trip when it changes. */
  whitelist: string;
}

export async function createOcrPool(options: OcrPoolOptions = {}): Promise<OcrPool> {
  const size = options.size ?? defaultPoolSize();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const langPath = options.langPath ?? chiSimLangPath();
  const dataFile = path.join(langPath, 'chi_sim.traineddata.gz');
  // A URL is passed through untouched (tests use a loopback one that never answers, to exercise
  // the timeout); the pipeline only ever gives a folder.
  if (!/^[a-z]+:\/\//i.test(langPath) && !existsSync(dataFile)) {
    throw new ExtractionError(
      'NoTextLayer',
      `OCR language data not found at ${dataFile}; install @tesseract.js-data/chi_sim (no download is attempted)`,
    );
  }

  const threads = new Set<ThreadWorker>();
  const onThread = (w: ThreadWorker) => threads.add(w);
  process.on('worker', onThread);
  const started: Tesseract.Worker[] = [];
  try {
    const slots = await Promise.all(Array.from({ length: size }, () => startWorker(langPath, timeoutMs, started)));
    return makePool(slots);
  } catch (err) {
    await Promise.allSettled(started.map((w) => w.terminate()));
    await Promise.allSettled([...threads].map((t) => t.terminate()));
    throw err instanceof ExtractionError
      ? err
      : new ExtractionError('NoTextLayer', `OCR engine failed to start: ${String(err)}`, { cause: err });
  } finally {
    process.off('worker', onThread);
  }
}

async function startWorker(langPath: string, timeoutMs: number, started: Tesseract.Worker[]): Promise<Slot> {
  let timer: NodeJS.Timeout | undefined;
  let failLoad: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    failLoad = reject;
    timer = setTimeout(
      () =>
        reject(
          new ExtractionError(
            'NoTextLayer',
            `OCR worker did not start within ${timeoutMs} ms (language data from ${langPath}); ` +
              'tesseract.js never settles when it cannot load its data',
          ),
        ),
      timeoutMs,
    );
  });
  try {
    const creating = Tesseract.createWorker('chi_sim', Tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      logger: () => {},
      // Without a handler tesseract.js rethrows a worker's failure inside its message listener,
      // which surfaces as an uncaught exception; with it, the failure ends the start at once.
      errorHandler: (e: unknown) => failLoad(new ExtractionError('NoTextLayer', `OCR worker failed: ${String(e)}`)),
    });
    const worker = await Promise.race([creating, failed]);
    started.push(worker);
    // Every image is read as a block of lines (psm 6): text regions and stacked cell sheets alike.
    // Keep words of tesseract's lines; interword spaces inside a CJK run carry no meaning here.
    await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK, preserve_interword_spaces: '0' });
    return { worker, whitelist: '' };
  } finally {
    clearTimeout(timer);
  }
}

function makePool(slots: Slot[]): OcrPool {
  const idle = [...slots];
  const waiting: ((s: Slot) => void)[] = [];
  let closed = false;

  const acquire = (): Promise<Slot> => {
    const s = idle.pop();
    if (s) return Promise.resolve(s);
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (s: Slot) => {
    const next = waiting.shift();
    if (next) next(s);
    else idle.push(s);
  };

  return {
    size: slots.length,
    async recognize(img, params) {
      if (closed) throw new ExtractionError('Internal', 'OCR pool used after close()');
      const slot = await acquire();
      try {
        const whitelist = params.whitelist ?? '';
        if (slot.whitelist !== whitelist) {
          await slot.worker.setParameters({ tessedit_char_whitelist: whitelist });
          slot.whitelist = whitelist;
        }
        const image = Buffer.from(toPgm(img.data, img.width, img.height));
        // TSV, not the blocks JSON: same words, boxes and confidences, 4 ms less per call (measured
        // on a small crop: 8.5 ms against 12.4 ms).
        const { data } = await slot.worker.recognize(image, {}, { tsv: true, text: false });
        return wordsOfTsv(data.tsv ?? '');
      } finally {
        release(slot);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Words of tesseract's TSV (level 5 rows); a line is identified by its block, paragraph and line numbers. */
function wordsOfTsv(tsv: string): OcrWord[] {
  const out: OcrWord[] = [];
  const lines = new Map<string, number>();
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    const lineKey = `${f[2]}.${f[3]}.${f[4]}`;
    if (!lines.has(lineKey)) lines.set(lineKey, lines.size);
    const [x, y, w, h] = [6, 7, 8, 9].map((i) => Number(f[i]));
    out.push({
      text,
      x0: x!,
      y0: y!,
      x1: x! + w!,
      y1: y! + h!,
      conf: Math.max(0, Number(f[10])) / 100,
      line: lines.get(lineKey)!,
    });
  }
  return out;
}
