/**
 * The bench's outside baselines, each run only when its command is installed: `pdftotext -layout`
 * (poppler) over the native PDFs, and the native `tesseract` CLI over the very pages juesuan OCRs.
 *
 * tesseract is given what juesuan's workers get, so the ratio compares engines fairly: the same
 * model file (the chi_sim traineddata of the npm package @tesseract.js-data/chi_sim, gunzipped into
 * a temporary tessdata folder — not whatever model the system has), the same LSTM engine (--oem 1),
 * the same DPI (pages rendered by juesuan's own renderer at DEFAULT_DPI, fed as PGM) and one thread
 * (OMP_THREAD_LIMIT=1, as each juesuan worker is one thread). It reads the full page (--psm 3, its
 * default), which is what the target compares with. Only the tesseract runs are timed,
 * not the rendering.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { measuredSpawn } from './measured-spawn.js';

export interface CliMeasure {
  docs: number;
  pages: number;
  ms: number;
  /** Largest single run's process-tree peak, MiB. */
  rssMb: number;
}

export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Sequential runs of commands; total time and the largest peak RSS. */
async function timeRuns(
  runs: readonly (readonly string[])[],
  env?: NodeJS.ProcessEnv,
): Promise<{ ms: number; rssMb: number }> {
  let ms = 0;
  let rssMb = 0;
  for (const [cmd, ...args] of runs) {
    const r = await measuredSpawn(cmd!, args, env);
    if (r.code !== 0) throw new Error(`${cmd} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1) ?? ''}`);
    ms += r.ms;
    rssMb = Math.max(rssMb, r.peakMb);
  }
  return { ms, rssMb };
}

/** `pdftotext -layout` over each file once. `pages` is the files' total page count. */
export async function pdftotextBaseline(files: readonly string[], pages: number): Promise<CliMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-bench-pdftotext-'));
  try {
    const t = await timeRuns(files.map((f, i) => ['pdftotext', '-layout', f, join(dir, `${i}.txt`)]));
    return { docs: files.length, pages, ...t };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface OcrPageRef {
  file: string;
  page: number;
}

/** Native tesseract over the given pages, one page per run, one thread. */
export async function tesseractBaseline(pages: readonly OcrPageRef[]): Promise<CliMeasure> {
  const { chiSimLangPath } = await import('../../src/ingest/ocr/ocr.js');
  const { openPdf } = await import('../../src/ingest/pdf/pdfjs.js');
  const { DEFAULT_DPI, toPgm } = await import('../../src/ingest/image.js');
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-bench-tesseract-'));
  try {
    const gz = readFileSync(join(chiSimLangPath(), 'chi_sim.traineddata.gz'));
    writeFileSync(join(dir, 'chi_sim.traineddata'), gunzipSync(gz));
    const runs: string[][] = [];
    const docs = new Map<string, Awaited<ReturnType<typeof openPdf>>>();
    for (const [i, ref] of pages.entries()) {
      let doc = docs.get(ref.file);
      if (!doc) docs.set(ref.file, (doc = await openPdf(new Uint8Array(readFileSync(ref.file)))));
      const g = await doc.renderGray(ref.page, DEFAULT_DPI);
      const img = join(dir, `p${i}.pgm`);
      writeFileSync(img, toPgm(g.data, g.width, g.height));
      runs.push([
        'tesseract',
        img,
        join(dir, `p${i}`),
        '--tessdata-dir',
        dir,
        '-l',
        'chi_sim',
        '--oem',
        '1',
        '--psm',
        '3',
        '--dpi',
        String(DEFAULT_DPI),
      ]);
    }
    for (const d of docs.values()) await d.close();
    const t = await timeRuns(runs, { ...process.env, OMP_THREAD_LIMIT: '1' });
    return { docs: docs.size, pages: pages.length, ...t };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
