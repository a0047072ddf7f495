import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../src/pipeline.js';
import { GOLDEN_DIR, compareTables, type Golden } from './helpers/golden.js';

/**
 * Golden tests: every table cell of every seed against a hand-built, arithmetic-verified expected
 * file (test/golden/*.json, see test/golden/NOTES.md for how each was checked). Any difference in a
 * key, a value, a missing or extra cell fails.
 */
const SAMPLES = join(__dirname, '..', 'samples');
const goldens = readdirSync(GOLDEN_DIR).filter((f) => /^\d{3}_[0-9a-f]+\.json$/.test(f));

describe.each(goldens)('golden %s', (file) => {
  const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as Golden;
  const samplePath = join(SAMPLES, golden.seed);

  it('has its sample', () => expect(existsSync(samplePath)).toBe(true));

  it('matches document, parts and every table cell', async () => {
    const result = await extractDocument({ path: samplePath, bytes: readFileSync(samplePath) });
    const record = result.record!;
    expect(record, result.reason).toBeTruthy();
    expect(record.document).toEqual({ department: golden.department, year: golden.year, unit: golden.unit });
    expect(record.parts.map((p) => p.part)).toEqual(golden.parts);
    const { problems, cells } = compareTables(record, golden);
    expect(problems).toEqual([]);
    expect(cells).toBe(
      golden.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + Object.keys(r.values).length, 0), 0),
    );
  });
});
