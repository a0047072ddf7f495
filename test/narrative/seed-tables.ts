import type { Table } from '../../src/schema/record.js';
import { table, type RowSpec } from './record.js';

/**
 * The rows of seeds 000, 001 and 003 that the narrative rules read, typed by hand from the seed
 * tables (empty cells left out, as the contract says). Line numbers are the printed 行次.
 */
const v = (...vals: Array<string | undefined>): Record<string, string> =>
  Object.fromEntries(vals.flatMap((x, i) => (x === undefined ? [] : [[String(i + 1), x]])));

const t01 = (
  inc: [string, string | undefined, string, string],
  exp: [string, string | undefined, string | undefined, string],
): Table =>
  table('01', [
    ['line:27', '本年收入合计', v(inc[0])],
    ['line:28', '使用非财政拨款结余（含专用结余）', v(inc[1])],
    ['line:29', '年初结转和结余', v(inc[2])],
    ['line:31', '总计', v(inc[3])],
    ['line:58', '本年支出合计', v(undefined, exp[0])],
    ['line:59', '结余分配', v(undefined, exp[1])],
    ['line:60', '年末结转和结余', v(undefined, exp[2])],
    ['line:62', '总计', v(undefined, exp[3])],
  ]);

const EMPTY_07_08 = [table('07', [['total', '合计', {}]]), table('08', [['total', '合计', {}]])];

const t09 = (rows: Record<number, [string | undefined, string | undefined, string | undefined]>): Table =>
  table(
    '09',
    Object.entries(rows).map(([line, vals]): RowSpec => [`line:${line}`, `行${line}`, v(...vals)]),
  );

const t10 = (counts: string[]): Table =>
  table(
    '10',
    counts.map((c, i): RowSpec => [`line:${i + 1}`, `行${i + 1}`, v(c)]),
  );

export const SEED_000: Table[] = [
  t01(['306.02', undefined, '103.10', '409.12'], ['352.65', undefined, '56.47', '409.12']),
  table('02', [['total', '合计', v('306.02', '293.81', '0.00', '0.00', '0.00', '0.00', '12.21')]]),
  table('03', [['total', '合计', v('352.65', '265.81', '86.84')]]),
  table('04', [
    ['line:33', '一、一般公共服务支出', v(undefined, '227.61', '227.61')],
    ['line:40', '八、社会保障和就业支出', v(undefined, '34.10', '34.10')],
    ['line:41', '九、卫生健康支出', v(undefined, '13.63', '13.63')],
    ['line:51', '十九、住房保障支出', v(undefined, '18.47', '18.47')],
    ['line:59', '本年支出合计', v(undefined, '293.81', '293.81')],
  ]),
  table('05', [['total', '合计', v('293.81', '265.81', '28.00')]]),
  table('06', [
    ['total:人员经费', '人员经费合计', v('231.98')],
    ['total:公用经费', '公用经费合计', v('33.83')],
    ['code:301', '工资福利支出', v('212.33')],
    ['code:302', '商品和服务支出', v('33.83')],
    ['code:303', '对个人和家庭的补助', v('19.65')],
    ['code:310', '资本性支出', v('0.00')],
  ]),
  ...EMPTY_07_08,
  t09({
    1: ['19.27', '19.27', '11.92'],
    2: ['0.00', '0.00', '0.00'],
    3: ['7.77', '7.77', '6.62'],
    4: ['0.00', '0.00', '0.00'],
    5: ['7.77', '7.77', '6.62'],
    6: ['11.50', '11.50', '5.30'],
    11: [undefined, undefined, undefined],
    12: [undefined, undefined, undefined],
    13: [undefined, undefined, undefined],
    14: [undefined, undefined, '2'],
    15: [undefined, undefined, '58'],
    17: [undefined, undefined, '522'],
  }),
  t10(['2', '0', '0', '0', '0', '0', '0', '0', '2', '0']),
];

export const SEED_001: Table[] = [
  t01(['1089.69', undefined, '45.15', '1134.84'], ['1134.84', undefined, undefined, '1134.84']),
  table('02', [['total', '合计', v('1089.69', '849.17', '0.00', '0.00', '0.00', '0.00', '240.53')]]),
  table('03', [['total', '合计', v('1134.84', '1004.84', '130.00')]]),
  table('04', [
    ['line:33', '一、一般公共服务支出', v(undefined, '549.27', '549.27')],
    ['line:39', '七、文化旅游体育与传媒支出', v(undefined, '130.00', '130.00')],
    ['line:40', '八、社会保障和就业支出', v(undefined, '94.67', '94.67')],
    ['line:41', '九、卫生健康支出', v(undefined, '37.92', '37.92')],
    ['line:46', '十四、资源勘探工业信息等支出', v(undefined, '2.97', '2.97')],
    ['line:51', '十九、住房保障支出', v(undefined, '34.33', '34.33')],
    ['line:59', '本年支出合计', v(undefined, '849.17', '849.17')],
  ]),
  table('05', [['total', '合计', v('849.17', '719.17', '130.00')]]),
  table('06', [
    ['total:人员经费', '人员经费合计', v('668.17')],
    ['total:公用经费', '公用经费合计', v('51.00')],
    ['code:301', '工资福利支出', v('652.55')],
    ['code:302', '商品和服务支出', v('51.00')],
    ['code:303', '对个人和家庭的补助', v('15.62')],
    ['code:310', '资本性支出', v('0.00')],
  ]),
  ...EMPTY_07_08,
  t09({
    1: ['8.00', '1.78', '1.78'],
    2: ['0.00', '0.00', '0.00'],
    3: ['0.00', '0.00', '0.00'],
    4: ['0.00', '0.00', '0.00'],
    5: ['0.00', '0.00', '0.00'],
    6: ['8.00', '1.78', '1.78'],
    11: [undefined, undefined, undefined],
    12: [undefined, undefined, undefined],
    13: [undefined, undefined, undefined],
    14: [undefined, undefined, undefined],
    15: [undefined, undefined, '15'],
    17: [undefined, undefined, '137'],
  }),
  t10(['0', '0', '0', '0', '0', '0', '0', '0', '0', '0']),
];

/** Seed 003's 公开09表 (its line 15/17 counts disagree with the narrative's 11 批 / 65 人次). */
export const SEED_003_09: Table = t09({
  1: ['19.77', '20.89', '20.89'],
  2: ['2.00', '9.28', '9.28'],
  3: ['12.77', '10.52', '10.52'],
  4: [undefined, undefined, undefined],
  5: ['12.77', '10.52', '10.52'],
  6: ['5.00', '1.10', '1.10'],
  11: [undefined, undefined, '1'],
  12: [undefined, undefined, '1'],
  13: [undefined, undefined, undefined],
  14: [undefined, undefined, '3'],
  15: [undefined, undefined, '10'],
  17: [undefined, undefined, '57'],
});
