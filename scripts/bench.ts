/**
 * `npm run bench`: throughput and memory of the batch on the bundled samples, as ONE table.
 *
 * Input kinds come from globbing `samples/` (see lib/bench-inputs.ts): text, native PDF, OCR. Each
 * kind runs through the real worker pool and batch runner at concurrency 1 and N (the cores), each
 * run in a fresh child process whose whole process tree is sampled for peak RSS from outside
 * (lib/tree-rss.ts), after a warm-up (the smallest sample once per worker: module loading, pdfjs
 * and tesseract start-up and JIT are not what a long nightly batch spends its time on). The child
 * also reports the CPU time of the timed part: CPU ÷ wall = how many cores were busy; and the CPU
 * the rest of the machine used meanwhile, since a shared machine skews every figure.
 *
 * Baselines in the same invocation: bare pdfjs (`bareExtract`: getTextContent + getOperatorList on
 * every page) over the same native PDFs, its ratio to the pipeline at concurrency 1 (issue 3's
 * target: the pipeline adds ≤ 30 %); seconds per OCR'd page; `pdftotext -layout` and native
 * `tesseract` (lib/bench-baselines.ts) when installed.
 *
 * BENCH_MIN_DOCS (default 12) repeats the text and native-PDF samples, BENCH_MIN_OCR_DOCS
 * (default 4) the OCR samples; BENCH_KINDS=text,native,ocr,hostile (prefixes) runs only some kinds, so each timed run has enough documents for the speed-up to mean
 * something while the whole bench stays within a few minutes on 2 cores.
 *
 * Hostile inputs (lib/bench-hostile.ts, issue 12): the peak RSS of one worker on a 2,000-page scan
 * (BENCH_SCAN_PAGES; 64 distinct page images, more than pdfjs caches, so pages are decoded one by one), a 5800 pt page, an A0 page and a 30000² image bomb, generated on the fly.
 */
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectInputs, type InputFile } from '../src/batch/inputs.js';
import { byKind, repeated, type Kind } from './lib/bench-inputs.js';
import { has, pdftotextBaseline, tesseractBaseline, type OcrPageRef } from './lib/bench-baselines.js';
import { machineBusyMs } from './lib/machine-cpu.js';
import { measuredSpawn } from './lib/measured-spawn.js';
import { renderTable } from './lib/text-table.js';
import { runHostile } from './lib/bench-hostile.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SAMPLES = join(ROOT, 'samples');
const minDocs = (kind: Kind) =>
  Number(kind === 'OCR' ? (process.env.BENCH_MIN_OCR_DOCS ?? 4) : (process.env.BENCH_MIN_DOCS ?? 12));

/** What a child reports about its timed part. */
interface Measure {
  docs: number;
  pages: number;
  ms: number;
  /** CPU time of every thread of the child during the timed part. */
  cpuMs?: number;
  /** CPU time of every other process on the machine during the timed part (shared machines). */
  othersMs?: number;
  rssMb: number;
  /** Documents that failed (baselines: none). */
  failed?: number;
}

const samples = (kind: Kind): InputFile[] => byKind(collectInputs([SAMPLES])).get(kind)!;
const smallest = (files: InputFile[]) => [...files].sort((a, b) => statSync(a.abs).size - statSync(b.abs).size)[0]!;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** Start timing: returns the wall, own-CPU and others-CPU figures when called again. */
function timer(): () => { ms: number; cpuMs: number; othersMs?: number } {
  const cpu0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const t0 = performance.now();
  return () => {
    const ms = performance.now() - t0;
    const own = cpuMs(process.cpuUsage(cpu0));
    const machine1 = machineBusyMs();
    return machine0 === null || machine1 === null
      ? { ms, cpuMs: own }
      : { ms, cpuMs: own, othersMs: Math.max(0, machine1 - machine0 - own) };
  };
}

/** Child: one timed batch of one kind at one concurrency; prints a Measure as JSON. */
async function child(kind: Kind, concurrency: number): Promise<void> {
  const { WorkerPool } = await import('../src/batch/pool.js');
  const { runBatch } = await import('../src/batch/run.js');
  const { pipelineModuleUrl } = await import('../src/batch/version.js');
  const files = samples(kind);
  const inputs = repeated(files, minDocs(kind));
  const extract = { ocr: 'auto', foldGlyphs: true } as const;
  const pool = new WorkerPool({
    size: concurrency,
    pipelineModule: pipelineModuleUrl(),
    timeoutMs: 600_000,
    memoryMb: 2048,
  });
  const out = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
  try {
    const warm = smallest(files);
    await Promise.all(
      Array.from({ length: concurrency }, () =>
        pool.run({ path: warm.path, bytes: readFileSync(warm.abs), options: extract }),
      ),
    );
    const log = { info() {}, warn() {}, debug() {} };
    const done = timer();
    // force: every input is extracted; the version string only labels the throw-away manifest.
    const s = await runBatch(
      inputs,
      { outDir: out, force: true, concurrency, strict: false, extract, pipelineVersion: 'bench' },
      { executor: pool, log },
    );
    const m: Measure = {
      docs: inputs.length,
      pages: s.pages,
      ...done(),
      rssMb: process.resourceUsage().maxRSS / 1024,
      failed: s.failed,
    };
    process.stdout.write(JSON.stringify(m) + '\n');
  } finally {
    await pool.close();
    rmSync(out, { recursive: true, force: true });
  }
}

/** Child: bare pdfjs extraction over the native PDFs (same repeated list), one document at a time. */
async function bareChild(): Promise<void> {
  const { bareExtract } = await import('../src/ingest/pdf/pdfjs.js');
  const files = samples('native PDF');
  const inputs = repeated(files, minDocs('native PDF'));
  for (const f of files) await bareExtract(new Uint8Array(readFileSync(f.abs))); // warm-up, as the pipeline's
  let pages = 0;
  const done = timer();
  for (const f of inputs) pages += (await bareExtract(new Uint8Array(readFileSync(f.abs)))).pages;
  const m: Measure = {
    docs: inputs.length,
    pages,
    ...done(),
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(m) + '\n');
}

/** Run this script in a child mode; the peak RSS is the larger of the sampled tree and the child's own. */
async function runChild(args: string[]): Promise<Measure | string> {
  const r = await measuredSpawn(process.execPath, [fileURLToPath(import.meta.url), ...args]);
  if (r.code !== 0) return `child failed: ${r.stderr.trim().split('\n').at(-1) ?? r.code}`;
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? 'null') as Measure;
  return { ...m, rssMb: Math.max(m.rssMb, r.peakMb) };
}

/** The pages juesuan OCRs in `--ocr auto`: those without a usable text layer. */
async function ocrPagesOf(files: InputFile[]): Promise<OcrPageRef[]> {
  const { ingestPdf } = await import('../src/ingest/pdf/pdf.js');
  const out: OcrPageRef[] = [];
  for (const f of files) {
    for (const page of (await ingestPdf(new Uint8Array(readFileSync(f.abs)))).pagesWithoutText)
      out.push({ file: f.abs, page });
  }
  return out;
}

async function pageCount(files: InputFile[]): Promise<number> {
  const { openPdf } = await import('../src/ingest/pdf/pdfjs.js');
  let n = 0;
  for (const f of files) {
    const doc = await openPdf(new Uint8Array(readFileSync(f.abs)));
    n += doc.numPages;
    await doc.close();
  }
  return n;
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
/** "own (+others)" cores busy during the timed part. */
const cores = (m: Measure) =>
  m.cpuMs === undefined
    ? '—'
    : fmt(m.cpuMs / m.ms, 2) + (m.othersMs === undefined ? '' : ` (+${fmt(m.othersMs / m.ms, 2)})`);
const isMeasure = (m: Measure | string | null): m is Measure => m !== null && typeof m === 'object';

async function main(): Promise<void> {
  const started = performance.now();
  const n = availableParallelism();
  const rows: string[][] = [];
  const add = (what: string, conc: string, m: Measure | string | null, speedup = '', note = '') => {
    if (!isMeasure(m)) {
      rows.push([what, conc, '—', '—', '—', '—', '—', '—', '—', typeof m === 'string' ? m : note]);
      return;
    }
    const s = m.ms / 1000;
    const failed = m.failed ? `${m.failed} FAILED; ` : '';
    rows.push([
      what,
      conc,
      String(m.docs),
      m.pages ? String(m.pages) : '—',
      fmt(m.docs / s, 2),
      m.pages ? fmt(m.pages / s, 1) : '—',
      speedup,
      cores(m),
      fmt(m.rssMb, 0),
      failed + note,
    ]);
  };

  const only = process.env.BENCH_KINDS?.split(',').map((k) => k.trim().toLowerCase());
  for (const [kind, files] of byKind(collectInputs([SAMPLES]))) {
    if (only && !only.some((k) => kind.toLowerCase().startsWith(k))) continue;
    if (files.length === 0) {
      add(kind, '', null, '', 'no samples');
      continue;
    }
    const one = await runChild(['--child', kind, '1']);
    const many = n > 1 ? await runChild(['--child', kind, String(n)]) : null;
    const up = isMeasure(one) && isMeasure(many) ? `${fmt(one.ms / many.ms, 2)}×` : '';
    let oneNote = `${files.length} samples ×${Math.ceil(minDocs(kind) / files.length)}`;
    let ocrPages: OcrPageRef[] = [];
    if (kind === 'OCR') {
      ocrPages = await ocrPagesOf(files);
      const perRep = ocrPages.length;
      if (isMeasure(one) && perRep > 0) {
        const ocred = perRep * (one.docs / files.length);
        oneNote += `; ${fmt(one.ms / 1000 / ocred, 2)} s per OCR'd page (${ocred} of ${one.pages} pages OCR'd, whole pipeline)`;
      }
    }
    add(kind, '1', one, '', oneNote);
    if (many !== null) add(kind, String(n), many, up, isMeasure(many) ? `${n} workers` : '');

    if (kind === 'native PDF') {
      const bare = await runChild(['--bare']);
      const over = isMeasure(bare) && isMeasure(one) ? one.ms / one.pages / (bare.ms / bare.pages) : NaN;
      add(
        '  bare pdfjs',
        '1',
        bare,
        '',
        Number.isFinite(over)
          ? `pipeline (conc 1) takes ${fmt(over, 2)}× bare pdfjs per page: adds ${fmt((over - 1) * 100, 0)} % (target ≤ 30 %)`
          : '',
      );
      if (has('pdftotext')) {
        const pages = await pageCount(files);
        add(
          '  pdftotext -layout',
          '1',
          await pdftotextBaseline(
            files.map((f) => f.abs),
            pages,
          ).catch((e: Error) => e.message),
          '',
          'poppler, each file once',
        );
      } else add('  pdftotext -layout', '1', null, '', 'not installed (apt-get install poppler-utils)');
    }
    if (kind === 'OCR') {
      if (has('tesseract') && ocrPages.length > 0) {
        const cli = await tesseractBaseline(ocrPages).catch((e: Error) => e.message);
        let note = 'same pages, model, 200 dpi; OMP_THREAD_LIMIT=1, full page';
        if (isMeasure(cli) && isMeasure(one)) {
          const ours = one.ms / (ocrPages.length * (one.docs / files.length));
          note = `${fmt(cli.ms / 1000 / cli.pages, 2)} s/page; juesuan ÷ tesseract = ${fmt(ours / (cli.ms / cli.pages), 2)} (${note})`;
        }
        add('  tesseract CLI', '1', cli, '', note);
      } else add('  tesseract CLI', '1', null, '', 'not installed (apt-get install tesseract-ocr)');
    }
  }

  // Hostile inputs (issue 12): peak RSS of one worker on inputs that used to grow without bound.
  if (!only || only.some((k) => 'hostile'.startsWith(k))) {
    for (const h of await runHostile(join(ROOT, 'bin', 'juesuan.js'))) {
      add(
        `hostile: ${h.what}`,
        '1',
        { docs: 1, pages: h.pages, ms: h.ms, rssMb: h.rssMb },
        '',
        `${h.note}; whole CLI process`,
      );
    }
  }

  const head = [
    'input kind',
    'conc',
    'docs',
    'pages',
    'docs/s',
    'pages/s',
    'speed-up',
    'CPU cores: own (+others)',
    'peak RSS MiB',
    'notes',
  ];
  console.log(`juesuan bench — ${n} cores, node ${process.version}, samples in ${SAMPLES}`);
  console.log(renderTable(head, rows));
  console.log(
    'peak RSS: whole process tree of each run (batch process, worker threads, children). CPU cores: CPU time ÷ wall time of the ' +
      `timed part; "+others" is every other process on the machine meanwhile (> 0.2 means the figures are skewed). Bench time ${fmt((performance.now() - started) / 1000, 0)} s; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}.`,
  );
}

const [flag, kindArg, concArg] = process.argv.slice(2);
if (flag === '--child') await child(kindArg as Kind, Number(concArg));
else if (flag === '--bare') await bareChild();
else await main();
