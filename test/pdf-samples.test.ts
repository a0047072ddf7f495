import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../src/pipeline.js';
import { loadGolden, compareTables } from './helpers/golden.js';

/**
 * Each sample PDF (rendered from a seed, in clean / Kangxi-glyph / split-page / no-ruling variants)
 * must give the seed's golden tables cell for cell, read from geometry alone.
 */
const DIR = join(__dirname, '..', 'samples', 'pdf');
const pdfs = readdirSync(DIR).filter((f) => /^\d{3}-[a-z]+\.pdf$/.test(f));

describe.each(pdfs)('sample PDF %s', (file) => {
  it('gives the golden tables of its seed, and the same record as the text', async () => {
    const path = join(DIR, file);
    const r = await extractDocument({ path, bytes: readFileSync(path) });
    expect(r.record, r.reason).toBeTruthy();
    const golden = loadGolden(file.slice(0, 3));
    expect(r.record!.source.format).toBe('pdf');
    expect(r.record!.source.textLayer).toBe('native');
    expect(r.record!.document).toEqual({ department: golden.department, year: golden.year, unit: golden.unit });
    const { problems } = compareTables(r.record!, golden);
    expect(problems).toEqual([]);
    for (const t of r.record!.tables) expect(t.pages.length).toBeGreaterThan(0);
  });
});
