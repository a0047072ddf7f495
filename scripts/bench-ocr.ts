/**
 * Seconds per OCR'd page, and numeric-cell accuracy against the text layer of the same pages; when
 * the `tesseract` command is installed, the same rendered pages (same model, same DPI, one thread)
 * through the native CLI on the full page, for the ratio.
 *
 *   npm run build && node dist/scripts/bench-ocr.js [report.pdf] [--pages 5,8,13] [--dpi 200]
 *     [--scan samples/scan/x-scan.pdf --map 5,8,13]   (score a scan against its source pages)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chiSimLangPath, createOcrPool } from '../src/ingest/ocr/ocr.js';
import { ocrPages } from '../src/ingest/ocr/ocr-pdf.js';
import { openPdf } from '../src/ingest/pdf/pdfjs.js';
import { DEFAULT_DPI, toPgm } from '../src/ingest/image.js';
import { nativeNumericCells, scoreCells } from './lib/cell-accuracy.js';

const opt = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const report =
  process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'samples/realworld/putuo-social-2024.pdf';
const dpi = Number(opt('--dpi') ?? DEFAULT_DPI);
const scanFile = opt('--scan');
const pages = (opt('--pages') ?? (scanFile ? '1,2,3' : '5,8,13')).split(',').map(Number);
const map = (opt('--map') ?? '5,8,13').split(',').map(Number);

const native = await openPdf(readFileSync(report));
const target = scanFile ? await openPdf(readFileSync(scanFile)) : native;
const hasCli = spawnSync('tesseract', ['--version']).status === 0;
const tmp = mkdtempSync(path.join(tmpdir(), 'juesuan-bench-'));
if (hasCli) {
  // The CLI wants the same model, uncompressed (LSTM engine, as the workers use).
  const gz = readFileSync(path.join(chiSimLangPath(), 'chi_sim.traineddata.gz'));
  writeFileSync(path.join(tmp, 'chi_sim.traineddata'), gunzipSync(gz));
}

let t = Date.now();
const pool = await createOcrPool();
console.log(`pool: ${pool.size} workers started in ${((Date.now() - t) / 1000).toFixed(2)} s`);
console.log(
  'page | juesuan s/page | numeric exact/total | low-conf wrong | tesseract CLI s (1 thread, full page) | ratio',
);
for (const [i, p] of pages.entries()) {
  t = Date.now();
  const [ir] = await ocrPages(target, [p], pool, { dpi });
  const ours = (Date.now() - t) / 1000;
  const src = scanFile ? map[i]! : p;
  const s = scoreCells(await nativeNumericCells(native, src), ir!);
  const flagged = s.wrong.filter((w) => w.conf < 0.5).length;
  let cli = '-';
  let ratio = '-';
  if (hasCli) {
    const gray = await target.renderGray(p, dpi);
    const img = path.join(tmp, `p${p}.pgm`);
    writeFileSync(img, toPgm(gray.data, gray.width, gray.height));
    t = Date.now();
    execFileSync(
      'tesseract',
      [img, path.join(tmp, `p${p}`), '--tessdata-dir', tmp, '-l', 'chi_sim', '--oem', '1', '--dpi', String(dpi)],
      {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        stdio: 'ignore',
      },
    );
    const c = (Date.now() - t) / 1000;
    cli = c.toFixed(2);
    ratio = (ours / c).toFixed(2);
  }
  console.log(`${p} | ${ours.toFixed(2)} | ${s.exact}/${s.total} | ${flagged}/${s.wrong.length} | ${cli} | ${ratio}`);
}
await pool.close();
await native.close();
if (target !== native) await target.close();
rmSync(tmp, { recursive: true, force: true });
