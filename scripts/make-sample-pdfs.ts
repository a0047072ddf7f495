/**
 * Render the seed reports into sample PDFs (samples/pdf/<seed>-<variant>.pdf) with Noto Sans SC from
 * the npm registry (@expo-google-fonts/noto-sans-sc, a devDependency), subset by pdfkit. Run:
 *   npx tsx scripts/make-sample-pdfs.ts
 * Output is deterministic apart from pdfkit's document ID, so re-running shows real changes only.
 * Table cells come from the golden JSON (test/golden/NNN_*.json), never from the seed text's cell
 * positions; narrative text, preambles and the other tables come from the seed text. Seed 003's
 * text carries Kangxi radicals: they are folded first, so its clean variant is clean.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSeed, type Variant } from './pdfgen/render.js';
import { seedBlocks } from './pdfgen/segment.js';
import type { Golden } from './pdfgen/golden.js';
import { foldGlyphs } from '../src/normalize/glyphs.js';
import { FONT_PATH } from './make-sample-pdfs-font.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** Every variant for the first seed (the cross-variant equality test); fewer for the others, to keep samples/ small. */
const SEEDS: [string, Variant[]][] = [
  ['000', ['clean', 'kangxi', 'split', 'noruling']],
  ['001', ['clean']],
  ['003', ['clean', 'kangxi']],
  ['004', ['clean']],
];

async function main(): Promise<void> {
  const outDir = path.join(ROOT, 'samples/pdf');
  mkdirSync(outDir, { recursive: true });
  const seedFiles = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.txt'));
  const goldenDir = path.join(ROOT, 'test/golden');
  for (const [seed, variants] of SEEDS) {
    const file = seedFiles.find((f) => f.startsWith(`${seed}_`));
    if (!file) throw new Error(`seed ${seed} not found in samples/`);
    const goldenFile = readdirSync(goldenDir).find((f) => f.startsWith(`${seed}_`) && f.endsWith('.json'));
    if (!goldenFile) throw new Error(`golden ${seed} not found in test/golden/`);
    const golden = JSON.parse(readFileSync(path.join(goldenDir, goldenFile), 'utf8')) as Golden;
    const text = foldGlyphs(readFileSync(path.join(ROOT, 'samples', file), 'utf8')).text;
    const blocks = seedBlocks(text, golden);
    for (const variant of variants) {
      const pdf = await renderSeed(blocks, { variant, fontPath: FONT_PATH });
      const out = path.join(outDir, `${seed}-${variant}.pdf`);
      writeFileSync(out, pdf);
      console.log(`${path.relative(ROOT, out)}\t${(pdf.length / 1024).toFixed(0)} KiB`);
    }
  }
}

await main();
