/**
 * `npm run bench:stages`: wall-clock figures of single stages, as ONE table. Speed belongs here,
 * not in tests: the tests check what each stage does (glyph folding's work grows linearly with its
 * text, counted; the OCR pool fails before arming a timer, and gives up by its own timeout under
 * fake timers), and this script measures how long it takes on this machine.
 *
 * - normalizeText on a dense worst case (about half the characters replaced) at 10 000 and 40 000
 *   chunks, best of BENCH_STAGE_RUNS (default 3): linear work takes ~4× as long for 4× the text.
 * - normalizeText on seed 003 a hundred times (1.9 M characters, 4.3 MB of UTF-8; a report is
 *   ~20 K characters).
 * - The OCR pool's start-up failures: language data missing (fails at once) and language data that
 *   never arrives (a loopback server that never answers), against a 1 500 ms start-up timeout.
 *
 * The "bound" column is what the tests used to assert on the clock; "ok" means within it here.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../src/normalize/glyphs.js';
import { createOcrPool } from '../src/ingest/ocr/ocr.js';
import { renderTable } from './lib/text-table.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SEED_003 = join(ROOT, 'samples', '003_a3f56a15a6024790.txt');
const RUNS = Number(process.env.BENCH_STAGE_RUNS ?? 3);

/** Best wall time of `runs` calls, in ms. */
function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function elapsed(fn: () => Promise<unknown>): Promise<{ ms: number; outcome: string }> {
  const t0 = performance.now();
  const outcome = await fn().then(
    () => 'started',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  return { ms: performance.now() - t0, outcome };
}

/** Size in MB of UTF-8, and in millions of characters (the tests' "1.9 MB" counted characters). */
const mb = (s: string) => Buffer.byteLength(s, 'utf8') / 1e6;
const mchars = (s: string) => s.length / 1e6;
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 0);
const within = (ok: boolean) => (ok ? 'ok' : 'OVER');
const rows: string[][] = [];

// Glyph folding and the other normalize passes.
const chunk = '⼀般公共服务⽀出\u3000２，６９３．８８（室）⻔⺠\t\n';
const dense = [10_000, 40_000].map((n) => {
  const text = chunk.repeat(n);
  return { n, text, ms: best(RUNS, () => normalizeText(text)) };
});
const ratio = dense[1]!.ms / Math.max(dense[0]!.ms, 1);
for (const d of dense) {
  rows.push([
    'normalizeText, dense',
    `${d.n.toLocaleString('en')} chunks (${mchars(d.text).toFixed(2)} M chars, ${mb(d.text).toFixed(2)} MB)`,
    fmt(d.ms),
    `${(mb(d.text) / (d.ms / 1000)).toFixed(1)} MB/s`,
    '',
    '',
  ]);
}
rows.push([
  'normalizeText, dense',
  '40,000 ÷ 10,000 chunks',
  '',
  `× ${ratio.toFixed(2)} time`,
  '< × 10',
  within(ratio < 10),
]);
const seed = readFileSync(SEED_003, 'utf8').repeat(100);
const seedMs = best(RUNS, () => normalizeText(seed));
rows.push([
  'normalizeText, seed 003 × 100',
  `${mchars(seed).toFixed(2)} M chars, ${mb(seed).toFixed(2)} MB`,
  fmt(seedMs),
  `${(mb(seed) / (seedMs / 1000)).toFixed(1)} MB/s`,
  '< 1500 ms',
  within(seedMs < 1500),
]);

// The OCR pool's start-up failures.
const missing = await elapsed(() => createOcrPool({ size: 1, langPath: '/nonexistent/tessdata', timeoutMs: 20_000 }));
rows.push([
  'OCR pool, language data missing',
  '1 worker, timeout 20,000 ms',
  fmt(missing.ms),
  /language data not found/.test(missing.outcome) ? 'failed: data not found' : missing.outcome,
  '< 5000 ms',
  within(missing.ms < 5000),
]);
const server = createServer(() => {});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const never = await elapsed(() => createOcrPool({ size: 2, langPath: url, timeoutMs: 1_500 }));
server.closeAllConnections();
await new Promise((r) => server.close(r));
rows.push([
  'OCR pool, language data never arrives',
  '2 workers, timeout 1,500 ms',
  fmt(never.ms),
  /did not start within 1500 ms/.test(never.outcome) ? `timed out, +${fmt(never.ms - 1500)} ms` : never.outcome,
  '1,400–10,000 ms',
  within(never.ms >= 1400 && never.ms < 10_000),
]);

console.log(renderTable(['stage', 'input', 'ms', 'figure', 'bound', ''], rows));
