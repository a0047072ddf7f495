/**
 * Scanned twins of producer fixtures, made at test time instead of committed (a scan is ~1 MB a
 * page): the table pages of each input (from the first 公开NN表 page to the page before 第三部分)
 * rendered, turned, blurred, noised and stored as JPEG by a recipe (the office one is
 * scripts/make-scans.ts's: 200 dpi, ≤ 1°, JPEG 75), one image per page and no text layer.
 * Files named on the command line get the office recipe. Deterministic: the noise is seeded by the
 * file name. Output name: <stem>.<producer>-<variant>-scan.pdf, so score.mjs matches it by prefix.
 *
 *   npm run build && node dist/scripts/corpus/scan-fixtures.js --out DIR [FILE.pdf …]
 *   (no FILE: the default list SCAN_FIXTURES from test/fixtures/producers)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { openPdf, type PdfFile } from '../../src/ingest/pdf/pdfjs.js';
import { foldGlyphs } from '../../src/normalize/glyphs.js';
import { grayToJpeg } from '../lib/image-io.js';
import { prng, scanEffects } from '../lib/scan-effects.js';

/** How a fixture is scanned: resolution, the range of its turn (sign alternates by page), noise, JPEG quality. */
export interface ScanRecipe {
  dpi: number;
  angle: [number, number];
  noise: number;
  quality: number;
}

/** The make-scans recipe: 200 dpi, turned 0.3–1°, noise σ 6, JPEG 75. */
export const OFFICE_SCAN: ScanRecipe = { dpi: 200, angle: [0.3, 1], noise: 6, quality: 75 };
/** A hand-fed desk scan: 150 dpi (thin rules become faint greys), turned 1.5–2°, noise σ 8, JPEG 60. */
export const DESK_SCAN: ScanRecipe = { dpi: 150, angle: [1.5, 2], noise: 8, quality: 60 };

/**
 * Fixtures scanned by default: four producers, bordered tables — Writer with split codes, Chromium
 * with wrapped names on a desk scan, Calc (the departments' usual table tool) with wrapped names, and
 * wkhtmltopdf with thousands separators (which OCR reads as points: 2.693.88).
 */
export const SCAN_FIXTURES: { file: string; recipe: ScanRecipe }[] = [
  { file: '001_601db7814e7d3dfd.lo-writer-split3.pdf', recipe: OFFICE_SCAN },
  { file: '000_d920656d4c30e573.chromium-wrapped.pdf', recipe: DESK_SCAN },
  { file: '004_bcb08b1b25316800.lo-calc-wrapped.pdf', recipe: OFFICE_SCAN },
  { file: '003_a3f56a15a6024790.wkhtmltopdf-fakebold.pdf', recipe: OFFICE_SCAN },
];

async function pageText(doc: PdfFile, p: number): Promise<string> {
  const text = (await doc.readPage(p)).glyphs.map((g) => g.str).join('');
  return foldGlyphs(text).text.replace(/\s+/g, '');
}

/** Pages holding the 公开表 section: from the first page with a 公开NN表 label to the page before 第三部分. */
export async function tablePages(doc: PdfFile): Promise<number[]> {
  const pages: number[] = [];
  let inTables = false;
  for (let p = 1; p <= doc.numPages; p++) {
    const text = await pageText(doc, p);
    if (!inTables && /公开\d{2}表/.test(text)) inTables = true;
    else if (inTables && /^第三部分/.test(text)) break;
    if (inTables) pages.push(p);
  }
  return pages;
}

export async function scanFixture(input: string, outDir: string, recipe: ScanRecipe = OFFICE_SCAN): Promise<string> {
  const bytes = readFileSync(input);
  const doc = await openPdf(new Uint8Array(bytes));
  const name = path.basename(input, '.pdf');
  const seed = createHash('sha256').update(name).digest().readUInt32LE(0);
  const rand = prng(seed);
  const out = await PDFDocument.create();
  try {
    for (const p of await tablePages(doc)) {
      const gray = await doc.renderGray(p, recipe.dpi);
      const [lo, hi] = recipe.angle;
      const angle = (p % 2 === 0 ? 1 : -1) * (lo + (hi - lo) * rand());
      const scanned = scanEffects(gray, { angle, noiseSigma: recipe.noise }, rand);
      const jpeg = grayToJpeg(scanned.data, scanned.width, scanned.height, recipe.quality);
      const image = await out.embedJpg(jpeg);
      const page = out.addPage([gray.widthPt, gray.heightPt]);
      page.drawImage(image, { x: 0, y: 0, width: gray.widthPt, height: gray.heightPt });
    }
  } finally {
    await doc.close();
  }
  // Fixed dates so the same input gives the same bytes.
  const date = new Date(Date.UTC(2025, 0, 1));
  out.setCreationDate(date);
  out.setModificationDate(date);
  out.setProducer('juesuan scan-fixtures (pdf-lib)');
  const dest = path.join(outDir, `${name}-scan.pdf`);
  writeFileSync(dest, await out.save({ useObjectStreams: false }));
  return dest;
}

export async function scanFixtures(inputs: { path: string; recipe?: ScanRecipe }[], outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const outs: string[] = [];
  for (const f of inputs) outs.push(await scanFixture(f.path, outDir, f.recipe));
  return outs;
}

const invoked = process.argv[1] && /scan-fixtures\.(ts|js)$/.test(process.argv[1]);
if (invoked) {
  const args = process.argv.slice(2);
  const oi = args.indexOf('--out');
  if (oi < 0 || !args[oi + 1]) {
    console.error('usage: scan-fixtures --out DIR [FILE.pdf …]');
    process.exit(2);
  }
  const outDir = args[oi + 1]!;
  const files = args.filter((_, i) => i !== oi && i !== oi + 1);
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  // From dist/scripts/corpus the repository root is one level further up.
  const fixtures = path.join(root.endsWith('dist') ? path.dirname(root) : root, 'test/fixtures/producers');
  const inputs = files.length
    ? files.map((f) => ({ path: f }))
    : SCAN_FIXTURES.map((f) => ({ path: path.join(fixtures, f.file), recipe: f.recipe }));
  for (const out of await scanFixtures(inputs, outDir))
    console.log(`${out}\t${(readFileSync(out).length / 1024).toFixed(0)} KiB`);
}
