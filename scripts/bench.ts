/**
 * `npm run bench`: throughput and memory of the batch on the bundled samples, as ONE table.
 *
 * Input kinds are found by globbing `samples/` (data-driven, so new samples join automatically):
 * text = every *.txt; OCR = *.pdf under a folder or name containing "scan" or "ocr"; native PDF =
 * every other *.pdf. Each kind runs at concurrency 1 and N (the cores) in a fresh child process
 * (so its peak RSS — worker threads included, they share the process — is its own), through the
 * real worker pool, after a warm-up pass (every sample once per worker). Baselines run in the same invocation when
 * available: bare pdfjs extraction (`bareExtract` of src/ingest/pdfjs.ts, once that lands),
 * `pdftotext -layout` and the `tesseract` CLI (OMP_THREAD_LIMIT=1) when installed.
 *
 * BENCH_MIN_DOCS (default 16) repeats a small sample set so each timed run has enough documents
 * for the speed-up to mean something.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectInputs, type InputFile } from '../src/batch/inputs.js';
import { WorkerPool } from '../src/batch/pool.js';
import { runBatch, type BatchInput } from '../src/batch/run.js';
import { pipelineModuleUrl, pipelineVersion } from '../src/batch/version.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SAMPLES = join(ROOT, 'samples');
type Kind = 'text' | 'native PDF' | 'OCR';

interface Measure {
  docs: number;
  pages: number;
  ms: number;
  rssMb: number;
  ok: number;
  failed: number;
}

function kinds(): Map<Kind, InputFile[]> {
  const all = collectInputs([SAMPLES]);
  const m = new Map<Kind, InputFile[]>([['text', []], ['native PDF', []], ['OCR', []]]);
  for (const f of all) {
    if (f.rel.endsWith('.txt')) m.get('text')!.push(f);
    else if (/(^|\/)[^/]*(scan|ocr)/i.test(f.rel)) m.get('OCR')!.push(f);
    else m.get('native PDF')!.push(f);
  }
  return m;
}

function repeated(files: InputFile[]): BatchInput[] {
  const min = Number(process.env.BENCH_MIN_DOCS ?? 16);
  const reps = Math.max(1, Math.ceil(min / files.length));
  const out: BatchInput[] = [];
  for (let r = 0; r < reps; r++) for (const [i, f] of files.entries()) out.push({ ...f, output: `d${i}~r${r}` });
  return out;
}

/** Child: one timed batch of one kind at one concurrency; prints a Measure as JSON. */
async function child(kind: Kind, concurrency: number): Promise<void> {
  const files = kinds().get(kind)!;
  const inputs = repeated(files);
  const moduleUrl = pipelineModuleUrl();
  const pool = new WorkerPool({ size: concurrency, pipelineModule: moduleUrl, timeoutMs: 600_000, memoryMb: 2048 });
  const out = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
  try {
    // Warm-up outside the timing: start every worker, load the pipeline (pdfjs, tesseract) and let
    // V8 optimize it, by giving the pool each sample once per worker. The table is about the steady
    // state of a long nightly batch, not about JIT warm-up of a 20-document run.
    const warm = Array.from({ length: concurrency }, () => files).flat();
    await Promise.all(warm.map((f) => pool.run({ path: f.path, bytes: readFileSync(f.abs), options: { ocr: 'auto', foldGlyphs: true } })));
    const log = { info() {}, warn() {}, debug() {} };
    const t0 = performance.now();
    const s = await runBatch(inputs, {
      outDir: out, force: true, concurrency, strict: false, extract: { ocr: 'auto', foldGlyphs: true },
      pipelineVersion: await pipelineVersion(moduleUrl),
    }, { executor: pool, log });
    const ms = performance.now() - t0;
    const m: Measure = { docs: inputs.length, pages: s.pages, ms, rssMb: process.resourceUsage().maxRSS / 1024, ok: s.ok + s.partial, failed: s.failed };
    process.stdout.write(JSON.stringify(m) + '\n');
  } finally {
    await pool.close();
    rmSync(out, { recursive: true, force: true });
  }
}

/** Child: bare pdfjs text + operator-list extraction over the native PDFs, one document at a time. */
async function bareChild(kind: Kind): Promise<void> {
  const url = pathToFileURL(join(ROOT, 'dist', 'src', 'ingest', 'pdfjs.js')).href;
  let bareExtract: ((bytes: Uint8Array) => Promise<{ pages?: number } | unknown>) | undefined;
  try {
    bareExtract = ((await import(url)) as { bareExtract?: typeof bareExtract }).bareExtract;
  } catch {
    bareExtract = undefined;
  }
  if (!bareExtract) {
    process.stdout.write('null\n');
    return;
  }
  const inputs = repeated(kinds().get(kind)!);
  let pages = 0;
  const t0 = performance.now();
  for (const f of inputs) {
    const r = (await bareExtract(new Uint8Array(readFileSync(f.abs)))) as { pages?: number } | undefined;
    pages += typeof r?.pages === 'number' ? r.pages : 0;
  }
  const m: Measure = { docs: inputs.length, pages, ms: performance.now() - t0, rssMb: process.resourceUsage().maxRSS / 1024, ok: inputs.length, failed: 0 };
  process.stdout.write(JSON.stringify(m) + '\n');
}

function runChild(args: string[]): Measure | null | string {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return `child failed: ${(r.stderr || '').trim().split('\n').at(-1) ?? r.status}`;
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? 'null') as Measure | null;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function pdfPages(file: string): number {
  if (!has('pdfinfo')) return 0;
  const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return m ? Number(m[1]) : 0;
}

/** A CLI over every file, one at a time; peak RSS is the largest child's. */
function cliBaseline(files: InputFile[], run: (f: InputFile, dir: string) => string[][]): Measure {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-bench-cli-'));
  let pages = 0;
  let rss = 0;
  const t0 = performance.now();
  try {
    for (const f of files) {
      pages += pdfPages(f.abs);
      for (const argv of run(f, dir)) {
        // GNU time reports the child's peak RSS; without it the run is timed all the same.
        const timed = existsSync('/usr/bin/time');
        const [cmd, ...rest] = timed ? ['/usr/bin/time', '-f', '%M', ...argv] : argv;
        const r = spawnSync(cmd!, rest, { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        if (timed) rss = Math.max(rss, Number((r.stderr ?? '').trim().split('\n').at(-1)) / 1024 || 0);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { docs: files.length, pages, ms: performance.now() - t0, rssMb: rss, ok: files.length, failed: 0 };
}

function main(): void {
  const n = availableParallelism();
  const rows: string[][] = [];
  const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const add = (what: string, conc: string, m: Measure | null | string, speedup = '', note = '') => {
    if (m === null || typeof m === 'string') {
      rows.push([what, conc, '—', '—', '—', '—', '—', '—', typeof m === 'string' ? m : note || 'not available']);
      return;
    }
    const s = m.ms / 1000;
    rows.push([what, conc, String(m.docs), m.pages ? String(m.pages) : '—', fmt(m.docs / s, 2), m.pages ? fmt(m.pages / s, 2) : '—', speedup, fmt(m.rssMb, 0), note || `${m.ok} ok, ${m.failed} failed`]);
  };

  for (const [kind, files] of kinds()) {
    if (files.length === 0) {
      add(kind, '', null, '', 'no samples yet');
      continue;
    }
    const one = runChild(['--child', kind, '1']);
    add(kind, '1', one);
    if (n > 1) {
      const many = runChild(['--child', kind, String(n)]);
      const up = typeof one === 'object' && one && typeof many === 'object' && many ? `${fmt(one.ms / many.ms, 2)}×` : '';
      add(kind, String(n), many, up);
    }
    if (kind !== 'text') {
      add(`  bare pdfjs (${kind})`, '1', runChild(['--bare', kind]), '', '');
      if (has('pdftotext')) add(`  pdftotext -layout (${kind})`, '1', cliBaseline(files, (f, d) => [['pdftotext', '-layout', f.abs, join(d, 'o.txt')]]), '', 'per file, sequential');
      else add(`  pdftotext -layout (${kind})`, '1', null, '', 'not installed');
    }
    if (kind === 'OCR') {
      if (has('tesseract') && has('pdftoppm')) {
        add('  tesseract CLI (OCR)', '1', cliBaseline(files, (f, d) => {
          execFileSync('pdftoppm', ['-r', '300', '-png', f.abs, join(d, 'p')]);
          return readdirSync(d).filter((p) => p.endsWith('.png')).map((p) => ['tesseract', join(d, p), join(d, `${p}.out`), '-l', 'chi_sim', '--psm', '6']);
        }), '', 'pdftoppm 300 dpi + tesseract, OMP_THREAD_LIMIT=1');
      } else add('  tesseract CLI (OCR)', '1', null, '', 'tesseract/pdftoppm not installed');
    }
  }

  const head = ['input kind', 'conc', 'docs', 'pages', 'docs/s', 'pages/s', 'speed-up', 'peak RSS MiB', 'notes'];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => '| ' + r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ') + ' |';
  console.log(`juesuan bench — ${n} cores, node ${process.version}, samples in ${SAMPLES}`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

const [flag, kindArg, concArg] = process.argv.slice(2);
if (flag === '--child') await child(kindArg as Kind, Number(concArg));
else if (flag === '--bare') await bareChild(kindArg as Kind);
else main();
