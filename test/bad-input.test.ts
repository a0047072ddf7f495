import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../src/pipeline.js';
import { DocumentRecord } from '../src/schema/record.js';

const enc = (s: string) => new TextEncoder().encode(s);
const seed = (name: string) => readFileSync(join(__dirname, '..', 'samples', name), 'utf8');

describe('bad input never crashes and never invents numbers', () => {
  it('empty file → failed InputUnreadable', async () => {
    const r = await extractDocument({ path: 'e.txt', bytes: new Uint8Array() });
    expect(r.status).toBe('failed');
    expect(r.errorKind).toBe('InputUnreadable');
    expect(r.findings[0]!.level).toBe('error');
  });

  it('binary garbage → failed InputUnreadable', async () => {
    const r = await extractDocument({
      path: 'g.txt',
      bytes: Uint8Array.from({ length: 9000 }, (_, i) => (i * 31) % 256),
    });
    expect(r.status).toBe('failed');
    expect(r.errorKind).toBe('InputUnreadable');
  });

  it('a text that is not a 决算 report → failed LayoutUnknown', async () => {
    const r = await extractDocument({
      path: 'n.txt',
      bytes: enc('关于开展2024年度植树活动的通知\n各单位：\n请于3月12日前报送名单。\n'),
    });
    expect(r.status).toBe('failed');
    expect(r.errorKind).toBe('LayoutUnknown');
  });

  it('a report with its 第二部分 cut after two tables → partial-looking record with the rest logged as missing', async () => {
    const text = seed('000_d920656d4c30e573.txt');
    const cut =
      text.slice(0, text.indexOf('支出决算表\n\n公开 03 表')) + '\n第三部分 2024 年度部门决算情况说明\n正文\n';
    const r = await extractDocument({ path: 'cut.txt', bytes: enc(cut) });
    expect(r.record!.tables.map((t) => t.id)).toEqual(['01', '02']);
    expect(r.status).toBe('partial');
    expect(r.reason).toContain('03');
    const missing = r.findings.find((f) => f.check === 'segment.table-missing')!;
    expect(missing.message).toContain('03');
    expect(missing.message).toContain('10');
    // The cross-table rules that need 03 are logged as not evaluated.
    expect(r.findings.some((f) => f.check === 'check.not-evaluated' && f.message.includes('xref.01-03'))).toBe(true);
  });

  it('a table truncated mid-way keeps only the printed rows and the sums say so', async () => {
    const text = seed('000_d920656d4c30e573.txt');
    const at = text.indexOf('\t\t2080505 机关事业单位基本养老保险缴费支出');
    const truncated = text.slice(0, at) + '\n支出决算表\n' + text.slice(text.indexOf('公开 03 表'));
    const r = await extractDocument({ path: 't.txt', bytes: enc(truncated) });
    const t02 = r.record!.tables.find((t) => t.id === '02')!;
    expect(t02.rows.some((x) => x.key === 'code:2080505')).toBe(false);
    expect(t02.rows.find((x) => x.key === 'code:20805')!.values['1']).toBe('33.72');
    // 208 = Σ its 款 no longer holds: 34.10 vs 0.38 → a warn/error naming both sides.
    const f = r.findings.find((x) => x.check === 't02.hierarchy' && x.row === 'code:208' && x.column === '1')!;
    expect(['warn', 'error']).toContain(f.level);
    expect(f.actual).toBe('34.10');
  });

  it('seed 002 (tables published as images) yields parts 1, 3, 4, 5 and says its tables are absent', async () => {
    const r = await extractDocument({ path: '002.txt', bytes: enc(seed('002_a838d3b4e8b3980b.txt')) });
    expect(r.record!.parts.map((p) => p.part)).toEqual([1, 3, 4, 5]);
    expect(r.record!.tables).toEqual([]);
    expect(r.status).toBe('partial');
    const f = r.findings.find((x) => x.check === 'segment.table-missing')!;
    expect(f.level).toBe('error');
    expect(f.message).toMatch(/未找到任何公开表/);
  });

  it.each([
    '000_d920656d4c30e573.txt',
    '001_601db7814e7d3dfd.txt',
    '002_a838d3b4e8b3980b.txt',
    '003_a3f56a15a6024790.txt',
    '004_bcb08b1b25316800.txt',
  ])('%s record validates against the zod schema', async (name) => {
    const r = await extractDocument({ path: name, bytes: enc(seed(name)) });
    expect(() => DocumentRecord.parse(r.record)).not.toThrow();
  });
});
