/**
 * Check every fixture's text layer (poppler's pdftotext, independent of the pipeline) against its
 * truth: each printed amount of the truth must occur in the text at least as often as the truth
 * holds it, and each code (3/5/7 digits, or its 类|款|项 parts) must be there. Kangxi radicals are
 * folded first. Exit 1 when a fixture misses something: a producer that drops or garbles text
 * would otherwise pass unnoticed into the corpus.
 *
 *   npx tsx scripts/corpus/verify.ts [DIR] [--shared /work/shared]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { foldGlyphs } from '../../src/normalize/glyphs.js';
import { loadTruth } from './doc.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const AMOUNT = /-?\d[\d,]*\.\d\d(?!\d)/g;

function count<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

export function verifyFixture(pdf: string, truthDir: string): string[] {
  const stem = path.basename(pdf).split('.')[0]!;
  const truth = loadTruth(truthDir, stem);
  const text = foldGlyphs(
    execFileSync('pdftotext', ['-layout', pdf, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ).text;
  const found = count([...text.matchAll(AMOUNT)].map((m) => m[0].replace(/,/g, '')));
  const wanted: string[] = [];
  const codes = new Set<string>();
  for (const t of Object.values(truth.tables)) {
    for (const [key, values] of Object.entries(t.rows)) {
      for (const v of Object.values(values)) if (/\.\d\d$/.test(v)) wanted.push(v);
      const code = /^code:(\d+)$/.exec(key)?.[1];
      if (code) codes.add(code);
    }
  }
  const problems: string[] = [];
  for (const [v, n] of count(wanted)) {
    const got = found.get(v) ?? 0;
    if (got < n) problems.push(`amount ${v}: ${got} of ${n}`);
  }
  const flat = text.replace(/\s+/g, ' ');
  for (const code of codes) {
    // Whole code, or (split layouts) its last part next to the name: accept the 项/款 suffix.
    const tail = code.length > 3 ? code.slice(-2) : code;
    if (!flat.includes(code) && !new RegExp(`(^|\\D)${tail}(\\D|$)`).test(flat)) problems.push(`code ${code} absent`);
  }
  return problems;
}

function main(): void {
  const args = process.argv.slice(2);
  const si = args.indexOf('--shared');
  const shared = si >= 0 ? args[si + 1]! : (process.env.JUESUAN_SHARED ?? '/work/shared');
  const dir =
    args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--shared') ??
    path.join(ROOT, 'test/fixtures/producers');
  let bad = 0;
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.pdf'))
    .sort()) {
    const problems = verifyFixture(path.join(dir, f), path.join(shared, 'truth'));
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '} ${f}${problems.length ? `: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? ` … (${problems.length})` : ''}` : ''}`,
    );
    if (problems.length) bad++;
  }
  if (bad) process.exit(1);
}

main();
