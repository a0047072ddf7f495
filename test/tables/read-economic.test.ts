/**
 * Stage tests of 06's reader on hand-built regions: 经济分类 code / name / amount groups printed
 * side by side, each code opening a row of its own.
 */
import { describe, expect, it } from 'vitest';
import { readEconomicTable } from '../../src/tables/read-economic.js';
import type { RawRow } from '../../src/tables/raw.js';
import { region, streamLine, tabLine } from '../helpers/region.js';

const summary = (rows: RawRow[]) => rows.map((r) => [r.key, r.label, r.cells.map((c) => c.value), r.placed]);

/** 人员经费 | 公用经费 (two groups) over three code / name / amount groups. */
const HEAD = [
  tabLine(['人员经费', '', '', '公用经费', '', '', '', '', '']),
  tabLine(['科目编码', '科目名称', '金额', '科目编码', '科目名称', '金额', '科目编码', '科目名称', '金额']),
];

describe('readEconomicTable', () => {
  it('reads three groups side by side, a group with no amount taking none of its neighbour’s', () => {
    const { rows, findings } = readEconomicTable(
      region('06', [
        ...HEAD,
        tabLine(['301', '工资福利支出', '100.00', '302', '商品和服务支出', '', '307', '债务利息及费用支出', '3.00']),
        tabLine(['30101', '基本工资', '40.00', '30201', '办公费', '5.00', '310', '资本性支出', '1.00']),
      ]),
    );
    expect(findings).toEqual([]);
    expect(summary(rows)).toEqual([
      ['code:301', '工资福利支出', ['100.00'], [1]],
      ['code:302', '商品和服务支出', [], undefined],
      ['code:307', '债务利息及费用支出', ['3.00'], [1]],
      ['code:30101', '基本工资', ['40.00'], [1]],
      ['code:30201', '办公费', ['5.00'], [1]],
      ['code:310', '资本性支出', ['1.00'], [1]],
    ]);
    expect(rows.map((r) => r.code)).toEqual(['301', '302', '307', '30101', '30201', '310']);
  });

  it('reports what no group takes: a second amount, a name after the amount', () => {
    const { rows, findings } = readEconomicTable(
      region('06', [
        ...HEAD,
        tabLine(['301', '工资福利支出', '100.00', '7.00', '302', '商品和服务支出', '5.00', '差旅费', '']),
      ]),
    );
    expect(summary(rows)).toEqual([
      ['code:301', '工资福利支出', ['100.00'], [1]],
      ['code:302', '商品和服务支出', ['5.00'], [1]],
    ]);
    expect(findings.map((f) => [f.check, f.level, f.message.includes('7.00 差旅费')])).toEqual([
      ['table.untaken-text', 'warn', true],
    ]);
  });

  it('reads the totals 人员经费合计 and 公用经费合计, one misread glyph allowed', () => {
    const { rows } = readEconomicTable(
      region('06', [
        ...HEAD,
        tabLine(['301', '工资福利支出', '100.00', '302', '商品和服务支出', '50.00', '', '', '']),
        // The 人员经费 group ends before the 公用经费 groups do: its total shares a line with them.
        tabLine(['人员经费合计', '', '100.00', '30299', '其他商品和服务支出', '6.00', '', '', '']),
        tabLine(['', '', '', '公用经费合计', '', '56.00', '', '', '']),
      ]),
    );
    expect(summary(rows).slice(2)).toEqual([
      ['total:人员经费', '人员经费合计', ['100.00'], [1]],
      ['code:30299', '其他商品和服务支出', ['6.00'], [1]],
      ['total:公用经费', '公用经费合计', ['56.00'], [1]],
    ]);
    // A rewritten text layer gave 公用经费合计 as "|用经费合计".
    const misread = readEconomicTable(region('06', [tabLine(['人员支出合计', '100.00', '|用经费合计', '56.00'])]));
    expect(misread.rows.map((r) => [r.key, r.cells[0]!.value])).toEqual([
      ['total:人员经费', '100.00'],
      ['total:公用经费', '56.00'],
    ]);
  });

  it('continues the last group of the line above with a wrapped name (text)', () => {
    const { rows } = readEconomicTable(
      region('06', [
        ...HEAD,
        tabLine(['30101', '基本工资', '40.00', '30201', '办公费', '5.00', '31002', '办公设备购置', '1.00']),
        tabLine([
          '30199',
          '其他工资福利支出',
          '20.00',
          '30299',
          '其他商品和服务支出',
          '10.00',
          '39999',
          '其他支出（不含',
          '',
        ]),
        tabLine(['', '', '', '', '', '', '', '资本性支出）', '']),
      ]),
    );
    expect(rows.map((r) => r.label)).toEqual([
      '基本工资',
      '办公费',
      '办公设备购置',
      '其他工资福利支出',
      '其他商品和服务支出',
      '其他支出（不含资本性支出）',
    ]);
  });

  it('attaches a wrapped name to the group whose code is nearest to its left (positioned glyphs)', () => {
    // Groups at x 40 / 260 / 480; rows 25 pt apart; 30299's name wrapped around its row's line.
    const group = (x: number, code: string, name: string, amount: string): [number, string][] => [
      [x, code],
      ...(name ? [[x + 40, name] as [number, string]] : []),
      ...(amount ? [[x + 180 - 5.5 * amount.length, amount] as [number, string]] : []),
    ];
    const line = (y: number, ...groups: [number, string][][]) => streamLine(y, groups.flat());
    const { rows } = readEconomicTable(
      region('06', [
        streamLine(150, [
          [40, '科目编码'],
          [80, '科目名称'],
          [200, '金额'],
          [260, '科目编码'],
          [300, '科目名称'],
          [420, '金额'],
          [480, '科目编码'],
          [520, '科目名称'],
          [640, '金额'],
        ]),
        line(
          175,
          group(40, '30101', '基本工资', '40.00'),
          group(260, '30201', '办公费', '5.00'),
          group(480, '31002', '办公设备购置', '1.00'),
        ),
        streamLine(194, [[300, '其他商品和服务']]),
        line(
          200,
          group(40, '30199', '其他工资福利支出', '20.00'),
          group(260, '30299', '', '10.00'),
          group(480, '31099', '其他资本性支出', '2.00'),
        ),
        streamLine(206, [[300, '支出']]),
        line(
          225,
          group(40, '30102', '津贴补贴', '30.00'),
          group(260, '30202', '印刷费', '1.00'),
          group(480, '31003', '专用设备购置', '3.00'),
        ),
      ]),
    );
    const labels = new Map(rows.map((r) => [r.key, r.label]));
    expect(labels.get('code:30299')).toBe('其他商品和服务支出');
    // Its neighbours, left and right and above and below, keep their own names.
    expect([...labels.values()]).toEqual([
      '基本工资',
      '办公费',
      '办公设备购置',
      '其他工资福利支出',
      '其他商品和服务支出',
      '其他资本性支出',
      '津贴补贴',
      '印刷费',
      '专用设备购置',
    ]);
    expect(rows.find((r) => r.key === 'code:30299')!.cells.map((c) => c.value)).toEqual(['10.00']);
  });
});
