/**
 * The hostile part of `npm run bench` (issue 12): peak RSS of the whole process tree for inputs
 * that used to take memory without bound, each generated on the fly (hostile-pdfs.ts) and run
 * through the real CLI in its own process, one document at a time (`--concurrency 1`: the figure
 * is one worker's). Minutes, not seconds: the 2,000-page scan is OCR'd page by page.
 *
 * BENCH_SCAN_PAGES (default 2000) sets the length of the scan.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { blankPagesPdf, hugeImagePdf, scannedPdf } from './hostile-pdfs.js';
import { measuredSpawn } from './measured-spawn.js';

export interface HostileMeasure {
  what: string;
  pages: number;
  ms: number;
  rssMb: number;
  /** Outcome as the manifest has it, or why the run failed. */
  note: string;
}

interface Case {
  what: string;
  file: string;
  pages: number;
  make: () => Promise<Uint8Array>;
}

async function a0Page(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([2384, 3370]); // A0: 1 m², scaled to the A2 cap
  return doc.save();
}

export function hostileCases(): Case[] {
  const scanPages = Number(process.env.BENCH_SCAN_PAGES ?? 2000);
  return [
    { what: `${scanPages}-page scan`, file: 'scan.pdf', pages: scanPages, make: () => scannedPdf(scanPages, 64) },
    { what: '5800 pt page', file: 'p5800.pdf', pages: 1, make: () => blankPagesPdf(1, 5800, 5800) },
    { what: 'A0 page (scaled down)', file: 'a0.pdf', pages: 1, make: a0Page },
    { what: '30000² image (875 KB)', file: 'bomb.pdf', pages: 1, make: () => Promise.resolve(hugeImagePdf(30000)) },
  ];
}

export async function runHostile(bin: string, only?: (what: string) => boolean): Promise<HostileMeasure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-bench-hostile-'));
  const out: HostileMeasure[] = [];
  try {
    for (const c of hostileCases()) {
      if (only && !only(c.what)) continue;
      const file = join(dir, c.file);
      writeFileSync(file, await c.make());
      const outDir = join(dir, `out-${c.file}`);
      const r = await measuredSpawn(
        process.execPath,
        [bin, 'extract', file, '--out', outDir, '--concurrency', '1', '--timeout', '36000', '--log-level', 'warn'],
        { ...process.env, JUESUAN_PIPELINE: '' },
      );
      let note: string;
      try {
        const m = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
          documents: { status: string; reason?: string }[];
        };
        const e = m.documents[0]!;
        note = e.reason ? e.reason.slice(0, 110) : e.status;
      } catch {
        note = `exit ${r.code}: ${r.stderr.trim().split('\n').at(-1) ?? ''}`;
      }
      out.push({ what: c.what, pages: c.pages, ms: r.ms, rssMb: r.peakMb, note });
      rmSync(outDir, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
