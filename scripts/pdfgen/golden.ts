/**
 * Golden JSON → printed table grid. Every cell of a 公开NN表 is drawn from the golden (the true
 * column of each value), never from the seed text's tab positions, which text extraction may have
 * shifted. Header rows follow the published templates the seeds print: the 栏次 row with column
 * numbers 1…n, the 行次 columns of 01/04/09/10, the 类/款/项 code header of the code tables, and
 * 06's three code/name/amount groups with its two totals at the bottom.
 */
import { withThousands, type Cell } from './seed.js';

export interface GoldenRow {
  key: string;
  label: string;
  values: Record<string, string>;
  code?: string;
}
export interface GoldenTable {
  id: string;
  rows: GoldenRow[];
}
export interface Golden {
  department: string;
  year: number;
  unit: string;
  tables: GoldenTable[];
}

export interface Grid {
  header: Cell[][];
  body: Cell[][];
}

const c = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, ...extra });
const head = (text: string, span = 1): Cell => ({ text, span, align: 'center' });
const amount = (v: string | undefined): Cell => ({ text: v === undefined ? '' : withThousands(v), align: 'right' });
const lineNo = (n: number | string): Cell => ({ text: String(n), align: 'center' });

/** Value-column names of the code tables (the published templates). */
const CODE_COLUMNS: Record<string, string[]> = {
  '02': ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
  '03': ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
  '05': ['本年支出合计', '基本支出', '项目支出'],
  '07': ['年初结转和结余', '本年收入', '小计', '基本支出', '项目支出', '年末结转和结余'],
  '08': ['合计', '基本支出', '项目支出'],
};

export interface GridOptions {
  /** How the seed prints 09's structurally empty cells ('---', '——'), or null when it leaves them blank. */
  dash09: string | null;
  /** The amount column's heading in 01/04 ('金额' or '决算数'), as the seed prints it. */
  amountWord: string;
}

export function goldenGrid(t: GoldenTable, opts: GridOptions): Grid {
  switch (t.id) {
    case '01':
      return twoSided(t, ['金额'], opts, 2);
    case '04':
      return twoSided(
        t,
        ['合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'],
        opts,
        2,
      );
    case '06':
      return economic(t);
    case '09':
      return threePublic(t, opts);
    case '10':
      return assets(t);
    default:
      return codeTable(t);
  }
}

function lineOf(r: GoldenRow): number {
  return Number(r.key.replace(/^line:/, ''));
}

function twoSided(t: GoldenTable, right: string[], opts: GridOptions, firstRight: number): Grid {
  const half = t.rows.length / 2;
  const income = t.rows.filter((r) => lineOf(r) <= half);
  const spend = t.rows.filter((r) => lineOf(r) > half);
  const rightNames = t.id === '01' ? [opts.amountWord] : right;
  const header: Cell[][] = [
    [head('收入', 3), head('支出', 2 + rightNames.length)],
    [
      head('项目'),
      head('行次'),
      head(opts.amountWord),
      head('项目（按功能分类）'),
      head('行次'),
      ...rightNames.map((n) => head(n)),
    ],
    [
      head('栏次'),
      head(''),
      head('1'),
      head('栏次'),
      head(''),
      ...rightNames.map((_, k) => head(String(firstRight + k))),
    ],
  ];
  const body: Cell[][] = income.map((inc, k) => {
    const sp = spend[k]!;
    return [
      c(inc.label),
      lineNo(lineOf(inc)),
      amount(inc.values['1']),
      c(sp.label),
      lineNo(lineOf(sp)),
      ...rightNames.map((_, j) => amount(sp.values[String(firstRight + j)])),
    ];
  });
  return { header, body };
}

function codeTable(t: GoldenTable): Grid {
  const names = CODE_COLUMNS[t.id]!;
  const n = names.length;
  const header: Cell[][] =
    t.id === '07'
      ? [
          [head('项目', 4), head(names[0]!), head(names[1]!), head('本年支出', 3), head(names[5]!)],
          [
            head('支出功能分类科目编码', 3),
            head('科目名称'),
            head(''),
            head(''),
            head(names[2]!),
            head(names[3]!),
            head(names[4]!),
            head(''),
          ],
        ]
      : [
          [head('项目', 4), ...names.map((x) => head(x))],
          [head('支出功能分类科目编码', 3), head('科目名称'), ...names.map(() => head(''))],
        ];
  header.push([head('类'), head('款'), head('项'), head('栏次'), ...names.map((_, k) => head(String(k + 1)))]);
  const body = t.rows.map((r) => [
    c(r.key === 'total' ? '' : (r.code ?? r.key.replace(/^code:/, '')), { span: 3 }),
    c(r.label),
    ...Array.from({ length: n }, (_, k) => amount(r.values[String(k + 1)])),
  ]);
  return { header, body };
}

function economic(t: GoldenTable): Grid {
  const groups: GoldenRow[][] = [[], [], []];
  let personnel: GoldenRow | undefined;
  let publicTotal: GoldenRow | undefined;
  for (const r of t.rows) {
    if (r.key === 'total:人员经费') {
      personnel = r;
      continue;
    }
    if (r.key === 'total:公用经费') {
      publicTotal = r;
      continue;
    }
    const code = r.code ?? r.key.replace(/^code:/, '');
    const g = /^30[13]/.test(code) ? 0 : /^302/.test(code) ? 1 : 2;
    groups[g]!.push(r);
  }
  const header: Cell[][] = [
    [head('人员经费', 3), head('公用经费', 6)],
    [0, 1, 2].flatMap(() => [head('经济分类科目编码'), head('科目名称'), head('金额')]),
  ];
  const rows = Math.max(...groups.map((g) => g.length));
  const body: Cell[][] = Array.from({ length: rows }, (_, k) =>
    groups.flatMap((g) => {
      const r = g[k];
      return r ? [c(r.code ?? r.key.replace(/^code:/, '')), c(r.label), amount(r.values['1'])] : [c(''), c(''), c('')];
    }),
  );
  body.push([
    c(personnel?.label ?? '人员经费合计'),
    c(''),
    amount(personnel?.values['1']),
    c(publicTotal?.label ?? '公用经费合计'),
    c(''),
    c(''),
    c(''),
    c(''),
    amount(publicTotal?.values['1']),
  ]);
  return { header, body };
}

function threePublic(t: GoldenTable, opts: GridOptions): Grid {
  const header: Cell[][] = [
    [head('项目'), head('行次'), head('年初预算数'), head('全年预算数'), head('决算数')],
    [head('栏次'), head(''), head('1'), head('2'), head('3')],
  ];
  const body = t.rows.map((r) => {
    const no = lineOf(r);
    const cells = [1, 2, 3].map((col) => {
      const v = r.values[String(col)];
      const structural = (no >= 7 && col <= 2) || (no === 10 && col === 3);
      if (v === undefined && structural && opts.dash09) return c(opts.dash09, { align: 'center' });
      return amount(v);
    });
    return [c(r.label), lineNo(no), ...cells];
  });
  return { header, body };
}

function assets(t: GoldenTable): Grid {
  const header: Cell[][] = [[head('项目'), head('栏次'), head('决算数')]];
  const body = t.rows.map((r) => [c(r.label), lineNo(lineOf(r)), amount(r.values['1'])]);
  return { header, body };
}
