import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument, type DocumentResult } from '../../src/pipeline.js';
import { applyCorrections } from '../../src/corrections/apply.js';
import { CorrectionSet, loadCorrections } from '../../src/corrections/load.js';
import type { Correction } from '../../src/corrections/schema.js';
import { FINDING_CODES } from '../helpers/finding-codes.js';
import { DocumentRecord } from '../../src/schema/record.js';
import type { Finding } from '../../src/schema/finding.js';
import { readManifest } from '../../src/batch/manifest.js';
import { exportJsonl } from '../../src/export/jsonl.js';
import { tempDir } from '../helpers/build.js';
import { MISREAD, misread, sample, extractFolder } from '../helpers/misread.js';

const TEXT = '000_d920656d4c30e573.txt';
let clean: DocumentResult;
let bad: DocumentResult;

const cellOf = (r: DocumentRecord, table: string, row: string) =>
  r.tables.find((t) => t.id === table)!.rows.find((x) => x.key === row)!;
// What corrections are about: warnings on the tables' cells. (The text of seed 000 keeps a real
// leftover placeholder, an audit warning no correction of a cell touches.)
const serious = (fs: Finding[]) => fs.filter((f) => f.level !== 'info' && f.table !== undefined);

function fix(over: Partial<Correction> = {}): Correction {
  return {
    sha256: bad.record!.source.sha256,
    table: MISREAD.table,
    row: MISREAD.row,
    column: MISREAD.column,
    value: MISREAD.printed,
    was: MISREAD.read,
    by: '审核员甲',
    at: '2026-11-26',
    ...over,
  } as Correction;
}

beforeAll(async () => {
  clean = await extractDocument({ path: TEXT, bytes: new Uint8Array(sample(TEXT)) });
  bad = misread(clean);
});

describe('corrections', () => {
  it('the misread fixture is flagged at its cell, with the cell box', () => {
    expect(serious(clean.findings)).toEqual([]);
    const at = serious(bad.findings).filter(
      (f) => f.table === MISREAD.table && f.row === MISREAD.row && f.column === MISREAD.column,
    );
    expect(at.length).toBeGreaterThan(0);
    // Text input: the box is [line, startColumn, line, endColumn] of the cell in the file.
    expect(at[0]!.box).toEqual(cellOf(bad.record!, MISREAD.table, MISREAD.row).boxes![MISREAD.column]);
  });

  it('applies by sha256 + key: value, confidence 1, review.corrected (old → new), identities re-run', () => {
    const c = applyCorrections(bad.record!, bad.findings, [fix()]);
    expect(c.applied).toBe(1);
    const row = cellOf(c.record, MISREAD.table, MISREAD.row);
    expect(row.values[MISREAD.column]).toBe(MISREAD.printed);
    expect(row.cellConfidence?.[MISREAD.column] ?? row.confidence).toBe(1);
    const review = c.findings.filter((f) => f.check === 'review.corrected');
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({
      level: 'info',
      stage: 'review',
      table: '03',
      row: MISREAD.row,
      column: '1',
      actual: MISREAD.read,
      expected: MISREAD.printed,
    });
    expect(review[0]!.message).toContain(`“${MISREAD.read}”→“${MISREAD.printed}”`);
    expect(review[0]!.message).toContain('审核员甲');
    // The identities hold again: no warning is left, the record is as the clean extraction.
    expect(serious(c.findings)).toEqual([]);
    expect(c.status).toBe('ok');
    expect(c.record.tables.map((t) => t.rows.map((r) => r.values))).toEqual(
      clean.record!.tables.map((t) => t.rows.map((r) => r.values)),
    );
    for (const f of c.findings) expect(FINDING_CODES.has(f.check), f.check).toBe(true);
    expect(DocumentRecord.safeParse(c.record).success).toBe(true);
  });

  it('never by position: rows in another order get the same correction', () => {
    const shuffled = structuredClone(bad.record!);
    for (const t of shuffled.tables) t.rows.reverse();
    const c = applyCorrections(shuffled, bad.findings, [fix()]);
    expect(cellOf(c.record, MISREAD.table, MISREAD.row).values[MISREAD.column]).toBe(MISREAD.printed);
  });

  it('same record + same corrections → same output; applying again changes nothing', () => {
    const a = applyCorrections(bad.record!, bad.findings, [fix()]);
    const b = applyCorrections(structuredClone(bad.record!), structuredClone(bad.findings), [fix()]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const again = applyCorrections(a.record, a.findings, [fix()]);
    expect(again.applied).toBe(0);
    expect(again.already).toBe(1);
    expect(JSON.stringify(again.record)).toBe(JSON.stringify(a.record));
    expect(JSON.stringify(again.findings)).toBe(JSON.stringify(a.findings));
  });

  it('a correction whose row or table is gone is reported in the log, not dropped', () => {
    const without10 = { ...bad.record!, tables: bad.record!.tables.filter((t) => t.id !== '10') };
    const c = applyCorrections(without10, bad.findings, [
      fix({ row: 'code:2999999' }),
      fix({ table: '10', row: 'line:1' }),
      fix({ column: '9' }),
    ]);
    const un = c.findings.filter((f) => f.check === 'review.correction-unmatched');
    expect(un.map((f) => [f.table, f.row, f.column, f.level])).toEqual([
      ['03', 'code:2999999', '1', 'warn'],
      ['10', 'line:1', '1', 'warn'],
      ['03', MISREAD.row, '9', 'warn'],
    ]);
    expect(c.unmatched).toBe(3);
    expect(cellOf(c.record, MISREAD.table, MISREAD.row).values[MISREAD.column]).toBe(MISREAD.read);
  });

  it('two values for one cell: the last is applied and the conflict logged', () => {
    const c = applyCorrections(bad.record!, bad.findings, [fix({ value: '1.00' }), fix()]);
    expect(cellOf(c.record, MISREAD.table, MISREAD.row).values[MISREAD.column]).toBe(MISREAD.printed);
    expect(c.findings.filter((f) => f.check === 'review.correction-conflict')).toHaveLength(1);
  });

  it('accepting a reading (same value) confirms it: confidence 1, message 确认', () => {
    const row = cellOf(clean.record!, '03', 'code:201');
    const c = applyCorrections(clean.record!, clean.findings, [
      fix({ sha256: clean.record!.source.sha256, row: 'code:201', value: row.values['1']!, was: row.values['1']! }),
    ]);
    const f = c.findings.find((x) => x.check === 'review.corrected')!;
    expect(f.message).toContain('人工确认');
    expect(cellOf(c.record, '03', 'code:201').values['1']).toBe(row.values['1']);
  });

  it('loadCorrections rejects a file that is not a corrections file, naming it', () => {
    const dir = tempDir('corr');
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ kind: 'juesuan-corrections', version: 1, corrections: [{ sha256: 'x' }] }));
    expect(() => loadCorrections([file])).toThrow(/c\.json: not a juesuan corrections file/);
  });
});

describe('extract --corrections (batch) and export --corrections', () => {
  it('writes the corrected record, redoes it only when its corrections change, and re-extraction is stable', async () => {
    const root = tempDir('in');
    writeFileSync(join(root, 'misread.txt'), sample(TEXT));
    writeFileSync(join(root, 'other.txt'), sample('001_601db7814e7d3dfd.txt'));
    const plain = tempDir('out');
    await extractFolder(root, plain);
    const sha = readManifest(plain, '').documents.find((e) => e.output === 'misread')!.sha256;
    const corr = new CorrectionSet([
      { ...fix(), sha256: sha },
      { ...fix(), sha256: 'f'.repeat(64) }, // a document not in the run: reported by the CLI
    ]);

    const out = tempDir('out');
    const first = await extractFolder(root, out, corr);
    expect(first.corrections).toEqual({ applied: 1, unmatched: 0 });
    const rec1 = readFileSync(join(out, 'misread.json'), 'utf8');
    const log1 = readFileSync(join(out, 'misread.log.jsonl'), 'utf8');
    expect(cellOf(JSON.parse(rec1), MISREAD.table, MISREAD.row).values['1']).toBe(MISREAD.printed);
    expect(log1).toContain('"check":"review.corrected"');
    const entry = readManifest(out, '').documents.find((e) => e.output === 'misread')!;
    expect(entry.corrections).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.outcome).toBe('ok');

    // Same corrections: nothing redone. Other corrections: only that document redone.
    const second = await extractFolder(root, out, corr);
    expect(second.skipped).toBe(2);
    const third = await extractFolder(root, out, new CorrectionSet([{ ...fix(), sha256: sha, by: '乙' }]));
    expect(third.skipped).toBe(1);
    // Re-extraction with the same corrections gives the same record, byte for byte.
    const again = tempDir('out');
    await extractFolder(root, again, corr);
    expect(readFileSync(join(again, 'misread.json'), 'utf8')).toBe(rec1);

    // export --corrections on the uncorrected folder gives the corrected cells.
    const to = join(tempDir('x'), 'd.jsonl');
    const orphans: Correction[] = [];
    exportJsonl(plain, to, undefined, { corrections: corr, onOrphan: (c) => orphans.push(c) });
    const lines = readFileSync(to, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const cell = lines.find(
      (l) =>
        l.kind === 'cells' &&
        l.document === 'misread' &&
        l.table_id === '03' &&
        l.row_key === MISREAD.row &&
        l.column_no === 1,
    )!;
    expect([cell.value, cell.confidence]).toEqual([MISREAD.printed, 1]);
    expect(lines.some((l) => l.kind === 'findings' && l.check === 'review.corrected')).toBe(true);
    const doc = lines.find((l) => l.kind === 'documents' && l.document === 'misread')!;
    // One warn: the text's leftover placeholder (audit.placeholder), no cell's.
    expect([doc.status, doc.warn, doc.error]).toEqual(['ok', 1, 0]);
    expect(orphans.map((c) => c.sha256)).toEqual(['f'.repeat(64)]);
  });
});
