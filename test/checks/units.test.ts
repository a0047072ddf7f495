import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '../../src/decimal.js';
import { extractDocument } from '../../src/pipeline.js';
import type { Finding } from '../../src/schema/finding.js';

/**
 * Unit check (issue 5 item 4) on synthetic variants of seed 000: its 公开02表 (text lines 118–155,
 * between "公开 02 表" and "公开 03 表") printed in 元, and the whole report in 元.
 */
const SAMPLE = join(__dirname, '..', '..', 'samples', '000_d920656d4c30e573.txt');
const text = readFileSync(SAMPLE, 'utf8');

/** Seed 000 with its 02's header saying 元; `scale` also rewrites 02's amounts ×10000 (as a 元 table would print them). */
function with02InYuan(scale: boolean): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^公开\s*02\s*表/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^公开\s*03\s*表/.test(l));
  expect(start).toBeGreaterThan(0);
  for (let i = start; i < end; i++) {
    let l = lines[i]!.replace('金额单位：万元', '金额单位：元');
    if (scale)
      l = l
        .split('\t')
        .map((c) => (/^\d+\.\d{2}$/.test(c) ? new Decimal(c).mul(10000).toFixed(2) : c))
        .join('\t');
    lines[i] = l;
  }
  return lines.join('\n');
}

const run = (t: string, name: string) => extractDocument({ path: name, bytes: Buffer.from(t, 'utf8') });
const failing = (fs: Finding[], prefix: string) =>
  fs.filter((f) => f.check.startsWith(prefix) && (f.level === 'warn' || f.level === 'error'));

describe('money units', () => {
  it('a 02 in 元 inside a 万元 report is recorded, and 01↔02 / 02↔04 compare after ×10000', async () => {
    const r = await run(with02InYuan(true), 'unit-02-yuan.txt');
    const rec = r.record!;
    expect(rec.document.unit).toBe('万元');
    const t02 = rec.tables.find((t) => t.id === '02')!;
    expect(t02.unit).toBe('元');
    expect(rec.tables.filter((t) => t.id !== '02' && t.id !== '10').every((t) => t.unit === '万元')).toBe(true);
    // 合计 本年收入合计 306.02 万元 = 3,060,200.00 元, printed as such.
    expect(t02.rows.find((x) => x.key === 'total')!.values['1']).toBe('3060200.00');
    expect(r.findings.find((f) => f.check === 'table.unit-differs')).toMatchObject({
      level: 'warn',
      table: '02',
      expected: '万元',
      actual: '元',
    });
    // 01 L27 306.02 万元 vs 02 合计 3060200.00 元: equal once converted, so no cross-table alarm.
    expect(failing(r.findings, 'xref.01-02')).toEqual([]);
    expect(failing(r.findings, 'xref.02-04')).toEqual([]);
    expect(failing(r.findings, 't02.')).toEqual([]);
  });

  it('a 02 whose header says 元 but whose amounts are 万元 figures fails the cross-table identities', async () => {
    const r = await run(with02InYuan(false), 'unit-02-mislabelled.txt');
    const f = failing(r.findings, 'xref.01-02.income')[0]!;
    // 01 L27 306.02 万元 = 3060200 元 vs 02 合计 306.02 元.
    expect(f).toMatchObject({ level: 'error', actual: '3060200.00', expected: '306.02' });
    expect(f.message).toContain('按元比较');
  });

  it('a report wholly in 元 is detected as such, and its identities hold as printed', async () => {
    const r = await run(text.replaceAll('金额单位：万元', '金额单位：元'), 'unit-all-yuan.txt');
    expect(r.record!.document.unit).toBe('元');
    expect(r.record!.tables.filter((t) => t.id !== '10').every((t) => t.unit === '元')).toBe(true);
    expect(r.findings.filter((f) => f.check === 'table.unit-differs')).toEqual([]);
    expect(r.findings.filter((f) => /^(t\d\d|xref)\./.test(f.check) && f.level !== 'info')).toEqual([]);
  });
});
