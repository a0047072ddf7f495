/**
 * The OCR path end to end on a small page set (two table pages of a real report, 200 dpi), with
 * the report's own text layer as the truth for every numeric cell. Runs offline: language data
 * from the npm package, no CDN.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExtractionError } from '../../src/errors.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/ocr.js';
import { ocrPages } from '../../src/ingest/ocr/ocr-pdf.js';
import { openPdf, type PdfFile } from '../../src/ingest/pdf/pdfjs.js';
import { readNativePages } from '../../src/ingest/pdf/pdf.js';
import { planOcr as planPages, type OcrMode } from '../../src/ingest/ocr-plan.js';

/** The ingest stage's OCR decision for an open PDF (its text layer read as the ingest reads it). */
async function planOcr(doc: PdfFile, mode: OcrMode) {
  return planPages(mode, (await readNativePages(doc)).usable);
}
import { nativeNumericCells, scoreCells } from '../../scripts/lib/cell-accuracy.js';

const REPORT = path.resolve(import.meta.dirname, '../../samples/realworld/putuo-social-2024.pdf');
/** Pages 5, 8, 13 of REPORT, scanned by scripts/make-scans.ts (turned, blurred, noised, JPEG 75). */
const SCAN = path.resolve(import.meta.dirname, '../../samples/scan/putuo-social-2024-scan.pdf');
/** Source pages 4, 5, 8, 13, 17 with 5, 8, 13 replaced by their scans. */
const MIXED = path.resolve(import.meta.dirname, '../../samples/scan/putuo-social-2024-mixed.pdf');
/** 支出决算表 (38 numeric cells) and 一般公共预算财政拨款基本支出决算表 (132, two column groups). */
const PAGES = [8, 13];

/** Worker threads started while `body` runs (Node's process 'worker' event). */
async function threadsStartedBy<T>(body: (threads: ThreadWorker[]) => Promise<T>): Promise<[T, ThreadWorker[]]> {
  const threads: ThreadWorker[] = [];
  const seen = (w: ThreadWorker) => threads.push(w);
  process.on('worker', seen);
  try {
    return [await body(threads), threads];
  } finally {
    process.off('worker', seen);
  }
}

/** Turns of the event loop (setImmediate, never faked here) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setImmediate(r));
}

/**
 * No wall clock here: timers are faked (setTimeout/clearTimeout only), so "at once" means before
 * any timer or thread, and "times out" means exactly when the pool's own timer fires. The elapsed
 * times are measured by `npm run bench:stages`.
 */
describe('OCR pool', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails at once, with a clear kind, when the language data is not where it is said to be', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const [outcome, threads] = await threadsStartedBy(async () => {
      let settled = false;
      const failing = createOcrPool({ size: 1, langPath: '/nonexistent/tessdata', timeoutMs: 20_000 }).catch(
        (e: unknown) => e,
      );
      void failing.finally(() => (settled = true));
      // One turn of the event loop, no fake time: the pool has failed before arming its timeout.
      await new Promise((r) => setImmediate(r));
      return { settled, timers: vi.getTimerCount(), err: settled ? await failing : undefined };
    });
    expect(outcome.settled).toBe(true);
    expect(outcome.timers).toBe(0);
    expect(threads).toEqual([]);
    expect(outcome.err).toBeInstanceOf(ExtractionError);
    expect((outcome.err as ExtractionError).kind).toBe('NoTextLayer');
    expect((outcome.err as ExtractionError).message).toMatch(/language data not found/);
  });

  describe('when the language data never arrives', () => {
    let server: Server;
    let url: string;
    let requests = 0;
    beforeAll(async () => {
      // Loopback only: accepts the request and never answers, as an offline CDN fetch behaves.
      server = createServer(() => {
        requests++;
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    it('gives up through its own timeout, not before, and terminates the worker threads it started', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const [outcome, threads] = await threadsStartedBy(async (threads) => {
        let settled = false;
        let exited = 0;
        let exitedWhenSettled = -1;
        const starting = createOcrPool({ size: 2, langPath: url, timeoutMs: 1_500 }).then(
          () => undefined,
          (e: unknown) => {
            exitedWhenSettled = exited;
            return e;
          },
        );
        void starting.finally(() => (settled = true));
        // Both workers are up and waiting for their language data, which never comes.
        await until(() => threads.length === 2 && requests >= 2);
        for (const w of threads) w.once('exit', () => exited++);
        // One start-up timeout per worker, armed and still pending 1 ms before it is due.
        expect(vi.getTimerCount()).toBe(2);
        await vi.advanceTimersByTimeAsync(1_499);
        const pendingBefore = { timers: vi.getTimerCount(), settled };
        await vi.advanceTimersByTimeAsync(1);
        const timersAfter = vi.getTimerCount();
        vi.useRealTimers();
        // (Timers still pending would never fire now: do not wait for them.)
        const err = timersAfter === 0 ? await starting : undefined;
        return { pendingBefore, timersAfter, err, exitedWhenSettled };
      });
      expect(outcome.pendingBefore).toEqual({ timers: 2, settled: false });
      expect(outcome.timersAfter).toBe(0);
      expect(outcome.err).toBeInstanceOf(ExtractionError);
      expect((outcome.err as ExtractionError).message).toMatch(/did not start within 1500 ms/);
      expect(threads).toHaveLength(2);
      // The pool fails only once both threads have exited.
      expect(outcome.exitedWhenSettled).toBe(2);
      // A terminated worker thread reports threadId -1: the pool waited for both to end.
      for (const w of threads) expect(w.threadId).toBe(-1);
    });
  });
});

describe('OCR of rendered table pages', () => {
  let pool: OcrPool;
  let doc: PdfFile;
  beforeAll(async () => {
    pool = await createOcrPool({ timeoutMs: 60_000 });
    doc = await openPdf(readFileSync(REPORT));
  }, 90_000);
  afterAll(async () => {
    await pool?.close();
    await doc?.close();
  });

  it('starts one worker per core', () => {
    expect(pool.size).toBeGreaterThanOrEqual(1);
  });

  it('reads the numeric cells as the native text layer has them', async () => {
    const irs = await ocrPages(doc, PAGES, pool);
    expect(irs.map((p) => p.page)).toEqual(PAGES);
    let exact = 0;
    let total = 0;
    for (const ir of irs) {
      const natives = await nativeNumericCells(doc, ir.page!);
      const s = scoreCells(natives, ir);
      exact += s.exact;
      total += s.total;
      // Every number printed on the page is found somewhere on the OCR'd page.
      expect(s.missing).toEqual([]);
      expect(ir.lines.every((l) => l.runs.every((r) => r.origin === 'ocr' && r.conf >= 0 && r.conf <= 1))).toBe(true);
    }
    // Measured 170/170 at 200 dpi; allow one misread per page before calling it a regression.
    expect(total).toBe(170);
    expect(exact).toBeGreaterThanOrEqual(total - PAGES.length);
  }, 90_000);

  it('emits the table grid as rulings in PDF points, and one line per row band', async () => {
    const [ir] = await ocrPages(doc, [8], pool);
    const page = ir!;
    // Page size in points as pdfjs sees it (this page is A4 landscape).
    const view = await doc.readPage(8);
    expect(page.width).toBeCloseTo(view.width, 3);
    expect(page.height).toBeCloseTo(view.height, 3);
    expect(page.width).toBeGreaterThan(page.height);
    const h = page.rulings.filter((r) => r.axis === 'h');
    const v = page.rulings.filter((r) => r.axis === 'v');
    expect(h.length).toBeGreaterThanOrEqual(10);
    expect(v.length).toBeGreaterThanOrEqual(5);
    for (const r of page.rulings) {
      expect(r.start).toBeGreaterThanOrEqual(0);
      expect(r.end).toBeLessThanOrEqual(r.axis === 'h' ? page.width : page.height);
    }
    // The line holding 合计 carries the totals in separate runs, left to right.
    const total = page.lines.find((l) => l.runs[0]?.text.replace(/\s/g, '') === '合计');
    expect(total).toBeDefined();
    const xs = total!.runs.map((r) => r.x0);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(total!.runs.length).toBeGreaterThanOrEqual(3);
    // Each run sits between two vertical rulings (one cell per run).
    for (const r of total!.runs) {
      const cuts = v.filter((x) => x.start <= r.y0 && x.end >= r.y1).map((x) => x.pos);
      expect(cuts.some((c) => c <= r.x0)).toBe(true);
      expect(cuts.some((c) => c >= r.x1)).toBe(true);
    }
  }, 60_000);

  it('plans no OCR for a native report in auto mode, every page in always mode', async () => {
    const auto = await planOcr(doc, 'auto');
    expect(auto.ocrPages).toEqual([]);
    expect(auto.textLayer).toBe('native');
    const always = await planOcr(doc, 'always');
    expect(always.ocrPages).toHaveLength(doc.numPages);
    expect(always.textLayer).toBe('ocr');
  });
});

describe('OCR of a scanned sample', () => {
  let pool: OcrPool;
  let native: PdfFile;
  let scan: PdfFile;
  beforeAll(async () => {
    pool = await createOcrPool({ timeoutMs: 60_000 });
    native = await openPdf(readFileSync(REPORT));
    scan = await openPdf(readFileSync(SCAN));
  }, 90_000);
  afterAll(async () => {
    await pool?.close();
    await native?.close();
    await scan?.close();
  });

  it('is planned as OCR on every page (image only, no text layer)', async () => {
    const plan = await planOcr(scan, 'auto');
    expect(plan.ocrPages).toEqual([1, 2, 3]);
    expect(plan.textLayer).toBe('ocr');
  });

  it('plans only the image pages of the mixed sample, and calls the document mixed', async () => {
    const mixed = await openPdf(readFileSync(MIXED));
    try {
      const plan = await planOcr(mixed, 'auto');
      expect(plan.pageLayers).toEqual(['native', 'ocr', 'ocr', 'ocr', 'native']);
      expect(plan.ocrPages).toEqual([2, 3, 4]);
      expect(plan.textLayer).toBe('mixed');
      expect((await planOcr(mixed, 'never')).textLayer).toBe('native');
    } finally {
      await mixed.close();
    }
  });

  it('reads a turned, blurred, JPEG page: numbers in place, misreads carry low confidence', async () => {
    // Scan page 2 is source page 8, turned 0.665° (samples/scan/putuo-social-2024.json).
    const [ir] = await ocrPages(scan, [2], pool);
    const s = scoreCells(await nativeNumericCells(native, 8), ir!);
    expect(s.total).toBe(38);
    // Deskewing puts every number back within 3 pt of where the native page prints it.
    expect(s.missing).toEqual([]);
    // Measured 37/38; the one misread (51.32) came back at confidence 0.
    expect(s.exact).toBeGreaterThanOrEqual(36);
    for (const w of s.wrong) expect(w.conf).toBeLessThan(0.5);
  }, 60_000);
});
