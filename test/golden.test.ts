import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../src/pipeline.js';
import { squash } from '../src/text/compact.js';

/**
 * Golden tests: every table cell of every seed against a hand-built, arithmetic-verified expected
 * file (test/golden/*.json, see test/golden/NOTES.md for how each was checked). Any difference in a
 * key, a value, a missing or extra cell fails.
 */
interface GoldenRow { key: string; label: string; values: Record<string, string>; code?: string; level?: string }
interface Golden {
  seed: string; department: string; year: number; unit: string; parts: number[];
  tables: { id: string; rows: GoldenRow[] }[];
}

const GOLDEN = join(__dirname, 'golden');
const SAMPLES = join(__dirname, '..', 'samples');
const goldens = readdirSync(GOLDEN).filter((f) => /^\d{3}_[0-9a-f]+\.json$/.test(f));

describe.each(goldens)('golden %s', (file) => {
  const golden = JSON.parse(readFileSync(join(GOLDEN, file), 'utf8')) as Golden;
  const samplePath = join(SAMPLES, golden.seed);

  it('has its sample', () => expect(existsSync(samplePath)).toBe(true));

  it('matches document, parts and every table cell', async () => {
    const result = await extractDocument({ path: samplePath, bytes: readFileSync(samplePath) });
    const record = result.record!;
    expect(record, result.reason).toBeTruthy();
    expect(record.document.department).toBe(golden.department);
    expect(record.document.year).toBe(golden.year);
    expect(record.document.unit).toBe(golden.unit);
    expect(record.parts.map((p) => p.part)).toEqual(golden.parts);
    expect(record.tables.map((t) => t.id)).toEqual(golden.tables.map((t) => t.id));
    const problems: string[] = [];
    let cells = 0;
    for (const gt of golden.tables) {
      const table = record.tables.find((t) => t.id === gt.id)!;
      const got = new Map(table.rows.map((r) => [r.key, r]));
      const want = new Set(gt.rows.map((r) => r.key));
      for (const key of got.keys()) if (!want.has(key)) problems.push(`${gt.id} ${key}: extra row`);
      for (const gr of gt.rows) {
        const row = got.get(gr.key);
        if (!row) { problems.push(`${gt.id} ${gr.key}: row missing`); continue; }
        cells += Object.keys(gr.values).length;
        for (const col of new Set([...Object.keys(gr.values), ...Object.keys(row.values)])) {
          if (gr.values[col] !== row.values[col]) problems.push(`${gt.id} ${gr.key} 栏${col}: expected ${gr.values[col] ?? '(empty)'}, got ${row.values[col] ?? '(empty)'}`);
        }
        if (squash(gr.label) !== squash(row.label)) problems.push(`${gt.id} ${gr.key}: label "${row.label}" ≠ "${gr.label}"`);
        if (gr.code !== undefined && gr.code !== row.code) problems.push(`${gt.id} ${gr.key}: code ${row.code} ≠ ${gr.code}`);
        if (gr.level !== undefined && gr.level !== row.level) problems.push(`${gt.id} ${gr.key}: level ${row.level} ≠ ${gr.level}`);
      }
    }
    expect(problems).toEqual([]);
    expect(cells).toBe(golden.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + Object.keys(r.values).length, 0), 0));
  });
});
