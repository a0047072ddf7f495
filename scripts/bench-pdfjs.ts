/**
 * Baseline for the bench: bare pdfjs text extraction (getTextContent + getOperatorList on every
 * page, same document options as ingest) next to the ingest stage, in the same run. Run:
 *   node dist/scripts/bench-pdfjs.js [file.pdf …]   (default: samples/pdf/*.pdf; or npx tsx scripts/bench-pdfjs.ts)
 * The whole-pipeline figure belongs to `npm run bench`; this prints pages/s for bare pdfjs and ingestPdf.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ingestPdf } from '../src/ingest/pdf/pdf.js';
import { bareExtract } from '../src/ingest/pdf/pdfjs.js';

/** Bare pdfjs over one document; returns its page count. */
export async function barePdfjs(bytes: Uint8Array): Promise<number> {
  return (await bareExtract(bytes)).pages;
}

async function timeAll(
  files: Uint8Array[],
  fn: (b: Uint8Array) => Promise<number>,
): Promise<{ pages: number; ms: number }> {
  const t0 = performance.now();
  let pages = 0;
  for (const b of files) pages += await fn(b);
  return { pages, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  // The repo root is one level up from scripts/ (tsx) and two from dist/scripts/ (npm run build).
  const here = path.dirname(new URL(import.meta.url).pathname);
  const root = existsSync(path.join(here, '..', 'package.json'))
    ? path.resolve(here, '..')
    : path.resolve(here, '..', '..');
  const args = process.argv.slice(2);
  const paths =
    args.length > 0
      ? args
      : readdirSync(path.join(root, 'samples/pdf'))
          .filter((f) => f.endsWith('.pdf'))
          .map((f) => path.join(root, 'samples/pdf', f));
  const files = paths.map((p) => new Uint8Array(readFileSync(p)));
  await timeAll(files.slice(0, 1), barePdfjs); // warm-up: module load, cmaps, font parsing code
  const bare = await timeAll(files, barePdfjs);
  const ingest = await timeAll(files, async (b) => (await ingestPdf(b)).doc.pageCount ?? 0);
  const rate = (r: { pages: number; ms: number }) => (r.pages / (r.ms / 1000)).toFixed(1);
  console.log(`files ${files.length}, pages ${bare.pages}`);
  console.log(`bare pdfjs  ${rate(bare)} pages/s (${bare.ms.toFixed(0)} ms)`);
  console.log(
    `ingestPdf   ${rate(ingest)} pages/s (${ingest.ms.toFixed(0)} ms), ratio ${(ingest.ms / bare.ms).toFixed(2)}`,
  );
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
