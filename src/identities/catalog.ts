import type { TableId } from '../schema/record.js';
import type { CellValues } from '../cells/cell-grid.js';
import type { CellRef, Identity } from './identity.js';
import { FUNCTIONAL_CLASSES, lineOfClass } from '../../parsers/labels.js';

/**
 * The identities of identities.md sections A (within a table) and B (across tables), instantiated
 * on the rows a document actually has. Rule ids are stable names used in findings.
 */
const L = (table: TableId, line: number, col: number, sign?: 1 | -1): CellRef => ({
  table,
  row: `line:${line}`,
  col,
  ...(sign ? { sign } : {}),
});
const C = (table: TableId, row: string, col: number): CellRef => ({ table, row, col });
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

type Gen = (s: CellValues) => Identity[];

function eq(rule: string, ref: string, left: CellRef[], right: CellRef[], text: string, at?: CellRef): Identity {
  return { rule, ref, kind: 'eq', left, right, text, at: at ?? left[0]! };
}
function le(rule: string, ref: string, left: CellRef[], right: CellRef[], text: string): Identity {
  return { rule, ref, kind: 'le', left, right, text, at: left[0]! };
}

const t01: Gen = (s) =>
  !s.hasTable('01')
    ? []
    : [
        eq(
          't01.income-total',
          'A1',
          [L('01', 27, 1)],
          range(1, 8).map((n) => L('01', n, 1)),
          '01 本年收入合计 L27 = Σ L1..L8',
        ),
        eq(
          't01.grand-income',
          'A2',
          [L('01', 31, 1)],
          [L('01', 27, 1), L('01', 28, 1), L('01', 29, 1), L('01', 30, 1)],
          '01 总计 L31 = L27 + L28 + L29',
        ),
        eq(
          't01.expenditure-total',
          'A3',
          [L('01', 58, 2)],
          range(32, 57).map((n) => L('01', n, 2)),
          '01 本年支出合计 L58 = Σ L32..L57',
        ),
        eq(
          't01.grand-expenditure',
          'A4',
          [L('01', 62, 2)],
          [L('01', 58, 2), L('01', 59, 2), L('01', 60, 2), L('01', 61, 2)],
          '01 总计 L62 = L58 + L59 + L60',
        ),
        eq('t01.balance', 'A5', [L('01', 31, 1)], [L('01', 62, 2)], '01 收入总计 L31 = 支出总计 L62'),
      ];

/** Row identities: a total column equals the sum of others (02 A6, 03 A8, 05 A13, 08 A17, 04 A10). */
function rowSums(
  table: TableId,
  rule: string,
  ref: string,
  totalCol: number,
  parts: number[],
  rows: (s: CellValues) => string[],
): Gen {
  return (s) =>
    !s.hasTable(table)
      ? []
      : rows(s).map((row) =>
          eq(
            rule,
            ref,
            [C(table, row, totalCol)],
            parts.map((c) => C(table, row, c)),
            `${table} ${row}: 栏${totalCol} = Σ 栏${parts.join('+')}`,
          ),
        );
}
const codeRows = (t: TableId) => (s: CellValues) => s.rowKeys(t).filter((k) => k === 'total' || k.startsWith('code:'));

/** Hierarchy: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, per value column (A7, A15). */
function hierarchy(table: TableId, cols: number[], rule: string, ref: string): Gen {
  return (s) => {
    if (!s.hasTable(table)) return [];
    const codes = s
      .rowKeys(table)
      .filter((k) => k.startsWith('code:'))
      .map((k) => k.slice(5));
    const out: Identity[] = [];
    const parentOf = (c: string): string | undefined =>
      c.length === 7 ? c.slice(0, 5) : c.length === 5 ? c.slice(0, 3) : c.length === 3 ? '' : undefined;
    const groups = new Map<string, string[]>();
    for (const c of codes) {
      const p = parentOf(c);
      if (p === undefined) continue;
      if (p !== '' && !codes.includes(p)) continue; // orphan: its parent is not printed
      groups.set(p, [...(groups.get(p) ?? []), c]);
    }
    for (const [parent, children] of groups) {
      if (parent === '' && !s.hasRow(table, 'total')) continue;
      const pk = parent === '' ? 'total' : `code:${parent}`;
      for (const col of cols) {
        out.push(
          eq(
            rule,
            ref,
            [C(table, pk, col)],
            children.map((c) => C(table, `code:${c}`, col)),
            `${table} ${parent === '' ? '合计' : parent} 栏${col} = Σ ${children.length} 个下级科目`,
          ),
        );
      }
    }
    return out;
  };
}

const t04: Gen = (s) => {
  if (!s.hasTable('04')) return [];
  const out: Identity[] = [
    eq(
      't04.income-total',
      'A9',
      [L('04', 27, 1)],
      [1, 2, 3].map((n) => L('04', n, 1)),
      '04 本年收入合计 L27 = L1 + L2 + L3',
    ),
    eq(
      't04.opening-total',
      'A9',
      [L('04', 28, 1)],
      [29, 30, 31].map((n) => L('04', n, 1)),
      '04 年初结转和结余 L28 = L29 + L30 + L31',
    ),
    eq('t04.grand-income', 'A9', [L('04', 32, 1)], [L('04', 27, 1), L('04', 28, 1)], '04 总计 L32 = L27 + L28'),
    eq('t04.balance', 'A11', [L('04', 32, 1)], [L('04', 64, 2)], '04 收入总计 L32 = 支出总计 L64'),
  ];
  for (const col of [2, 3, 4, 5]) {
    out.push(
      eq(
        't04.expenditure-total',
        'A11',
        [L('04', 59, col)],
        range(33, 58).map((n) => L('04', n, col)),
        `04 本年支出合计 L59 栏${col} = Σ L33..L58`,
      ),
    );
    out.push(
      eq(
        't04.grand-expenditure',
        'A11',
        [L('04', 64, col)],
        [L('04', 59, col), L('04', 60, col), L('04', 61, col), L('04', 62, col), L('04', 63, col)],
        `04 总计 L64 栏${col} = L59 + L60`,
      ),
    );
  }
  for (const line of range(33, 64)) {
    out.push(
      eq(
        't04.row-funds',
        'A10',
        [L('04', line, 2)],
        [3, 4, 5].map((c) => L('04', line, c)),
        `04 L${line}: 合计 = 一般公共 + 政府性基金 + 国有资本经营`,
      ),
    );
  }
  for (const f of [1, 2, 3]) {
    out.push(
      eq(
        't04.fund-balance',
        'A12',
        [L('04', f, 1), L('04', 28 + f, 1)],
        [L('04', 59, 2 + f), L('04', 60, 2 + f)],
        `04 资金${f}: 本年收入 L${f} + 年初 L${28 + f} = 本年支出 L59 + 年末 L60 (栏${2 + f})`,
      ),
    );
  }
  return out;
};

const t06: Gen = (s) => {
  if (!s.hasTable('06')) return [];
  const codes = s
    .rowKeys('06')
    .filter((k) => k.startsWith('code:'))
    .map((k) => k.slice(5));
  const classes = codes.filter((c) => c.length === 3);
  const out: Identity[] = [];
  const personnel = classes.filter((c) => c === '301' || c === '303');
  const publicUse = classes.filter((c) => c !== '301' && c !== '303');
  if (s.hasRow('06', 'total:人员经费') && personnel.length) {
    out.push(
      eq(
        't06.personnel-total',
        'A14',
        [C('06', 'total:人员经费', 1)],
        personnel.map((c) => C('06', `code:${c}`, 1)),
        `06 人员经费合计 = ${personnel.join(' + ')}`,
      ),
    );
  }
  if (s.hasRow('06', 'total:公用经费') && publicUse.length) {
    out.push(
      eq(
        't06.public-total',
        'A14',
        [C('06', 'total:公用经费', 1)],
        publicUse.map((c) => C('06', `code:${c}`, 1)),
        `06 公用经费合计 = ${publicUse.join(' + ')}`,
      ),
    );
  }
  for (const k of classes) {
    const items = codes.filter((c) => c.length === 5 && c.startsWith(k));
    if (items.length)
      out.push(
        eq(
          't06.class-items',
          'A15',
          [C('06', `code:${k}`, 1)],
          items.map((c) => C('06', `code:${c}`, 1)),
          `06 ${k} = Σ ${items.length} 个款`,
        ),
      );
  }
  return out;
};

const t07: Gen = (s) =>
  !s.hasTable('07')
    ? []
    : codeRows('07')(s).flatMap((row) => [
        eq(
          't07.row-balance',
          'A16',
          [C('07', row, 1), C('07', row, 2), { ...C('07', row, 3), sign: -1 }],
          [C('07', row, 6)],
          `07 ${row}: 年初 + 本年收入 − 本年支出 = 年末`,
        ),
        eq(
          't07.row-expenditure',
          'A16',
          [C('07', row, 3)],
          [C('07', row, 4), C('07', row, 5)],
          `07 ${row}: 本年支出 = 基本 + 项目`,
        ),
      ]);

const t09: Gen = (s) => {
  if (!s.hasTable('09')) return [];
  const out: Identity[] = [];
  for (const col of [1, 2, 3]) {
    out.push(
      eq(
        't09.total',
        'A18',
        [L('09', 1, col)],
        [2, 3, 6].map((n) => L('09', n, col)),
        `09 三公合计 L1 = L2 + L3 + L6 (栏${col})`,
      ),
    );
    out.push(
      eq(
        't09.vehicles',
        'A18',
        [L('09', 3, col)],
        [4, 5].map((n) => L('09', n, col)),
        `09 公务用车 L3 = L4 + L5 (栏${col})`,
      ),
    );
  }
  out.push(
    eq('t09.reception', 'A18', [L('09', 6, 3)], [L('09', 7, 3), L('09', 9, 3)], '09 公务接待 L6 = L7 + L9 (决算数)'),
  );
  out.push(le('t09.foreign-reception', 'A18', [L('09', 8, 3)], [L('09', 7, 3)], '09 外事接待费 L8 ≤ 国内接待费 L7'));
  out.push(
    le('t09.foreign-batches', 'A18', [L('09', 16, 3)], [L('09', 15, 3)], '09 外事接待批次 L16 ≤ 国内接待批次 L15'),
  );
  out.push(
    le('t09.foreign-persons', 'A18', [L('09', 18, 3)], [L('09', 17, 3)], '09 外事接待人次 L18 ≤ 国内接待人次 L17'),
  );
  return out;
};

const t10: Gen = (s) =>
  !s.hasTable('10')
    ? []
    : [
        eq(
          't10.vehicles',
          'A20',
          [L('10', 1, 1)],
          range(2, 9).map((n) => L('10', n, 1)),
          '10 车辆数合计 L1 = Σ L2..L9',
        ),
      ];

/** Section B: across tables. */
const crossTable: Gen = (s) => {
  const has = (...ids: TableId[]) => ids.every((i) => s.hasTable(i));
  const out: Identity[] = [];
  if (has('01', '02')) {
    out.push(
      eq(
        'xref.01-02.income',
        'B1',
        [L('01', 27, 1)],
        [C('02', 'total', 1)],
        '01 本年收入合计 L27 = 02 合计 本年收入合计',
      ),
    );
    out.push(
      eq(
        'xref.01-02.appropriation',
        'B2',
        [1, 2, 3].map((n) => L('01', n, 1)),
        [C('02', 'total', 2)],
        '01 L1+L2+L3 = 02 合计 财政拨款收入',
      ),
    );
    for (const [line, col] of [
      [4, 3],
      [5, 4],
      [6, 5],
      [7, 6],
      [8, 7],
    ] as const) {
      out.push(
        eq('xref.01-02.sources', 'B2', [L('01', line, 1)], [C('02', 'total', col)], `01 L${line} = 02 合计 栏${col}`),
      );
    }
  }
  if (has('01', '03')) {
    out.push(
      eq(
        'xref.01-03.expenditure',
        'B3',
        [L('01', 58, 2)],
        [C('03', 'total', 1)],
        '01 本年支出合计 L58 = 03 合计 本年支出合计',
      ),
    );
    for (const [code] of FUNCTIONAL_CLASSES) {
      const line = lineOfClass(code, 32)!;
      out.push(
        eq(
          'xref.01-03.classes',
          'B3',
          [L('01', line, 2)],
          [C('03', `code:${code}`, 1)],
          `01 L${line} = 03 ${code} 本年支出合计`,
        ),
      );
    }
  }
  if (has('01', '04')) {
    for (const n of [1, 2, 3])
      out.push(eq('xref.01-04.appropriation', 'B4', [L('01', n, 1)], [L('04', n, 1)], `01 L${n} = 04 L${n}`));
  }
  if (has('02', '04'))
    out.push(
      eq(
        'xref.02-04.appropriation',
        'B5',
        [C('02', 'total', 2)],
        [L('04', 27, 1)],
        '02 合计 财政拨款收入 = 04 本年收入合计 L27',
      ),
    );
  if (has('04', '05')) {
    out.push(eq('xref.04-05.general', 'B6', [L('04', 59, 3)], [C('05', 'total', 1)], '04 L59 一般公共预算 = 05 合计'));
    for (const [code] of FUNCTIONAL_CLASSES) {
      const line = lineOfClass(code, 33)!;
      out.push(
        eq(
          'xref.04-05.classes',
          'B6',
          [L('04', line, 3)],
          [C('05', `code:${code}`, 1)],
          `04 L${line} 一般公共预算 = 05 ${code}`,
        ),
      );
    }
  }
  if (has('05', '06') && s.hasRow('06', 'total:人员经费')) {
    out.push(
      eq(
        'xref.05-06.basic',
        'B7',
        [C('05', 'total', 2)],
        [C('06', 'total:人员经费', 1), C('06', 'total:公用经费', 1)],
        '05 合计 基本支出 = 06 人员经费合计 + 公用经费合计',
      ),
    );
  }
  if (has('04', '07')) {
    out.push(
      eq(
        'xref.04-07.expenditure',
        'B8',
        [L('04', 59, 4)],
        [C('07', 'total', 3)],
        '04 L59 政府性基金 = 07 合计 本年支出',
      ),
    );
    out.push(eq('xref.04-07.income', 'B8', [L('04', 2, 1)], [C('07', 'total', 2)], '04 L2 = 07 合计 本年收入'));
    out.push(
      eq('xref.04-07.opening', 'B8', [L('04', 30, 1)], [C('07', 'total', 1)], '04 L30 = 07 合计 年初结转和结余'),
    );
    out.push(
      eq(
        'xref.04-07.closing',
        'B8',
        [L('04', 60, 4)],
        [C('07', 'total', 6)],
        '04 L60 政府性基金 = 07 合计 年末结转和结余',
      ),
    );
    for (const [code] of FUNCTIONAL_CLASSES) {
      const line = lineOfClass(code, 33)!;
      if (s.hasRow('07', `code:${code}`))
        out.push(
          eq(
            'xref.04-07.classes',
            'B8',
            [L('04', line, 4)],
            [C('07', `code:${code}`, 3)],
            `04 L${line} 政府性基金 = 07 ${code} 本年支出`,
          ),
        );
    }
  }
  if (has('04', '08'))
    out.push(
      eq('xref.04-08.expenditure', 'B9', [L('04', 59, 5)], [C('08', 'total', 1)], '04 L59 国有资本经营 = 08 合计'),
    );
  if (has('06', '09')) {
    for (const [line, code, name] of [
      [2, '30212', '因公出国(境)费'],
      [4, '31013', '公务用车购置'],
      [5, '30231', '公务用车运行维护'],
      [6, '30217', '公务接待费'],
    ] as const) {
      if (s.hasRow('06', `code:${code}`))
        out.push(
          le(
            'xref.06-09.three-public',
            'B10',
            [C('06', `code:${code}`, 1)],
            [L('09', line, 3)],
            `06 ${code} ${name} ≤ 09 L${line} 决算数`,
          ),
        );
    }
  }
  if (has('09', '10'))
    out.push(
      le('xref.09-10.vehicles', 'B11', [L('09', 14, 3)], [L('10', 1, 1)], '09 公务用车保有量 L14 ≤ 10 车辆数合计 L1'),
    );
  if (has('03', '05')) {
    // 05 is the 一般公共预算 part of 03: row by row and kind by kind, part ≤ whole (B12 generalized).
    for (const row of s.rowKeys('05').filter((k) => k === 'total' || k.startsWith('code:'))) {
      for (const [col, name] of [
        [1, '本年支出合计'],
        [2, '基本支出'],
        [3, '项目支出'],
      ] as const) {
        out.push(
          le(
            'xref.03-05.subset',
            'B12',
            [C('05', row, col)],
            [C('03', row, col)],
            `05 ${row} ${name} ≤ 03 ${row} ${name}`,
          ),
        );
      }
    }
  }
  return out;
};

const GENERATORS: Gen[] = [
  t01,
  rowSums('02', 't02.row-sources', 'A6', 1, [2, 3, 4, 5, 6, 7], codeRows('02')),
  hierarchy('02', [1, 2, 3, 4, 5, 6, 7], 't02.hierarchy', 'A7'),
  rowSums('03', 't03.row-kinds', 'A8', 1, [2, 3, 4, 5, 6], codeRows('03')),
  hierarchy('03', [1, 2, 3, 4, 5, 6], 't03.hierarchy', 'A7'),
  t04,
  rowSums('05', 't05.row-kinds', 'A13', 1, [2, 3], codeRows('05')),
  hierarchy('05', [1, 2, 3], 't05.hierarchy', 'A7'),
  t06,
  t07,
  hierarchy('07', [1, 2, 3, 4, 5, 6], 't07.hierarchy', 'A7'),
  rowSums('08', 't08.row-kinds', 'A17', 1, [2, 3], codeRows('08')),
  hierarchy('08', [1, 2, 3], 't08.hierarchy', 'A7'),
  t09,
  t10,
  crossTable,
];

export function instantiate(store: CellValues): Identity[] {
  return GENERATORS.flatMap((g) => g(store));
}

/** Rule ids and the tables each needs, for "not evaluated" findings when a table is missing. */
export const RULE_TABLES: ReadonlyArray<readonly [rule: string, ref: string, tables: TableId[]]> = [
  ['t01.*', 'A1–A5', ['01']],
  ['t02.*', 'A6–A7', ['02']],
  ['t03.*', 'A7–A8', ['03']],
  ['t04.*', 'A9–A12', ['04']],
  ['t05.*', 'A13', ['05']],
  ['t06.*', 'A14–A15', ['06']],
  ['t07.*', 'A16', ['07']],
  ['t08.*', 'A17', ['08']],
  ['t09.*', 'A18', ['09']],
  ['t10.*', 'A20', ['10']],
  ['xref.01-02.*', 'B1–B2', ['01', '02']],
  ['xref.01-03.*', 'B3', ['01', '03']],
  ['xref.01-04.*', 'B4', ['01', '04']],
  ['xref.02-04.*', 'B5', ['02', '04']],
  ['xref.04-05.*', 'B6', ['04', '05']],
  ['xref.05-06.*', 'B7', ['05', '06']],
  ['xref.04-07.*', 'B8', ['04', '07']],
  ['xref.04-08.*', 'B9', ['04', '08']],
  ['xref.06-09.*', 'B10', ['06', '09']],
  ['xref.09-10.*', 'B11', ['09', '10']],
  ['xref.03-05.*', 'B12', ['03', '05']],
];
