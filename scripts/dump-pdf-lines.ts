/**
 * Print the lines a PDF ingests to (page, y, runs with x extents), for layout debugging:
 *   npx tsx scripts/dump-pdf-lines.ts samples/pdf/000-clean.pdf [page...]
 */
import { readFileSync } from 'node:fs';
import { ingestPdf } from '../src/ingest/pdf/pdf.js';

const [file, ...pages] = process.argv.slice(2);
if (!file) throw new Error('usage: dump-pdf-lines.ts file.pdf [page...]');
const { doc } = await ingestPdf(new Uint8Array(readFileSync(file)));
for (const p of doc.pages) {
  if (pages.length && !pages.includes(String(p.page))) continue;
  console.log(
    `== page ${p.page} (${p.width}×${p.height}), ${p.rulings.filter((r) => r.axis === 'v').length} v-rulings`,
  );
  for (const l of p.lines) {
    console.log(
      `${l.y.toFixed(1).padStart(6)} ${l.grid ? 'G' : l.separation[0]} ` +
        l.runs.map((r) => `[${r.x0.toFixed(0)}-${r.x1.toFixed(0)}]${r.text}`).join(' '),
    );
  }
}
