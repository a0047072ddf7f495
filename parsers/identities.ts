/**
 * The arithmetic identities of the national template (identities.md sections A and B), one rule per
 * finding code, each naming the tables it reads. Templates pick the rules they print (Shanghai's
 * 9 tables have no 10, so no A20 or B11).
 */
import { C, L, codeRows, eq, hierarchy, le, range, rowSums, rule, type IdentityRule } from '../src/identities/rule.js';
import { FUNCTIONAL_CLASSES, lineOfClass } from './labels.js';

const t01: IdentityRule[] = [
  rule('t01.income-total', 'A1', ['01'], () => [
    eq(
      [L('01', 27, 1)],
      range(1, 8).map((n) => L('01', n, 1)),
      '01 本年收入合计 L27 = Σ L1..L8',
    ),
  ]),
  rule('t01.grand-income', 'A2', ['01'], () => [
    eq(
      [L('01', 31, 1)],
      [27, 28, 29, 30].map((n) => L('01', n, 1)),
      '01 总计 L31 = L27 + L28 + L29 + L30',
    ),
  ]),
  rule('t01.expenditure-total', 'A3', ['01'], () => [
    eq(
      [L('01', 58, 2)],
      range(32, 57).map((n) => L('01', n, 2)),
      '01 本年支出合计 L58 = Σ L32..L57',
    ),
  ]),
  rule('t01.grand-expenditure', 'A4', ['01'], () => [
    eq(
      [L('01', 62, 2)],
      [58, 59, 60, 61].map((n) => L('01', n, 2)),
      '01 总计 L62 = L58 + L59 + L60 + L61',
    ),
  ]),
  rule('t01.balance', 'A5', ['01'], () => [eq([L('01', 31, 1)], [L('01', 62, 2)], '01 收入总计 L31 = 支出总计 L62')]),
];

const codeTables: IdentityRule[] = [
  rule('t02.row-sources', 'A6', ['02'], rowSums('02', 1, [2, 3, 4, 5, 6, 7])),
  rule('t02.hierarchy', 'A7', ['02'], hierarchy('02', [1, 2, 3, 4, 5, 6, 7])),
  rule('t03.row-kinds', 'A8', ['03'], rowSums('03', 1, [2, 3, 4, 5, 6])),
  rule('t03.hierarchy', 'A7', ['03'], hierarchy('03', [1, 2, 3, 4, 5, 6])),
];

const t04: IdentityRule[] = [
  rule('t04.income-total', 'A9', ['04'], () => [
    eq(
      [L('04', 27, 1)],
      [1, 2, 3].map((n) => L('04', n, 1)),
      '04 本年收入合计 L27 = L1 + L2 + L3',
    ),
  ]),
  rule('t04.opening-total', 'A9', ['04'], () => [
    eq(
      [L('04', 28, 1)],
      [29, 30, 31].map((n) => L('04', n, 1)),
      '04 年初结转和结余 L28 = L29 + L30 + L31',
    ),
  ]),
  rule('t04.grand-income', 'A9', ['04'], () => [
    eq([L('04', 32, 1)], [L('04', 27, 1), L('04', 28, 1)], '04 总计 L32 = L27 + L28'),
  ]),
  rule('t04.balance', 'A11', ['04'], () => [eq([L('04', 32, 1)], [L('04', 64, 2)], '04 收入总计 L32 = 支出总计 L64')]),
  rule('t04.expenditure-total', 'A11', ['04'], () =>
    [2, 3, 4, 5].map((col) =>
      eq(
        [L('04', 59, col)],
        range(33, 58).map((n) => L('04', n, col)),
        `04 本年支出合计 L59 栏${col} = Σ L33..L58`,
      ),
    ),
  ),
  rule('t04.grand-expenditure', 'A11', ['04'], () =>
    [2, 3, 4, 5].map((col) =>
      eq(
        [L('04', 64, col)],
        range(59, 63).map((n) => L('04', n, col)),
        `04 总计 L64 栏${col} = L59 + L60 + L61 + L62 + L63`,
      ),
    ),
  ),
  rule('t04.row-funds', 'A10', ['04'], () =>
    range(33, 64).map((line) =>
      eq(
        [L('04', line, 2)],
        [3, 4, 5].map((c) => L('04', line, c)),
        `04 L${line}: 合计 = 一般公共 + 政府性基金 + 国有资本经营`,
      ),
    ),
  ),
  rule('t04.fund-balance', 'A12', ['04'], () =>
    [1, 2, 3].map((f) =>
      eq(
        [L('04', f, 1), L('04', 28 + f, 1)],
        [L('04', 59, 2 + f), L('04', 60, 2 + f)],
        `04 资金${f}: 本年收入 L${f} + 年初 L${28 + f} = 本年支出 L59 + 年末 L60 (栏${2 + f})`,
      ),
    ),
  ),
];

const t05: IdentityRule[] = [
  rule('t05.row-kinds', 'A13', ['05'], rowSums('05', 1, [2, 3])),
  rule('t05.hierarchy', 'A7', ['05'], hierarchy('05', [1, 2, 3])),
];

/** 06's classes by the national grouping: 人员经费 = 301 + 303, 公用经费 = the other classes. */
const economicClasses = (values: Parameters<IdentityRule['instantiate']>[0]) => {
  const codes = values
    .rowKeys('06')
    .filter((k) => k.startsWith('code:'))
    .map((k) => k.slice(5));
  return { codes, classes: codes.filter((c) => c.length === 3) };
};

const t06: IdentityRule[] = [
  rule('t06.personnel-total', 'A14', ['06'], (s) => {
    const personnel = economicClasses(s).classes.filter((c) => c === '301' || c === '303');
    if (!s.hasRow('06', 'total:人员经费') || !personnel.length) return [];
    return [
      eq(
        [C('06', 'total:人员经费', 1)],
        personnel.map((c) => C('06', `code:${c}`, 1)),
        `06 人员经费合计 = ${personnel.join(' + ')}`,
      ),
    ];
  }),
  rule('t06.public-total', 'A14', ['06'], (s) => {
    const publicUse = economicClasses(s).classes.filter((c) => c !== '301' && c !== '303');
    if (!s.hasRow('06', 'total:公用经费') || !publicUse.length) return [];
    return [
      eq(
        [C('06', 'total:公用经费', 1)],
        publicUse.map((c) => C('06', `code:${c}`, 1)),
        `06 公用经费合计 = ${publicUse.join(' + ')}`,
      ),
    ];
  }),
  rule('t06.class-items', 'A15', ['06'], (s) => {
    const { codes, classes } = economicClasses(s);
    return classes.flatMap((k) => {
      const items = codes.filter((c) => c.length === 5 && c.startsWith(k));
      return items.length
        ? [
            eq(
              [C('06', `code:${k}`, 1)],
              items.map((c) => C('06', `code:${c}`, 1)),
              `06 ${k} = Σ ${items.length} 个款`,
            ),
          ]
        : [];
    });
  }),
];

const t07: IdentityRule[] = [
  rule('t07.row-balance', 'A16', ['07'], (s) =>
    codeRows(s, '07').map((row) =>
      eq(
        [C('07', row, 1), C('07', row, 2), { ...C('07', row, 3), sign: -1 }],
        [C('07', row, 6)],
        `07 ${row}: 年初 + 本年收入 − 本年支出 = 年末`,
      ),
    ),
  ),
  rule('t07.row-expenditure', 'A16', ['07'], (s) =>
    codeRows(s, '07').map((row) =>
      eq([C('07', row, 3)], [C('07', row, 4), C('07', row, 5)], `07 ${row}: 本年支出 = 基本 + 项目`),
    ),
  ),
  rule('t07.hierarchy', 'A7', ['07'], hierarchy('07', [1, 2, 3, 4, 5, 6])),
];

const t08: IdentityRule[] = [
  rule('t08.row-kinds', 'A17', ['08'], rowSums('08', 1, [2, 3])),
  rule('t08.hierarchy', 'A7', ['08'], hierarchy('08', [1, 2, 3])),
];

const t09: IdentityRule[] = [
  rule('t09.total', 'A18', ['09'], () =>
    [1, 2, 3].map((col) =>
      eq(
        [L('09', 1, col)],
        [2, 3, 6].map((n) => L('09', n, col)),
        `09 三公合计 L1 = L2 + L3 + L6 (栏${col})`,
      ),
    ),
  ),
  rule('t09.vehicles', 'A18', ['09'], () =>
    [1, 2, 3].map((col) =>
      eq(
        [L('09', 3, col)],
        [4, 5].map((n) => L('09', n, col)),
        `09 公务用车 L3 = L4 + L5 (栏${col})`,
      ),
    ),
  ),
  rule('t09.reception', 'A18', ['09'], () => [
    eq([L('09', 6, 3)], [L('09', 7, 3), L('09', 9, 3)], '09 公务接待 L6 = L7 + L9 (决算数)'),
  ]),
  rule('t09.foreign-reception', 'A18', ['09'], () => [
    le([L('09', 8, 3)], [L('09', 7, 3)], '09 外事接待费 L8 ≤ 国内接待费 L7'),
  ]),
  rule('t09.foreign-batches', 'A18', ['09'], () => [
    le([L('09', 16, 3)], [L('09', 15, 3)], '09 外事接待批次 L16 ≤ 国内接待批次 L15'),
  ]),
  rule('t09.foreign-persons', 'A18', ['09'], () => [
    le([L('09', 18, 3)], [L('09', 17, 3)], '09 外事接待人次 L18 ≤ 国内接待人次 L17'),
  ]),
];

const t10: IdentityRule[] = [
  rule('t10.vehicles', 'A20', ['10'], () => [
    eq(
      [L('10', 1, 1)],
      range(2, 9).map((n) => L('10', n, 1)),
      '10 车辆数合计 L1 = Σ L2..L9',
    ),
  ]),
];

/** Section B: across tables. */
const crossTable: IdentityRule[] = [
  rule('xref.01-02.income', 'B1', ['01', '02'], () => [
    eq([L('01', 27, 1)], [C('02', 'total', 1)], '01 本年收入合计 L27 = 02 合计 本年收入合计'),
  ]),
  rule('xref.01-02.appropriation', 'B2', ['01', '02'], () => [
    eq(
      [1, 2, 3].map((n) => L('01', n, 1)),
      [C('02', 'total', 2)],
      '01 L1+L2+L3 = 02 合计 财政拨款收入',
    ),
  ]),
  rule('xref.01-02.sources', 'B2', ['01', '02'], () =>
    (
      [
        [4, 3],
        [5, 4],
        [6, 5],
        [7, 6],
        [8, 7],
      ] as const
    ).map(([line, col]) => eq([L('01', line, 1)], [C('02', 'total', col)], `01 L${line} = 02 合计 栏${col}`)),
  ),
  rule('xref.01-03.expenditure', 'B3', ['01', '03'], () => [
    eq([L('01', 58, 2)], [C('03', 'total', 1)], '01 本年支出合计 L58 = 03 合计 本年支出合计'),
  ]),
  rule('xref.01-03.classes', 'B3', ['01', '03'], () =>
    FUNCTIONAL_CLASSES.map(([code]) => {
      const line = lineOfClass(code, 32)!;
      return eq([L('01', line, 2)], [C('03', `code:${code}`, 1)], `01 L${line} = 03 ${code} 本年支出合计`);
    }),
  ),
  rule('xref.01-04.appropriation', 'B4', ['01', '04'], () =>
    [1, 2, 3].map((n) => eq([L('01', n, 1)], [L('04', n, 1)], `01 L${n} = 04 L${n}`)),
  ),
  rule('xref.02-04.appropriation', 'B5', ['02', '04'], () => [
    eq([C('02', 'total', 2)], [L('04', 27, 1)], '02 合计 财政拨款收入 = 04 本年收入合计 L27'),
  ]),
  rule('xref.04-05.general', 'B6', ['04', '05'], () => [
    eq([L('04', 59, 3)], [C('05', 'total', 1)], '04 L59 一般公共预算 = 05 合计'),
  ]),
  rule('xref.04-05.classes', 'B6', ['04', '05'], () =>
    FUNCTIONAL_CLASSES.map(([code]) => {
      const line = lineOfClass(code, 33)!;
      return eq([L('04', line, 3)], [C('05', `code:${code}`, 1)], `04 L${line} 一般公共预算 = 05 ${code}`);
    }),
  ),
  rule('xref.05-06.basic', 'B7', ['05', '06'], (s) =>
    s.hasRow('06', 'total:人员经费')
      ? [
          eq(
            [C('05', 'total', 2)],
            [C('06', 'total:人员经费', 1), C('06', 'total:公用经费', 1)],
            '05 合计 基本支出 = 06 人员经费合计 + 公用经费合计',
          ),
        ]
      : [],
  ),
  rule('xref.04-07.expenditure', 'B8', ['04', '07'], () => [
    eq([L('04', 59, 4)], [C('07', 'total', 3)], '04 L59 政府性基金 = 07 合计 本年支出'),
  ]),
  rule('xref.04-07.income', 'B8', ['04', '07'], () => [
    eq([L('04', 2, 1)], [C('07', 'total', 2)], '04 L2 = 07 合计 本年收入'),
  ]),
  rule('xref.04-07.opening', 'B8', ['04', '07'], () => [
    eq([L('04', 30, 1)], [C('07', 'total', 1)], '04 L30 = 07 合计 年初结转和结余'),
  ]),
  rule('xref.04-07.closing', 'B8', ['04', '07'], () => [
    eq([L('04', 60, 4)], [C('07', 'total', 6)], '04 L60 政府性基金 = 07 合计 年末结转和结余'),
  ]),
  rule('xref.04-07.classes', 'B8', ['04', '07'], (s) =>
    FUNCTIONAL_CLASSES.filter(([code]) => s.hasRow('07', `code:${code}`)).map(([code]) => {
      const line = lineOfClass(code, 33)!;
      return eq([L('04', line, 4)], [C('07', `code:${code}`, 3)], `04 L${line} 政府性基金 = 07 ${code} 本年支出`);
    }),
  ),
  rule('xref.04-08.expenditure', 'B9', ['04', '08'], () => [
    eq([L('04', 59, 5)], [C('08', 'total', 1)], '04 L59 国有资本经营 = 08 合计'),
  ]),
  rule('xref.06-09.three-public', 'B10', ['06', '09'], (s) =>
    (
      [
        [2, '30212', '因公出国(境)费'],
        [4, '31013', '公务用车购置'],
        [5, '30231', '公务用车运行维护'],
        [6, '30217', '公务接待费'],
      ] as const
    )
      .filter(([, code]) => s.hasRow('06', `code:${code}`))
      .map(([line, code, name]) =>
        le([C('06', `code:${code}`, 1)], [L('09', line, 3)], `06 ${code} ${name} ≤ 09 L${line} 决算数`),
      ),
  ),
  rule('xref.09-10.vehicles', 'B11', ['09', '10'], () => [
    le([L('09', 14, 3)], [L('10', 1, 1)], '09 公务用车保有量 L14 ≤ 10 车辆数合计 L1'),
  ]),
  // 05 is the 一般公共预算 part of 03: row by row and kind by kind, part ≤ whole (B12 generalized).
  rule('xref.03-05.subset', 'B12', ['03', '05'], (s) =>
    codeRows(s, '05').flatMap((row) =>
      (
        [
          [1, '本年支出合计'],
          [2, '基本支出'],
          [3, '项目支出'],
        ] as const
      ).map(([col, name]) => le([C('05', row, col)], [C('03', row, col)], `05 ${row} ${name} ≤ 03 ${row} ${name}`)),
    ),
  ),
];

/** Every rule of the national template, tables first, then across tables (the order findings take). */
export const NATIONAL_IDENTITIES: readonly IdentityRule[] = [
  ...t01,
  ...codeTables,
  ...t04,
  ...t05,
  ...t06,
  ...t07,
  ...t08,
  ...t09,
  ...t10,
  ...crossTable,
];
