/**
 * Truth JSON → the printed grid of each 公开NN表, under the layout options of a fixture. Values and
 * labels come only from /work/shared/truth (never from the seed text's cell positions nor from the
 * pipeline), in the truth's row order. The header texts follow the published templates as
 * scripts/pdfgen/golden.ts draws them (栏次 row, 行次 columns of 01/04/09/10, 类/款/项 code header,
 * 06's three code/name/amount groups), here with real vertical merges (rowspans) as the templates
 * print them, plus the layout variants of LayoutOptions.
 */
import { withThousands } from '../pdfgen/seed.js';
import type { Align, LayoutOptions, MCell, Role } from './model.js';

export interface TruthTable {
  title: string;
  unit: string;
  rows: Record<string, Record<string, string>>;
  labels: Record<string, string>;
}
export interface Truth {
  doc: string;
  department: string;
  year: number;
  unit: string;
  parts: number[];
  tables: Record<string, TruthTable>;
}

export interface Grid {
  ncols: number;
  colEm: number[];
  colRoles: Role[];
  header: MCell[][];
  body: MCell[][];
}

/** A cell before placement: columns are assigned HTML-style (skipping columns held by rowspans above). */
interface Spec {
  text: string;
  cs?: number;
  rs?: number;
  role: Role;
  align?: Align;
}

const H = (text: string, cs = 1, rs = 1): Spec => ({ text, cs, rs, role: 'head', align: 'c' });
const NAME = (text: string, cs = 1): Spec => ({ text, cs, role: 'name', align: 'l' });
const CODE = (text: string): Spec => ({ text, role: 'code', align: 'l' });
const LINE = (n: number | string): Spec => ({ text: String(n), role: 'line', align: 'c' });

function place(rows: Spec[][], ncols: number): MCell[][] {
  const held: number[] = Array<number>(ncols).fill(0); // rows still covered by a rowspan, per column
  return rows.map((specs) => {
    const out: MCell[] = [];
    let col = 0;
    for (const s of specs) {
      while (col < ncols && held[col]! > 0) col++;
      const cs = s.cs ?? 1;
      const rs = s.rs ?? 1;
      out.push({ text: s.text, col, cs, rs, align: s.align ?? 'l', role: s.role });
      for (let k = col; k < col + cs; k++) held[k] = rs;
      col += cs;
    }
    for (let k = 0; k < ncols; k++) if (held[k]! > 0) held[k]!--;
    return out;
  });
}

/** Width of a label in em: CJK glyphs are one em, ASCII about half. */
export function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1;
  return w;
}

function rowsOf(t: TruthTable): { key: string; label: string; values: Record<string, string> }[] {
  return Object.keys(t.rows).map((key) => ({ key, label: t.labels[key] ?? '', values: t.rows[key]! }));
}

export interface GridContext {
  opts: LayoutOptions;
  /** How the seed prints 09's structurally empty cells ('---', '——'), or null when blank. */
  dash09: string | null;
  /** The amount column's heading in 01/04 as the seed prints it ('金额' or '决算数'). */
  amountWord: string;
}

export function buildGrid(id: string, t: TruthTable, ctx: GridContext): Grid {
  switch (id) {
    case '01':
      return twoSided(t, ['金额'], ctx, 2);
    case '04':
      return twoSided(
        t,
        ['合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'],
        ctx,
        2,
      );
    case '06':
      return economic(t, ctx);
    case '09':
      return threePublic(t, ctx);
    case '10':
      return assets(t, ctx);
    default:
      return codeTable(id, t, ctx);
  }
}

function amountSpec(v: string | undefined, ctx: GridContext): Spec {
  const text = v === undefined ? '' : ctx.opts.thousands ? withThousands(v) : v;
  return { text, role: 'num', align: 'r' };
}

const lineOf = (key: string) => Number(key.replace(/^line:/, ''));

/** Name column width: wide enough for the longest label, or narrow (wrap 2–3 lines) in the wrap variant. */
function nameEm(labels: string[], ctx: GridContext, cap = 22): number {
  if (ctx.opts.wrap) return 7.5;
  return Math.min(cap, Math.max(6, ...labels.map(emWidth)) + 1);
}

function amountEm(ctx: GridContext): number {
  return ctx.opts.thousands ? 6.5 : 5.5;
}

/** 01 and 04: income row k printed on the same line as expenditure row k (+31 / +32). */
function twoSided(t: TruthTable, right: string[], ctx: GridContext, firstRight: number): Grid {
  const rows = rowsOf(t);
  const half = rows.length / 2;
  const income = rows.filter((r) => lineOf(r.key) <= half);
  const spend = rows.filter((r) => lineOf(r.key) > half);
  const names = right.length === 1 ? [ctx.amountWord] : right;
  const ncols = 5 + names.length;
  const header = place(
    [
      [H('收入', 3), H('支出', 2 + names.length)],
      [H('项目'), H('行次'), H(ctx.amountWord), H('项目（按功能分类）'), H('行次'), ...names.map((n) => H(n))],
      [H('栏次'), H(''), H('1'), H('栏次'), H(''), ...names.map((_, k) => H(String(firstRight + k)))],
    ],
    ncols,
  );
  const body = place(
    income.map((inc, k) => {
      const sp = spend[k]!;
      return [
        NAME(inc.label),
        LINE(lineOf(inc.key)),
        amountSpec(inc.values['1'], ctx),
        NAME(sp.label),
        LINE(lineOf(sp.key)),
        ...names.map((_, j) => amountSpec(sp.values[String(firstRight + j)], ctx)),
      ];
    }),
    ncols,
  );
  const incEm = nameEm(
    income.map((r) => r.label),
    ctx,
    17,
  );
  const spEm = nameEm(
    spend.map((r) => r.label),
    ctx,
    17,
  );
  // 04's long fund names wrap in their header cells anyway (as printed: 一般公共预算财政拨 款).
  const colEm = [incEm, 2.6, amountEm(ctx), spEm, 2.6, ...names.map(() => amountEm(ctx) + 0.5)];
  const colRoles: Role[] = ['name', 'line', 'num', 'name', 'line', ...names.map((): Role => 'num')];
  return { ncols, colEm, colRoles, header, body };
}

/** Value-column names of the functional code tables (the published templates). */
const CODE_COLUMNS: Record<string, string[]> = {
  '02': ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
  '03': ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
  '05': ['本年支出合计', '基本支出', '项目支出'],
  '07': ['年初结转和结余', '本年收入', '小计', '基本支出', '项目支出', '年末结转和结余'],
  '08': ['合计', '基本支出', '项目支出'],
};
/** The band the grouped variant prints over all value columns (its first column then reads 合计). */
const BAND: Record<string, string> = { '02': '本年收入', '03': '本年支出', '05': '本年支出', '08': '本年支出' };

/** The code cells of one row under the code option (split: 类 = 3 digits, 款 = 2, 项 = 2). */
function codeCells(code: string, prev: string | null, mode: LayoutOptions['codes']): Spec[] {
  if (mode === 'one') return [CODE(code)];
  if (mode === 'in-name') return [];
  const lei = code.slice(0, 3);
  const kuan = code.slice(3, 5);
  const xiang = code.slice(5, 7);
  if (mode === 'split-every') return [CODE(lei), CODE(kuan), CODE(xiang)];
  // split-change: 类 and 款 only where they differ from the row above (the row above's code prefix).
  const pLei = prev?.slice(0, 3) ?? '';
  const pKuan = prev?.slice(3, 5) ?? '';
  const showLei = lei !== pLei;
  const showKuan = kuan !== '' && (showLei || kuan !== pKuan);
  return [CODE(showLei ? lei : ''), CODE(showKuan ? kuan : ''), CODE(xiang)];
}

function codeTable(id: string, t: TruthTable, ctx: GridContext): Grid {
  const names = CODE_COLUMNS[id]!;
  const n = names.length;
  const mode = ctx.opts.codes;
  const nCode = mode === 'one' ? 1 : mode === 'in-name' ? 0 : 3;
  const lead = nCode + 1; // code cells + name cell
  const ncols = lead + n;
  const nums = names.map((_, k) => H(String(k + 1)));
  const codeHead: Spec[] =
    nCode === 3
      ? [H('支出功能分类科目编码', 3), H('科目名称')]
      : nCode === 1
        ? [H('科目编码'), H('科目名称')]
        : [H('科目编码及名称')];
  const codeSub: Spec[] =
    nCode === 3 ? [H('类'), H('款'), H('项'), H('栏次')] : nCode === 1 ? [H('栏次', 2)] : [H('栏次')];
  let rows: Spec[][];
  if (id === '07') {
    rows = [
      [H('项目', lead), H(names[0]!, 1, 2), H(names[1]!, 1, 2), H('本年支出', 3), H(names[5]!, 1, 2)],
      [...codeHead, H(names[2]!), H(names[3]!), H(names[4]!)],
      [...codeSub, ...nums],
    ];
  } else if (ctx.opts.grouped && BAND[id]) {
    rows = [
      [H('项目', lead), H(BAND[id]!, n)],
      [...codeHead, H('合计'), ...names.slice(1).map((x) => H(x))],
      [...codeSub, ...nums],
    ];
  } else {
    rows = [[H('项目', lead), ...names.map((x) => H(x, 1, 2))], codeHead, [...codeSub, ...nums]];
  }
  const header = place(rows, ncols);
  let prev: string | null = null;
  const body = place(
    rowsOf(t).map((r) => {
      const values = Array.from({ length: n }, (_, k) => amountSpec(r.values[String(k + 1)], ctx));
      if (r.key === 'total') {
        prev = null;
        return [...Array.from({ length: nCode }, () => CODE('')), NAME(r.label), ...values];
      }
      const code = r.key.replace(/^code:/, '');
      const cells = codeCells(code, prev, mode);
      prev = code;
      return [...cells, NAME(mode === 'in-name' ? `${code} ${r.label}` : r.label), ...values];
    }),
    ncols,
  );
  const labels = rowsOf(t).map((r) => (mode === 'in-name' ? `2010301 ${r.label}` : r.label));
  const codeEm = nCode === 3 ? [2.6, 2.2, 2.2] : nCode === 1 ? [5] : [];
  const colEm = [...codeEm, nameEm(labels, ctx, mode === 'in-name' ? 24 : 20), ...names.map(() => amountEm(ctx))];
  const colRoles: Role[] = [...codeEm.map((): Role => 'code'), 'name', ...names.map((): Role => 'num')];
  return { ncols, colEm, colRoles, header, body };
}

/** 06: three code/name/amount groups side by side (人员经费 301/303; 公用经费 302; the rest), totals below. */
function economic(t: TruthTable, ctx: GridContext): Grid {
  const groups: { code: string; label: string; value: string | undefined }[][] = [[], [], []];
  let personnel: { label: string; value: string | undefined } | undefined;
  let publicTotal: { label: string; value: string | undefined } | undefined;
  for (const r of rowsOf(t)) {
    if (r.key === 'total:人员经费') {
      personnel = { label: r.label, value: r.values['1'] };
      continue;
    }
    if (r.key === 'total:公用经费') {
      publicTotal = { label: r.label, value: r.values['1'] };
      continue;
    }
    const code = r.key.replace(/^code:/, '');
    const g = /^30[13]/.test(code) ? 0 : /^302/.test(code) ? 1 : 2;
    groups[g]!.push({ code, label: r.label, value: r.values['1'] });
  }
  const ncols = 9;
  const header = place(
    [[H('人员经费', 3), H('公用经费', 6)], [0, 1, 2].flatMap(() => [H('经济分类科目编码'), H('科目名称'), H('金额')])],
    ncols,
  );
  const nRows = Math.max(...groups.map((g) => g.length));
  const body = place(
    Array.from({ length: nRows }, (_, k) =>
      groups.flatMap((g): Spec[] => {
        const r = g[k];
        return r
          ? [CODE(r.code), NAME(r.label), amountSpec(r.value, ctx)]
          : [CODE(''), NAME(''), { text: '', role: 'num', align: 'r' }];
      }),
    ),
    ncols,
  );
  body.push(
    ...place(
      [
        [
          NAME(personnel?.label ?? '人员经费合计', 2),
          amountSpec(personnel?.value, ctx),
          NAME(publicTotal?.label ?? '公用经费合计', 5),
          amountSpec(publicTotal?.value, ctx),
        ],
      ],
      ncols,
    ),
  );
  const nm = ctx.opts.wrap ? 6.5 : 13;
  const colEm = [0, 1, 2].flatMap(() => [4.2, nm, amountEm(ctx)]);
  const colRoles: Role[] = [0, 1, 2].flatMap((): Role[] => ['code', 'name', 'num']);
  return { ncols, colEm, colRoles, header, body };
}

/** 09: 三公 with the structurally empty cells printed as the seed prints them. */
function threePublic(t: TruthTable, ctx: GridContext): Grid {
  const ncols = 5;
  const header = place(
    [
      [H('项目'), H('行次'), H('年初预算数'), H('全年预算数'), H('决算数')],
      [H('栏次'), H(''), H('1'), H('2'), H('3')],
    ],
    ncols,
  );
  const rows = rowsOf(t);
  const body = place(
    rows.map((r) => {
      const no = lineOf(r.key);
      const cells = [1, 2, 3].map((col): Spec => {
        const v = r.values[String(col)];
        const structural = (no >= 7 && col <= 2) || (no === 10 && col === 3);
        if (v === undefined && structural && ctx.dash09) return { text: ctx.dash09, role: 'num', align: 'c' };
        return amountSpec(v, ctx);
      });
      return [NAME(r.label), LINE(no), ...cells];
    }),
    ncols,
  );
  const colEm = [
    nameEm(
      rows.map((r) => r.label),
      ctx,
      24,
    ),
    2.6,
    5.5,
    5.5,
    5.5,
  ];
  return { ncols, colEm, colRoles: ['name', 'line', 'num', 'num', 'num'], header, body };
}

/** 10: assets, counts (not money) in one column. */
function assets(t: TruthTable, ctx: GridContext): Grid {
  const ncols = 3;
  const header = place([[H('项目'), H('栏次'), H('决算数')]], ncols);
  const rows = rowsOf(t);
  const body = place(
    rows.map((r) => [
      NAME(r.label),
      LINE(lineOf(r.key)),
      { text: r.values['1'] ?? '', role: 'num', align: 'r' } as Spec,
    ]),
    ncols,
  );
  const colEm = [
    nameEm(
      rows.map((r) => r.label),
      ctx,
      26,
    ),
    2.6,
    5.5,
  ];
  return { ncols, colEm, colRoles: ['name', 'line', 'num'], header, body };
}
