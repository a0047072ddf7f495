import { describe, expect, it } from 'vitest';
import { absentTemplateRows } from '../../src/checks/absent-rows.js';
import type { Table } from '../../src/schema/record.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import { SHANGHAI_9 } from '../../parsers/shanghai-9.js';

/** Table 10 (行次 1–10) with the given lines read, blank or not. */
const table10 = (lines: number[]): Table => ({
  id: '10',
  title: '国有资产占用情况表',
  unit: '辆',
  pages: [1],
  columns: [{ no: 1, name: '数量' }],
  rows: lines.map((line) => ({
    key: `line:${line}`,
    line,
    label: '',
    values: (line === 1 ? { '1': '3' } : {}) as Record<string, string>,
  })),
});

describe('absentTemplateRows', () => {
  it('is silent when every template 行次 was read, blank rows included', () => {
    expect(absentTemplateRows([table10([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], JIANGXI_10)).toEqual([]);
  });

  it('names the table and every 行次 it lacks, with a warn that covers its blanks', () => {
    const [f, ...rest] = absentTemplateRows([table10([2, 3, 4, 5, 6, 8, 9, 10])], JIANGXI_10);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ level: 'warn', check: 'table.rows-missing', table: '10' });
    expect(f!.row).toBeUndefined();
    expect(f!.message).toContain('行次 1、7');
  });

  it('judges neither a table read without rows (reported elsewhere) nor a template that prints no 行次', () => {
    expect(absentTemplateRows([table10([])], JIANGXI_10)).toEqual([]);
    const partial01: Table = { ...table10([1]), id: '01', title: '收入支出决算总表', unit: '万元' };
    expect(absentTemplateRows([partial01], SHANGHAI_9)).toEqual([]);
    expect(absentTemplateRows([partial01], JIANGXI_10)[0]!.message).toContain('62 个行次中有 61 个');
  });

  it('names a code-keyed table where a 类 or 款 prints amounts with no code below it', () => {
    const row = (code: string, v?: string) => ({
      key: `code:${code}`,
      code,
      label: code,
      values: (v ? { '1': v } : {}) as Record<string, string>,
    });
    const t05 = (rows: ReturnType<typeof row>[]): Table => ({
      id: '05',
      title: '一般公共预算财政拨款支出决算表',
      unit: '万元',
      pages: [1],
      columns: [{ no: 1, name: '合计' }],
      rows,
    });
    const whole = [row('201', '1.41'), row('20136', '1.41'), row('2013650', '1.41')];
    expect(absentTemplateRows([t05(whole)], JIANGXI_10)).toEqual([]);
    const [f, ...rest] = absentTemplateRows([t05(whole.slice(0, 2))], JIANGXI_10);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ level: 'warn', check: 'table.children-missing', table: '05' });
    expect(f!.message).toContain('20136');
    // A blank parent lost nothing; Shanghai prints the same classification, so it is judged too.
    expect(absentTemplateRows([t05([row('201'), row('20136')])], JIANGXI_10)).toEqual([]);
    expect(absentTemplateRows([t05(whole.slice(0, 2))], SHANGHAI_9)).toHaveLength(1);
  });
});
