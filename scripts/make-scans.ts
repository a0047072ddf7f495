/**
 * Scanned samples for the OCR path, made from native PDFs:
 *   - `<name>-scan.pdf`: the chosen pages rasterized (200 dpi gray), turned ≤ 1°, blurred, noised,
 *     JPEG quality 75, one image per page and no text layer — a scan as offices publish them;
 *   - `<name>-mixed.pdf`: native pages kept as they are, the table pages replaced by such images —
 *     a report whose 第二部分 tables were pasted in as pictures.
 * Deterministic (seeded), so regenerating gives the same files.
 *
 *   npm run build && node dist/scripts/make-scans.js <in.pdf> --scan 5,8 --native 4 --out samples/scan
 *     [--name base] [--mixed-only]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { openPdf } from '../src/ingest/pdf/pdfjs.js';
import { grayToJpeg } from './lib/image-io.js';
import { prng, scanEffects } from './lib/scan-effects.js';

const SCAN_DPI = 200;
const JPEG_QUALITY = 75;
const NOISE_SIGMA = 6;

function pages(arg: string | undefined): number[] {
  return (arg ?? '').split(',').filter(Boolean).map(Number);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const input = process.argv[2];
  if (!input || input.startsWith('--')) {
    console.error('usage: make-scans <in.pdf> --scan 5,8 [--native 4,17] [--out samples/scan] [--name base]');
    process.exit(2);
  }
  const scanPages = pages(option('--scan'));
  const nativePages = pages(option('--native'));
  const outDir = option('--out') ?? 'samples/scan';
  const name = option('--name') ?? path.basename(input, '.pdf');
  mkdirSync(outDir, { recursive: true });

  const bytes = readFileSync(input);
  const doc = await openPdf(bytes);
  const rand = prng(20241);
  const images = new Map<number, { jpeg: Buffer; widthPt: number; heightPt: number; angle: number }>();
  for (const p of scanPages) {
    const gray = await doc.renderGray(p, SCAN_DPI);
    // Alternate the direction of the turn; 0.3°–1.0°.
    const angle = (p % 2 === 0 ? 1 : -1) * (0.3 + 0.7 * rand());
    const scanned = scanEffects(gray, { angle, noiseSigma: NOISE_SIGMA }, rand);
    const jpeg = grayToJpeg(scanned.data, scanned.width, scanned.height, JPEG_QUALITY);
    images.set(p, { jpeg, widthPt: gray.widthPt, heightPt: gray.heightPt, angle });
  }
  await doc.close();

  // --mixed-only: a sample whose point is the report around the images needs no image-only twin.
  const mixedOnly = process.argv.includes('--mixed-only');
  const scanPath = path.join(outDir, `${name}-scan.pdf`);
  if (!mixedOnly) {
    const scan = await PDFDocument.create();
    for (const p of scanPages) await addImagePage(scan, images.get(p)!);
    writeFileSync(scanPath, await scan.save({ useObjectStreams: false }));
  }

  const manifest: Record<string, unknown> = {
    source: path.basename(input),
    dpi: SCAN_DPI,
    jpegQuality: JPEG_QUALITY,
    noiseSigma: NOISE_SIGMA,
    scan: {
      file: mixedOnly ? null : path.basename(scanPath),
      sourcePages: scanPages,
      angles: scanPages.map((p) => round(images.get(p)!.angle)),
    },
  };

  if (nativePages.length > 0) {
    // Source page order, native pages copied, scanned pages as images.
    const src = await PDFDocument.load(bytes);
    const mixed = await PDFDocument.create();
    const order = [...new Set([...nativePages, ...scanPages])].sort((a, b) => a - b);
    for (const p of order) {
      const img = images.get(p);
      if (img) await addImagePage(mixed, img);
      else {
        const [copied] = await mixed.copyPages(src, [p - 1]);
        mixed.addPage(copied!);
      }
    }
    const mixedPath = path.join(outDir, `${name}-mixed.pdf`);
    writeFileSync(mixedPath, await mixed.save({ useObjectStreams: false }));
    manifest.mixed = {
      file: path.basename(mixedPath),
      sourcePages: order,
      imagePages: order.map((p, i) => (images.has(p) ? i + 1 : 0)).filter(Boolean),
    };
  }
  writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(manifest, null, 2) + '\n');
  console.error(JSON.stringify(manifest));
}

async function addImagePage(pdf: PDFDocument, img: { jpeg: Buffer; widthPt: number; heightPt: number }) {
  const image = await pdf.embedJpg(img.jpeg);
  const page = pdf.addPage([img.widthPt, img.heightPt]);
  page.drawImage(image, { x: 0, y: 0, width: img.widthPt, height: img.heightPt });
}

const round = (v: number) => Math.round(v * 1000) / 1000;

await main();
