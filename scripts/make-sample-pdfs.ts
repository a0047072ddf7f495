/**
 * Render the seed reports into sample PDFs (samples/pdf/<seed>-<variant>.pdf) with Noto Sans SC from
 * the npm registry (@expo-google-fonts/noto-sans-sc, a devDependency), subset by pdfkit. Run:
 *   npx tsx scripts/make-sample-pdfs.ts
 * Output is deterministic apart from pdfkit's document ID, so re-running shows real changes only.
 * Seeds 000, 001 and 004 print their tables tab-separated, so the generator reads them directly;
 * 003 (space-separated, Kangxi glyphs) waits for its golden JSON.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSeed, type Variant } from './pdfgen/render.js';
import { parseSeed } from './pdfgen/seed.js';
import { FONT_PATH } from './make-sample-pdfs-font.js';


const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SEEDS = ['000', '001', '004'];
/** Every variant for the first seed (the cross-variant equality test); clean only for the others, to keep samples/ small. */
const VARIANTS: Variant[] = ['clean', 'kangxi', 'split', 'noruling'];

async function main(): Promise<void> {
  const outDir = path.join(ROOT, 'samples/pdf');
  mkdirSync(outDir, { recursive: true });
  const seedFiles = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.txt'));
  for (const seed of SEEDS) {
    const file = seedFiles.find((f) => f.startsWith(`${seed}_`));
    if (!file) throw new Error(`seed ${seed} not found in samples/`);
    const blocks = parseSeed(readFileSync(path.join(ROOT, 'samples', file), 'utf8'));
    const variants = seed === SEEDS[0] ? VARIANTS : (['clean'] as Variant[]);
    for (const variant of variants) {
      const pdf = await renderSeed(blocks, { variant, fontPath: FONT_PATH });
      const out = path.join(outDir, `${seed}-${variant}.pdf`);
      writeFileSync(out, pdf);
      console.log(`${path.relative(ROOT, out)}\t${(pdf.length / 1024).toFixed(0)} KiB`);
    }
  }
}

await main();
