#!/usr/bin/env node
// Score the current pipeline on the producer corpus. Builds nothing (run `npm run build` first):
// extracts test/fixtures/producers (and, with --scans, scanned twins made into the output folder by
// dist/scripts/corpus/scan-fixtures.js), then runs the shared tools score.mjs and silent.mjs and
// prints one row per fixture and one per producer: truth cells, exact, wrong, missing, and wrong or
// missing cells that carry no flag (silent.mjs's unflagged + missing-unflagged).
//
//   node scripts/corpus/score-corpus.mjs [--shared DIR] [--out DIR] [--scans] [--no-extract] [--json FILE]
//
// --shared: the folder with truth/ and tools/ (default $JUESUAN_SHARED or /work/shared).
// --out: where records go (default: a fresh temp folder). --no-extract: score what --out holds.
// A document the pipeline failed (no record) counts all its truth cells as missing; its failure is
// itself a logged error, so they are not counted as unflagged.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const args = process.argv.slice(2);
const opt = (k) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const shared = path.resolve(opt('--shared') ?? process.env.JUESUAN_SHARED ?? '/work/shared');
const fixtures = path.join(ROOT, 'test/fixtures/producers');
const out = path.resolve(opt('--out') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-score-')));
const truthDir = path.join(shared, 'truth');
const tools = path.join(shared, 'tools');

if (!fs.existsSync(path.join(ROOT, 'dist/src'))) {
  console.error('no dist/: run `npm run build` first (this script builds nothing)');
  process.exit(2);
}

const inputs = [fixtures];
if (!args.includes('--no-extract')) {
  if (args.includes('--scans')) {
    const scanDir = path.join(out, 'scans');
    execFileSync('node', [path.join(ROOT, 'dist/scripts/corpus/scan-fixtures.js'), '--out', scanDir], {
      stdio: 'inherit',
    });
    inputs.push(scanDir);
  }
  const t0 = Date.now();
  // The pipeline's exit code says whether some document failed; failures are scored below.
  spawnSync(
    'node',
    [
      path.join(ROOT, 'bin/juesuan.js'),
      'extract',
      ...inputs,
      '--out',
      out,
      '--force',
      '--no-progress',
      '--log-level',
      'error',
    ],
    { stdio: 'inherit' },
  );
  console.log(`extracted in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out}`);
}

const run = (script) =>
  execFileSync('node', [path.join(tools, script), '--truth-dir', truthDir, '--out-dir', out], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

// score.mjs: "<name>: cells: X/Y exact (P%), wrong W, extra E, missing M, rows R/T, parts …"
const scores = new Map();
for (const line of run('score.mjs').split('\n')) {
  const m = /^(\S+): cells: (\d+)\/(\d+) exact \([^)]*\), wrong (\d+), extra (\d+), missing (\d+)/.exec(line);
  if (m) scores.set(m[1], { exact: +m[2], cells: +m[3], wrong: +m[4], extra: +m[5], missing: +m[6] });
}
// silent.mjs: "<name>.json: wrong=W flagged=F unflagged=U missing=M missing-unflagged=MU"
const silent = new Map();
for (const line of run('silent.mjs').split('\n')) {
  const m = /^(\S+)\.json: wrong=(\d+) flagged=(\d+) unflagged=(\d+) missing=(\d+) missing-unflagged=(\d+)/.exec(line);
  if (m) silent.set(m[1], +m[4] + +m[6]);
}

const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
const entries = Array.isArray(manifest) ? manifest : (manifest.entries ?? manifest.inputs ?? manifest.documents ?? []);

function truthCells(stem) {
  const t = JSON.parse(fs.readFileSync(path.join(truthDir, `${stem}.json`), 'utf8'));
  return Object.values(t.tables).reduce(
    (a, tb) => a + Object.values(tb.rows).reduce((b, r) => b + Object.keys(r).length, 0),
    0,
  );
}

/** Producer ids of scripts/corpus/fixtures.ts (the first part of a fixture's tag). */
const PRODUCERS = ['lo-writer', 'lo-calc', 'chromium', 'wkhtmltopdf', 'reportlab', 'pdfkit', 'gs', 'cairo', 'mutool'];

const rows = [];
for (const e of entries) {
  const name = e.output ?? path.basename(e.path).replace(/\.pdf$/i, '');
  const m = /^(\d{3}_[0-9a-f]+)\.(.+)$/.exec(name);
  if (!m) continue;
  const [, stem, tag] = m;
  const base = PRODUCERS.find((p) => tag.startsWith(`${p}-`)) ?? tag.split('-')[0];
  const producer = base + (tag.endsWith('-scan') ? ' (scan)' : '');
  const s = scores.get(name);
  const status = e.outcome ?? e.status;
  if (!s) {
    const cells = truthCells(stem);
    rows.push({
      name,
      stem,
      tag,
      producer,
      status: `${status}: ${(e.errorKind ?? e.reason ?? '').toString().slice(0, 40)}`,
      cells,
      exact: 0,
      wrong: 0,
      missing: cells,
      unflagged: 0,
    });
  } else {
    rows.push({ name, stem, tag, producer, status, ...s, unflagged: silent.get(name) ?? 0 });
  }
}
rows.sort((a, b) => a.producer.localeCompare(b.producer) || a.tag.localeCompare(b.tag) || a.stem.localeCompare(b.stem));

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
const line = (cols, w) => cols.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
const W = [36, 14, 6, 6, 6, 7, 10, 7];
console.log('\nPer fixture (cells = truth cells; unflagged = wrong or missing without a warn/error or low confidence)');
console.log(line(['producer-variant', 'seed', 'cells', 'exact', 'wrong', 'missing', 'unflagged', 'exact%'], W));
for (const r of rows) {
  console.log(
    line(
      [
        r.tag,
        r.stem.slice(0, 3) + (r.status === 'ok' ? '' : ` ${r.status.split(':')[0]}`),
        r.cells,
        r.exact,
        r.wrong,
        r.missing,
        r.unflagged,
        pct(r.exact, r.cells),
      ],
      W,
    ),
  );
}
const agg = new Map();
for (const r of rows) {
  const a = agg.get(r.producer) ?? { n: 0, failed: 0, cells: 0, exact: 0, wrong: 0, missing: 0, unflagged: 0 };
  a.n++;
  if (r.status.startsWith('failed')) a.failed++;
  for (const k of ['cells', 'exact', 'wrong', 'missing', 'unflagged']) a[k] += r[k];
  agg.set(r.producer, a);
}
const total = { n: 0, failed: 0, cells: 0, exact: 0, wrong: 0, missing: 0, unflagged: 0 };
console.log('\nPer producer');
console.log(line(['producer', 'files', 'cells', 'exact', 'wrong', 'missing', 'unflagged', 'exact%'], W));
for (const [p, a] of agg) {
  console.log(
    line(
      [
        p,
        `${a.n}${a.failed ? ` (${a.failed} failed)` : ''}`,
        a.cells,
        a.exact,
        a.wrong,
        a.missing,
        a.unflagged,
        pct(a.exact, a.cells),
      ],
      W,
    ),
  );
  for (const k of Object.keys(total)) total[k] += a[k];
}
console.log(
  line(
    [
      'TOTAL',
      `${total.n}${total.failed ? ` (${total.failed} failed)` : ''}`,
      total.cells,
      total.exact,
      total.wrong,
      total.missing,
      total.unflagged,
      pct(total.exact, total.cells),
    ],
    W,
  ),
);
const jsonOut = opt('--json');
if (jsonOut)
  fs.writeFileSync(
    jsonOut,
    JSON.stringify({ out, fixtures: rows, producers: Object.fromEntries(agg), total }, null, 1),
  );
