/**
 * Stage tests of the code-keyed reader (02/03/05/07/08) on hand-built regions: which lines become
 * rows, how each row is keyed, and which cells get their columns from the page.
 */
import { describe, expect, it } from 'vitest';
import { readCodeTable } from '../../src/tables/read-code.js';
import type { RawRow } from '../../src/tables/raw.js';
import { gridLine, region, spaceLine, streamLine, tabLine } from '../helpers/region.js';

/** Key → the row's label, code, values as printed and the columns the page gave them. */
function summary(rows: RawRow[]) {
  return rows.map((r) => ({
    key: r.key,
    ...(r.code ? { code: r.code } : {}),
    label: r.label,
    values: r.cells.map((c) => c.value ?? c.text),
    placed: r.placed,
  }));
}

const byKey = (rows: RawRow[]) => new Map(rows.map((r) => [r.key, r]));

describe('readCodeTable: keys', () => {
  it('reads a code in a cell of its own, the name in the next, values by the 栏次 row (tab text)', () => {
    const { rows, findings } = readCodeTable(
      region('05', [
        tabLine(['项目', '', '本年支出合计', '基本支出', '项目支出']),
        tabLine(['科目编码', '科目名称', '', '', '']),
        tabLine(['栏次', '', '1', '2', '3']),
        tabLine(['合计', '', '300.00', '200.00', '100.00']),
        tabLine(['201', '一般公共服务支出', '300.00', '200.00', '100.00']),
        tabLine(['2010301', '行政运行', '200.00', '200.00', '']),
        tabLine(['2010399', '其他政府办公厅（室）及相关机构事务支出', '100.00', '', '100.00']),
      ]),
    );
    expect(findings).toEqual([]);
    expect(summary(rows)).toEqual([
      { key: 'total', label: '合计', values: ['300.00', '200.00', '100.00'], placed: [1, 2, 3] },
      {
        key: 'code:201',
        code: '201',
        label: '一般公共服务支出',
        values: ['300.00', '200.00', '100.00'],
        placed: [1, 2, 3],
      },
      // An empty tab cell keeps its column: 行政运行 has no 项目支出, the other row no 基本支出.
      { key: 'code:2010301', code: '2010301', label: '行政运行', values: ['200.00', '200.00'], placed: [1, 2] },
      {
        key: 'code:2010399',
        code: '2010399',
        label: '其他政府办公厅（室）及相关机构事务支出',
        values: ['100.00', '100.00'],
        placed: [1, 3],
      },
    ]);
    expect(rows.every((r) => r.placement === 'explicit')).toBe(true);
  });

  it('reads a code at the start of the name cell, with or without a space', () => {
    const { rows } = readCodeTable(
      region('05', [
        tabLine(['项目', '本年支出合计', '基本支出', '项目支出']),
        tabLine(['栏次', '1', '2', '3']),
        tabLine(['201 一般公共服务支出', '300.00', '200.00', '100.00']),
        tabLine(['2010301行政运行', '200.00', '200.00', '']),
      ]),
    );
    expect(summary(rows)).toEqual([
      {
        key: 'code:201',
        code: '201',
        label: '一般公共服务支出',
        values: ['300.00', '200.00', '100.00'],
        placed: [1, 2, 3],
      },
      { key: 'code:2010301', code: '2010301', label: '行政运行', values: ['200.00', '200.00'], placed: [1, 2] },
    ]);
  });

  describe('codes printed over 类 | 款 | 项 cells', () => {
    // 类 款 项 | 科目名称 | 本年支出合计 基本支出 项目支出, drawn as a ruled grid.
    const xs = [40, 70, 100, 130, 300, 380, 460, 540];
    const header = [
      gridLine(xs, [{ text: '科目编码', span: 3 }, '科目名称', '本年支出合计', '基本支出', '项目支出'], { y: 100 }),
      gridLine(xs, ['类', '款', '项', '', '', '', ''], { y: 120 }),
      gridLine(xs, [{ text: '栏次', span: 4 }, '1', '2', '3'], { y: 140 }),
      gridLine(xs, [{ text: '合计', span: 4 }, '300.00', '200.00', '100.00'], { y: 160 }),
    ];
    const codes = (rows: RawRow[]) => rows.map((r) => [r.key, r.label, r.placed]);

    it('joins the parts printed on every row', () => {
      const { rows } = readCodeTable(
        region('05', [
          ...header,
          gridLine(xs, ['201', '', '', '一般公共服务支出', '300.00', '200.00', '100.00'], { y: 180 }),
          gridLine(xs, ['201', '03', '', '政府办公厅（室）及相关机构事务', '300.00', '200.00', '100.00'], { y: 200 }),
          gridLine(xs, ['201', '03', '01', '行政运行', '200.00', '200.00', ''], { y: 220 }),
          gridLine(xs, ['201', '03', '99', '其他政府办公厅（室）及相关机构事务支出', '100.00', '', '100.00'], {
            y: 240,
          }),
        ]),
      );
      expect(codes(rows)).toEqual([
        ['total', '合计', [1, 2, 3]],
        ['code:201', '一般公共服务支出', [1, 2, 3]],
        ['code:20103', '政府办公厅（室）及相关机构事务', [1, 2, 3]],
        ['code:2010301', '行政运行', [1, 2]],
        ['code:2010399', '其他政府办公厅（室）及相关机构事务支出', [1, 3]],
      ]);
      expect(rows.every((r) => r.placement === 'geometry')).toBe(true);
    });

    it('carries the 类 and 款 printed only where they change, and drops the 款 when the 类 changes', () => {
      const { rows } = readCodeTable(
        region('05', [
          ...header,
          gridLine(xs, ['201', '', '', '一般公共服务支出', '250.00', '150.00', '100.00'], { y: 180 }),
          gridLine(xs, ['', '03', '', '政府办公厅（室）及相关机构事务', '200.00', '100.00', '100.00'], { y: 200 }),
          gridLine(xs, ['', '', '01', '行政运行', '100.00', '100.00', ''], { y: 220 }),
          gridLine(xs, ['', '', '99', '其他政府办公厅（室）及相关机构事务支出', '100.00', '', '100.00'], { y: 240 }),
          gridLine(xs, ['', '05', '', '发展与改革事务', '50.00', '50.00', ''], { y: 260 }),
          gridLine(xs, ['', '', '01', '行政运行', '50.00', '50.00', ''], { y: 280 }),
          gridLine(xs, ['208', '', '', '社会保障和就业支出', '50.00', '50.00', ''], { y: 300 }),
          gridLine(xs, ['', '05', '', '行政事业单位养老支出', '50.00', '50.00', ''], { y: 320 }),
        ]),
      );
      expect(rows.map((r) => r.key)).toEqual([
        'total',
        'code:201',
        'code:20103',
        'code:2010301',
        'code:2010399',
        'code:20105',
        'code:2010501',
        'code:208',
        'code:20805',
      ]);
      expect(byKey(rows).get('code:2010501')!.label).toBe('行政运行');
    });

    it('does not give a 项 printed under a new 类 the 款 of the old one', () => {
      const { rows, findings } = readCodeTable(
        region('05', [
          ...header,
          gridLine(xs, ['201', '03', '01', '行政运行', '250.00', '250.00', ''], { y: 180 }),
          gridLine(xs, ['208', '', '', '社会保障和就业支出', '50.00', '50.00', ''], { y: 200 }),
          gridLine(xs, ['', '', '01', '行政运行', '50.00', '50.00', ''], { y: 220 }),
        ]),
      );
      expect(rows.map((r) => r.key)).not.toContain('code:2080301');
      expect(rows.map((r) => r.key)).toEqual(['total', 'code:2010301', 'code:208']);
      // Not a row, and not dropped silently: the row's text is reported.
      expect(findings.map((f) => [f.check, f.message.includes('50.00')])).toEqual([['table.code-unreadable', true]]);
    });
    it('does not give a 项 printed with a new 类 but no 款 the 款 of the old 类', () => {
      const { rows, findings } = readCodeTable(
        region('05', [
          ...header,
          gridLine(xs, ['201', '03', '01', '行政运行', '250.00', '250.00', ''], { y: 180 }),
          gridLine(xs, ['208', '', '01', '行政运行', '50.00', '50.00', ''], { y: 200 }),
          gridLine(xs, ['201', '', '02', '一般行政管理事务', '10.00', '10.00', ''], { y: 220 }),
        ]),
      );
      expect(rows.map((r) => r.key)).not.toContain('code:2080301');
      // The same 类 printed again with its 项: the 款 above still stands.
      expect(rows.map((r) => r.key)).toContain('code:2010302');
      expect(rows.map((r) => r.key)).toEqual(['total', 'code:2010301', 'code:2010302']);
      // Not a row, and not dropped silently: the row's text is reported.
      expect(findings.map((f) => [f.check, f.message.includes('208 · 01') && f.message.includes('50.00')])).toEqual([
        ['table.code-unreadable', true],
      ]);
    });
  });

  it('keeps the column of an empty tab cell when there is no 栏次 row', () => {
    const { rows } = readCodeTable(
      region('05', [
        tabLine(['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出']),
        tabLine(['2010301', '行政运行', '200.00', '200.00', '']),
        tabLine(['2010399', '其他政府办公厅（室）及相关机构事务支出', '100.00', '', '100.00']),
      ]),
    );
    expect(rows.map((r) => [r.key, r.cells.map((c) => c.value), r.placed, r.placement])).toEqual([
      ['code:2010301', ['200.00', '200.00'], [1, 2], 'explicit'],
      ['code:2010399', ['100.00', '100.00'], [1, 3], 'explicit'],
    ]);
  });

  it('without a 栏次 row, does not take the empty cells left of the values for value columns', () => {
    // 合计 fills the code cell and leaves the name cell empty; a text dump may print an empty cell
    // between the name and the values (seed 000 prints 类 | 款 | 项 headers over three cells).
    const { rows } = readCodeTable(
      region('05', [
        tabLine(['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出']),
        tabLine(['合计', '', '300.00', '200.00', '']),
        tabLine(['201', '一般公共服务支出', '', '300.00', '200.00', '100.00']),
      ]),
    );
    expect(rows.map((r) => [r.key, r.cells.map((c) => c.value), r.placed])).toEqual([
      ['total', ['300.00', '200.00'], [1, 2]],
      ['code:201', ['300.00', '200.00', '100.00'], [1, 2, 3]],
    ]);
  });

  it('without a 栏次 row or rulings, leaves a sparse positioned row to arithmetic, its order only a hint', () => {
    // An unruled scan whose header did not read keeps only inked cells: 1.73 printed in the last of
    // three columns closes up to the second. A full row's order is its columns.
    const { rows } = readCodeTable(
      region('05', [
        streamLine(120, [
          [40, '201'],
          [80, '一般公共服务支出'],
          [300, '301.73'],
          [380, '300.00'],
          [460, '1.73'],
        ]),
        streamLine(140, [
          [40, '2010399'],
          [80, '其他支出'],
          [300, '1.73'],
          [460, '1.73'],
        ]),
      ]),
    );
    expect(rows.map((r) => [r.key, r.placed, r.hint])).toEqual([
      ['code:201', [1, 2, 3], undefined],
      ['code:2010399', undefined, [[1], [2]]],
    ]);
  });

  it('reads the 合计 row, and a header line naming a 合计 column is not it', () => {
    // No 栏次 row, so the header does not end where the numbers begin: its second line starts
    // with 合计 like the 合计 row and holds column names instead of numbers.
    const { rows, findings } = readCodeTable(
      region('05', [
        tabLine(['科目编码', '科目名称', '本年支出', '', '']),
        tabLine(['', '', '合计', '基本支出', '项目支出']),
        tabLine(['合计', '', '300.00', '200.00', '100.00']),
        tabLine(['201', '一般公共服务支出', '300.00', '200.00', '100.00']),
      ]),
    );
    expect(findings).toEqual([]);
    expect(summary(rows)[0]).toEqual({
      key: 'total',
      label: '合计',
      values: ['300.00', '200.00', '100.00'],
      placed: [1, 2, 3],
    });
    expect(rows.map((r) => r.key)).toEqual(['total', 'code:201']);
  });
});

describe('readCodeTable: lines that are not rows', () => {
  /** 05 on positioned glyphs: the header of page `page` at `y`, its value columns shifted by `dx`. */
  const header = (page: number, y: number, dx = 0) => [
    streamLine(
      y,
      [
        [40, '项目'],
        [300 + dx, '本年支出合计'],
        [380 + dx, '基本支出'],
        [460 + dx, '项目支出'],
      ],
      { page },
    ),
    streamLine(
      y + 15,
      [
        [40, '栏次'],
        [335 + dx, '1'],
        [415 + dx, '2'],
        [495 + dx, '3'],
      ],
      { page },
    ),
  ];
  const row = (page: number, y: number, code: string, name: string, ...values: [number, string][]) =>
    streamLine(y, [[40, code], [80, name], ...values], { page });

  it('skips a header repeated on a continuation page and places that page by its own 栏次 row', () => {
    const { rows, findings } = readCodeTable(
      region('05', [
        ...header(1, 100),
        row(1, 140, '201', '一般公共服务支出', [334, '300.00'], [414, '200.00'], [494, '100.00']),
        row(1, 165, '2010301', '行政运行', [334, '200.00'], [414, '200.00']),
        // Page 2 repeats the header with its value columns 40 pt further right.
        ...header(2, 75, 40),
        row(2, 110, '2010399', '其他政府办公厅（室）及相关机构事务支出', [374, '100.00'], [534, '100.00']),
      ]),
    );
    // The repeated 栏次 row would otherwise be values "1 2 3" after 2010301's.
    expect(findings).toEqual([]);
    expect(summary(rows)).toEqual([
      {
        key: 'code:201',
        code: '201',
        label: '一般公共服务支出',
        values: ['300.00', '200.00', '100.00'],
        placed: [1, 2, 3],
      },
      { key: 'code:2010301', code: '2010301', label: '行政运行', values: ['200.00', '200.00'], placed: [1, 2] },
      {
        key: 'code:2010399',
        code: '2010399',
        label: '其他政府办公厅（室）及相关机构事务支出',
        values: ['100.00', '100.00'],
        placed: [1, 3],
      },
    ]);
  });

  it('skips a repeated header in text, as the first page printed it or as header words alone', () => {
    const { rows, findings } = readCodeTable(
      region('05', [
        tabLine(['项目', '', '本年支出合计', '基本支出', '项目支出']),
        tabLine(['栏次', '', '1', '2', '3']),
        tabLine(['201', '一般公共服务支出', '300.00', '200.00', '100.00']),
        // A page break in a text dump: the header again, and a line of header words.
        tabLine(['项目', '', '本年支出合计', '基本支出', '项目支出']),
        tabLine(['科目编码', '科目名称', '', '', '']),
        tabLine(['2010301', '行政运行', '200.00', '200.00', '']),
      ]),
    );
    expect(findings).toEqual([]);
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['code:201', '一般公共服务支出'],
      ['code:2010301', '行政运行'],
    ]);
  });

  it('attaches the pieces of a name wrapped in its cell to the nearest row (positioned glyphs)', () => {
    // Rows 20 pt apart; a two-line name is printed 8 pt above and below its row's line.
    const { rows } = readCodeTable(
      region('05', [
        ...header(1, 100),
        row(1, 140, '201', '一般公共服务', [334, '300.00'], [414, '200.00'], [494, '100.00']),
        // The rest of 一般公共服务支出, under its row.
        streamLine(147, [[80, '支出']]),
        // 12 pt under 201 but 8 pt above 2010399: the upper piece of 2010399's name.
        streamLine(152, [[80, '其他政府办公厅（室）及相关']]),
        streamLine(160, [
          [40, '2010399'],
          [334, '100.00'],
          [494, '100.00'],
        ]),
        streamLine(168, [[80, '机构事务支出']]),
        row(1, 180, '2010301', '行政运行', [334, '200.00'], [414, '200.00']),
      ]),
    );
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['code:201', '一般公共服务支出'],
      ['code:2010399', '其他政府办公厅（室）及相关机构事务支出'],
      ['code:2010301', '行政运行'],
    ]);
    expect(byKey(rows).get('code:2010399')!.placed).toEqual([1, 3]);
  });

  it('leaves a space-separated row whose values are fewer than the columns to the solver', () => {
    const { rows } = readCodeTable(
      region('05', [
        spaceLine('项目 本年支出合计 基本支出 项目支出'),
        spaceLine('栏次 1 2 3'),
        spaceLine('201 一般公共服务支出 300.00 200.00 100.00'),
        spaceLine('2010301 行政运行 200.00 200.00'),
      ]),
    );
    const full = byKey(rows).get('code:201')!;
    expect(full.placed).toEqual([1, 2, 3]);
    expect(full.placement).toBe('explicit');
    // Two numbers for three columns: which column is empty is the identities' call.
    const short = byKey(rows).get('code:2010301')!;
    expect(short.cells.map((c) => c.value)).toEqual(['200.00', '200.00']);
    expect(short.columns).toEqual([1, 2, 3]);
    expect(short.placed).toBeUndefined();
    expect(short.placement).toBeUndefined();
  });
});
