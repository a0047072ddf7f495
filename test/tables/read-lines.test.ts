/**
 * Stage tests of the 行次-keyed reader (01/04 two-sided, 09/10) on hand-built regions: rows are
 * keyed by the printed 行次, labels only checked against the template, except where no 行次 is
 * printed (keyed by label) or an OCR'd 行次 is doubtful (re-keyed by label).
 */
import { describe, expect, it } from 'vitest';
import { readLineTable } from '../../src/tables/read-lines.js';
import type { RawRow } from '../../src/tables/raw.js';
import type { Finding } from '../../src/schema/finding.js';
import { gridLine, region, streamLine, tabLine } from '../helpers/region.js';

const byKey = (rows: RawRow[]) => new Map(rows.map((r) => [r.key, r]));
const checks = (findings: Finding[]) => findings.map((f) => [f.check, f.row, f.expected, f.actual]);

/** 01 as a text dump: 项目 行次 金额 | 项目 行次 金额, and its 栏次 row. */
const HEAD_01 = [
  tabLine(['项目', '行次', '金额', '项目', '行次', '金额']),
  tabLine(['栏次', '', '1', '栏次', '', '2']),
];

describe('readLineTable: two-sided 01/04', () => {
  it('keys both sides of a line by their printed 行次', () => {
    const { rows, findings } = readLineTable(
      region('01', [
        ...HEAD_01,
        tabLine(['一、一般公共预算财政拨款收入', '1', '293.81', '一、一般公共服务支出', '32', '306.02']),
        tabLine(['八、其他收入', '8', '12.21', '二、外交支出', '33', '']),
        tabLine(['本年收入合计', '27', '306.02', '本年支出合计', '58', '306.02']),
        tabLine(['总计', '31', '306.02', '总计', '62', '306.02']),
      ]),
    );
    expect(findings).toEqual([]);
    expect(rows.map((r) => [r.key, r.side, r.label, r.cells.map((c) => c.value), r.placed])).toEqual([
      ['line:1', 'income', '一、一般公共预算财政拨款收入', ['293.81'], [1]],
      ['line:32', 'expenditure', '一、一般公共服务支出', ['306.02'], [2]],
      ['line:8', 'income', '八、其他收入', ['12.21'], [1]],
      ['line:33', 'expenditure', '二、外交支出', [], undefined],
      ['line:27', 'income', '本年收入合计', ['306.02'], [1]],
      ['line:58', 'expenditure', '本年支出合计', ['306.02'], [2]],
      ['line:31', 'income', '总计', ['306.02'], [1]],
      ['line:62', 'expenditure', '总计', ['306.02'], [2]],
    ]);
  });

  it('does not take a whole-number amount in the expenditure 行次 range for the 行次', () => {
    // 45 could be an expenditure 行次; 32 = 1 + 31 is the one that lines up with the income side's.
    const { rows } = readLineTable(
      region('01', [
        ...HEAD_01,
        tabLine(['一、一般公共预算财政拨款收入', '1', '45', '一、一般公共服务支出', '32', '45']),
      ]),
    );
    expect(rows.map((r) => [r.key, r.label, r.cells.map((c) => c.value)])).toEqual([
      ['line:1', '一、一般公共预算财政拨款收入', ['45']],
      ['line:32', '一、一般公共服务支出', ['45']],
    ]);
  });

  it('attaches a wrapped label piece to the side whose 行次 column is next to its right', () => {
    const { rows, findings } = readLineTable(
      region('01', [
        streamLine(100, [
          [40, '项目'],
          [200, '行次'],
          [250, '金额'],
          [300, '项目'],
          [460, '行次'],
          [510, '金额'],
        ]),
        streamLine(115, [
          [40, '栏次'],
          [255, '1'],
          [300, '栏次'],
          [515, '2'],
        ]),
        streamLine(140, [
          [40, '一、一般公共预算财政'],
          [200, '1'],
          [250, '293.81'],
          [300, '一、一般公共服务支出'],
          [460, '32'],
          [510, '306.02'],
        ]),
        streamLine(147, [[40, '拨款收入']]),
        streamLine(160, [
          [40, '本年收入合计'],
          [200, '27'],
          [250, '293.81'],
          [300, '二十六、抗疫特别国债安排的'],
          [460, '57'],
          [510, '0.00'],
        ]),
        // Under both rows' 行次 columns' left: the expenditure side's, at the lower row.
        streamLine(167, [[300, '支出']]),
      ]),
    );
    expect(rows.map((r) => [r.key, r.label, r.placed])).toEqual([
      ['line:1', '一、一般公共预算财政拨款收入', [1]],
      ['line:32', '一、一般公共服务支出', [2]],
      ['line:27', '本年收入合计', [1]],
      ['line:57', '二十六、抗疫特别国债安排的支出', [2]],
    ]);
    // Labels are checked once the pieces are attached.
    expect(findings).toEqual([]);
  });

  it('places 04’s four expenditure columns by the drawn cells', () => {
    // 项目 | 行次 | 收入决算数 ‖ 项目 | 行次 | 合计 一般公共预算 政府性基金 国有资本经营
    const xs = [30, 170, 195, 250, 390, 415, 470, 525, 580, 635];
    const { rows, findings } = readLineTable(
      region('04', [
        gridLine(
          xs,
          [
            '项目',
            '行次',
            '收入决算数',
            '项目',
            '行次',
            '合计',
            '一般公共预算财政拨款',
            '政府性基金预算财政拨款',
            '国有资本经营预算财政拨款',
          ],
          { y: 100 },
        ),
        gridLine(xs, ['栏次', '', '1', '栏次', '', '2', '3', '4', '5'], { y: 120 }),
        gridLine(
          xs,
          ['一、一般公共预算财政拨款', '1', '293.81', '一、一般公共服务支出', '33', '306.02', '293.81', '12.21', ''],
          { y: 140 },
        ),
        gridLine(xs, ['二、政府性基金预算财政拨款', '2', '12.21', '二、外交支出', '34', '', '', '', ''], { y: 160 }),
      ]),
    );
    expect(findings).toEqual([]);
    const exp = byKey(rows).get('line:33')!;
    expect(exp.side).toBe('expenditure');
    expect(exp.cells.map((c) => c.value)).toEqual(['306.02', '293.81', '12.21']);
    expect(exp.placed).toEqual([2, 3, 4]);
    expect(exp.placement).toBe('geometry');
    expect(byKey(rows).get('line:2')!.placed).toEqual([1]);
    expect(byKey(rows).get('line:34')!.cells).toEqual([]);
  });

  it('logs a missing label and keys the row by its 行次', () => {
    const { rows, findings } = readLineTable(
      region('01', [...HEAD_01, tabLine(['', '5', '10.00', '一、一般公共服务支出', '32', '10.00'])]),
    );
    expect(
      byKey(rows)
        .get('line:5')!
        .cells.map((c) => c.value),
    ).toEqual(['10.00']);
    expect(checks(findings)).toEqual([['table.label-missing', 'line:5', '事业收入', '']]);
    expect(findings[0]!.level).toBe('info');
  });

  it('keys a mislabelled row by its printed 行次, with a label-mismatch warning', () => {
    // 行次 5 is 事业收入 in the template; the printed label is 行次 6's.
    const { rows, findings } = readLineTable(
      region('01', [...HEAD_01, tabLine(['五、经营收入', '5', '10.00', '一、一般公共服务支出', '32', '10.00'])]),
    );
    expect(rows.map((r) => r.key)).toEqual(['line:5', 'line:32']);
    expect(checks(findings)).toEqual([['table.label-mismatch', 'line:5', '事业收入', '五、经营收入']]);
    expect(findings[0]!.level).toBe('warn');
  });

  it('keys a table that prints no 行次 by its labels, and says so (Shanghai)', () => {
    // 收入 项目 | 决算数 ‖ 支出 项目 | 决算数, on positioned glyphs with no 栏次 row.
    const line = (y: number, a: string, x: string, b: string, v: string) =>
      streamLine(y, [
        [40, a],
        [220 + 30 - 5.5 * x.length, x],
        [300, b],
        [520 + 30 - 5.5 * v.length, v],
      ]);
    const { rows, findings } = readLineTable(
      region('01', [
        streamLine(100, [
          [40, '项目'],
          [220, '决算数'],
          [300, '项目'],
          [520, '决算数'],
        ]),
        line(120, '一般公共预算财政拨款收入', '293.81', '一般公共服务支出', '306.02'),
        line(140, '其他收入', '12.21', '外交支出', '0.00'),
        line(160, '总计', '306.02', '总计', '306.02'),
      ]),
    );
    expect(rows.map((r) => [r.key, r.side, r.cells.map((c) => c.value), r.placed])).toEqual([
      ['line:1', 'income', ['293.81'], [1]],
      ['line:32', 'expenditure', ['306.02'], [2]],
      ['line:8', 'income', ['12.21'], [1]],
      ['line:33', 'expenditure', ['0.00'], [2]],
      // 总计 is both 31 and 62: the first 总计 of the line is the income side's.
      ['line:31', 'income', ['306.02'], [1]],
      ['line:62', 'expenditure', ['306.02'], [2]],
    ]);
    expect(findings.map((f) => [f.check, f.row, f.level])).toEqual(
      rows.map((r) => ['table.line-inferred', r.key, 'info']),
    );
    expect(rows.every((r) => r.labelNote === 'line inferred from label')).toBe(true);
  });
});

describe('readLineTable: 09 and 10', () => {
  const HEAD_09 = [
    tabLine(['项目', '行次', '年初预算数', '全年预算数', '决算数']),
    tabLine(['栏次', '', '1', '2', '3']),
  ];

  it('reads printed dashes as cells without a value, in the columns the template dashes', () => {
    const { rows } = readLineTable(
      region('09', [
        ...HEAD_09,
        tabLine(['国内接待费', '7', '---', '---', '1.20']),
        tabLine(['相关统计数', '10', '---', '---', '---']),
        tabLine(['因公出国（境）团组数（个）', '11', '---', '---', '2']),
      ]),
    );
    const row7 = byKey(rows).get('line:7')!;
    expect(row7.cells.map((c) => [c.kind, c.value])).toEqual([
      ['dash', undefined],
      ['dash', undefined],
      ['money', '1.20'],
    ]);
    expect(row7.placed).toEqual([1, 2, 3]);
    expect(row7.dashColumns).toEqual([1, 2]);
    expect(
      byKey(rows)
        .get('line:10')!
        .cells.every((c) => c.kind === 'dash' && c.value === undefined),
    ).toBe(true);
    expect(
      byKey(rows)
        .get('line:11')!
        .cells.map((c) => c.value),
    ).toEqual([undefined, undefined, '2']);
  });

  describe('an OCR’d 行次 read doubtfully', () => {
    // 09 on a scan: the 行次 of 公务用车购置费 (4) blurred into "1".
    const ocr = (conf: number) =>
      readLineTable(
        region('09', [
          streamLine(100, [
            [40, '项目'],
            [200, '行次'],
            [250, '年初预算数'],
            [330, '全年预算数'],
            [410, '决算数'],
          ]),
          streamLine(115, [
            [40, '栏次'],
            [285, '1'],
            [365, '2'],
            [445, '3'],
          ]),
          ...[
            ['因公出国（境）费', '2', 0.93],
            ['公务用车购置及运行维护费', '3', 0.91],
            ['公务用车购置费', '1', conf],
            ['公务用车运行维护费', '5', 0.9],
          ].map(([label, no, noConf], i) =>
            streamLine(
              140 + 20 * i,
              [
                [40, label as string],
                [205, no as string, { conf: noConf as number }],
                [418, '10.00'],
              ],
              { origin: 'ocr', conf: 0.92 },
            ),
          ),
        ]),
      );

    it('is re-keyed by its label when the label is the template’s next line', () => {
      const { rows, findings } = ocr(0.37);
      expect(rows.map((r) => [r.key, r.label])).toEqual([
        ['line:2', '因公出国（境）费'],
        ['line:3', '公务用车购置及运行维护费'],
        ['line:4', '公务用车购置费'],
        ['line:5', '公务用车运行维护费'],
      ]);
      expect(checks(findings)).toEqual([['table.line-inferred', 'line:4', '4', '1']]);
      expect(byKey(rows).get('line:4')!.placed).toEqual([3]);
    });

    it('keeps a surely read 行次 as printed and reports the label', () => {
      const { rows, findings } = ocr(0.8);
      expect(rows.map((r) => r.key)).toEqual(['line:2', 'line:3', 'line:1', 'line:5']);
      expect(checks(findings)).toEqual([['table.label-mismatch', 'line:1', '“三公”经费支出', '公务用车购置费']]);
    });
  });
});
