import { describe, it, expect } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';

/**
 * Space-separated tables whose empty cells vanished: the column of each number must come from the
 * identities. A tiny report: 01 anchors 02's 合计 (财政拨款 293.81, 其他收入 12.21).
 */
const report = (rows02: string[]) =>
  [
    '某单位 2024 年度部门决算',
    '第一部分 某单位概况',
    '一、职责',
    '第二部分 2024 年度部门决算表',
    '收入支出决算总表',
    '公开01表',
    '部门：某单位 2024年度 金额单位：万元',
    '项 目 行次 金额 项目（按功能分类） 行次 金额',
    '栏 次 1 栏 次 2',
    '一、一般公共预算财政拨款收入 1 293.81 一、一般公共服务支出 32 306.02',
    '八、其他收入 8 12.21 二、外交支出 33',
    '本年收入合计 27 306.02 本年支出合计 58 306.02',
    '总计 31 306.02 总计 62 306.02',
    '收入决算表',
    '公开02表',
    '本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入',
    '栏次 1 2 3 4 5 6 7',
    ...rows02,
    '注：本表反映收入情况。',
    '第三部分 情况说明',
    '正文',
  ].join('\n');

async function run(rows02: string[]) {
  const text = report(rows02);
  const r = await extractDocument({ path: 'x.txt', bytes: new TextEncoder().encode(text) });
  const t02 = r.record!.tables.find((t) => t.id === '02')!;
  return { r, rows: new Map(t02.rows.map((x) => [x.key, x])) };
}

describe('arithmetic column placement', () => {
  it('places every number where the identities hold, with a finding and confidence < 1', async () => {
    const { r, rows } = await run([
      '合计 306.02 293.81 12.21',
      '201 一般公共服务支出 306.02 293.81 12.21',
      '20103 政府办公厅（室）及相关机构事务 306.02 293.81 12.21',
      '2010301 行政运行 209.66 197.45 12.21',
      '2010399 其他政府办公厅（室）及相关机构事务支出 96.36 96.36',
    ]);
    expect(rows.get('total')!.values).toEqual({ 1: '306.02', 2: '293.81', 7: '12.21' });
    expect(rows.get('code:2010301')!.values).toEqual({ 1: '209.66', 2: '197.45', 7: '12.21' });
    expect(rows.get('code:2010399')!.values).toEqual({ 1: '96.36', 2: '96.36' });
    expect(rows.get('code:2010399')!.confidence).toBeLessThan(1);
    const inferred = r.findings.filter((f) => f.check === 'table.column-inferred' && f.table === '02');
    expect(inferred.length).toBe(3 + 3 + 3 + 3 + 2);
    expect(inferred.every((f) => f.level === 'info')).toBe(true);
  });

  it('moves a child to the column its siblings leave open', async () => {
    // 2010399's 12.21 must be 其他收入: 20103's 财政拨款 is already exhausted by 2010301.
    const { rows } = await run([
      '合计 306.02 293.81 12.21',
      '201 一般公共服务支出 306.02 293.81 12.21',
      '20103 政府办公厅（室）及相关机构事务 306.02 293.81 12.21',
      '2010301 行政运行 293.81 293.81',
      '2010399 其他政府办公厅（室）及相关机构事务支出 12.21 12.21',
    ]);
    expect(rows.get('code:2010301')!.values).toEqual({ 1: '293.81', 2: '293.81' });
    expect(rows.get('code:2010399')!.values).toEqual({ 1: '12.21', 7: '12.21' });
  });

  it('warns when the identities cannot decide, instead of guessing silently', async () => {
    // Two children share both columns equally: either could carry the 12.21.
    const { r } = await run([
      '合计 306.02 293.81 12.21',
      '201 一般公共服务支出 306.02 293.81 12.21',
      '20103 政府办公厅（室）及相关机构事务 306.02 293.81 12.21',
      '2010301 行政运行 12.21 12.21',
      '2010302 一般行政管理事务 12.21 12.21',
      '2010399 其他政府办公厅（室）及相关机构事务支出 281.60 281.60',
    ]);
    const doubtful = r.findings.filter((f) => f.check === 'table.column-inferred' && f.level === 'warn');
    expect(doubtful.map((f) => f.row)).toEqual(expect.arrayContaining(['code:2010301', 'code:2010302']));
    const t02 = r.record!.tables.find((t) => t.id === '02')!;
    const row = t02.rows.find((x) => x.key === 'code:2010301')!;
    expect(row.confidence).toBeLessThan(0.5);
  });
});
