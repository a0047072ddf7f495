import type { TableSpec } from './spec.js';
import type { TableId } from '../src/schema/record.js';
import { classLines } from './labels.js';

/**
 * The ten 公开表 of the national template (2024 Jiangxi layout; seeds 000/001). Titles are matched
 * whitespace-free, with an optional year prefix, 序号 prefix and 公开NN表 suffix (see segment/tables.ts).
 * Columns are the printed 栏次.
 */
const fn = (s: string): RegExp => new RegExp(`^(?:${s})$`);

export const TABLE_SPECS: readonly TableSpec[] = [
  {
    id: '01',
    title: '收入支出决算总表',
    titles: fn('收入支出决算总表|收支决算总表'),
    layout: 'two-sided',
    columns: [
      { no: 1, name: '收入决算数' },
      { no: 2, name: '支出决算数' },
    ],
    income: { first: 1, last: 31, columns: [1] },
    expenditure: { first: 32, last: 62, columns: [2] },
    labels: {
      1: '一般公共预算财政拨款收入',
      2: '政府性基金预算财政拨款收入',
      3: '国有资本经营预算财政拨款收入',
      4: '上级补助收入',
      5: '事业收入',
      6: '经营收入',
      7: '附属单位上缴收入',
      8: '其他收入',
      27: '本年收入合计',
      28: '使用非财政拨款结余（含专用结余）',
      29: '年初结转和结余',
      31: '总计',
      ...classLines(32),
      58: '本年支出合计',
      59: '结余分配',
      60: '年末结转和结余',
      62: '总计',
    },
  },
  {
    id: '02',
    title: '收入决算表',
    titles: fn('收入决算表'),
    layout: 'code',
    columns: [
      { no: 1, name: '本年收入合计' },
      { no: 2, name: '财政拨款收入' },
      { no: 3, name: '上级补助收入' },
      { no: 4, name: '事业收入' },
      { no: 5, name: '经营收入' },
      { no: 6, name: '附属单位上缴收入' },
      { no: 7, name: '其他收入' },
    ],
  },
  {
    id: '03',
    title: '支出决算表',
    titles: fn('支出决算表'),
    layout: 'code',
    columns: [
      { no: 1, name: '本年支出合计' },
      { no: 2, name: '基本支出' },
      { no: 3, name: '项目支出' },
      { no: 4, name: '上缴上级支出' },
      { no: 5, name: '经营支出' },
      { no: 6, name: '对附属单位补助支出' },
    ],
  },
  {
    id: '04',
    title: '财政拨款收入支出决算总表',
    titles: fn('财政拨款收入支出决算总表|财政拨款收支决算总表'),
    layout: 'two-sided',
    columns: [
      { no: 1, name: '收入决算数' },
      { no: 2, name: '支出合计' },
      { no: 3, name: '一般公共预算财政拨款' },
      { no: 4, name: '政府性基金预算财政拨款' },
      { no: 5, name: '国有资本经营预算财政拨款' },
    ],
    income: { first: 1, last: 32, columns: [1] },
    expenditure: { first: 33, last: 64, columns: [2, 3, 4, 5] },
    labels: {
      1: '一般公共预算财政拨款',
      2: '政府性基金预算财政拨款',
      3: '国有资本经营预算财政拨款',
      27: '本年收入合计',
      28: '年初财政拨款结转和结余',
      29: '一般公共预算财政拨款',
      30: '政府性基金预算财政拨款',
      31: '国有资本经营预算财政拨款',
      32: '总计',
      ...classLines(33),
      59: '本年支出合计',
      60: '年末财政拨款结转和结余',
      64: '总计',
    },
  },
  {
    id: '05',
    title: '一般公共预算财政拨款支出决算表',
    titles: fn('一般公共预算财政拨款支出决算表'),
    layout: 'code',
    columns: [
      { no: 1, name: '本年支出合计' },
      { no: 2, name: '基本支出' },
      { no: 3, name: '项目支出' },
    ],
  },
  {
    id: '06',
    title: '一般公共预算财政拨款基本支出决算表',
    titles: fn('一般公共预算财政拨款基本支出决算表|一般公共预算财政拨款基本支出决算明细表'),
    layout: 'economic',
    columns: [{ no: 1, name: '金额' }],
  },
  {
    id: '07',
    title: '政府性基金预算财政拨款收入支出决算表',
    titles: fn('政府性基金预算财政拨款收入支出决算表|政府性基金预算财政拨款支出决算表'),
    layout: 'code',
    columns: [
      { no: 1, name: '年初结转和结余' },
      { no: 2, name: '本年收入' },
      { no: 3, name: '本年支出小计' },
      { no: 4, name: '基本支出' },
      { no: 5, name: '项目支出' },
      { no: 6, name: '年末结转和结余' },
    ],
  },
  {
    id: '08',
    title: '国有资本经营预算财政拨款支出决算表',
    titles: fn('国有资本经营预算财政拨款(?:收入)?支出决算表'),
    layout: 'code',
    columns: [
      { no: 1, name: '本年支出合计' },
      { no: 2, name: '基本支出' },
      { no: 3, name: '项目支出' },
    ],
  },
  {
    id: '09',
    title: '财政拨款“三公”经费支出决算表',
    titles: fn('(?:财政拨款)?["“”\']?三公["“”\']?经费支出(?:预)?决算表(?:（一般公共预算财政拨款）)?'),
    layout: 'lines',
    columns: [
      { no: 1, name: '年初预算数' },
      { no: 2, name: '全年预算数' },
      { no: 3, name: '决算数' },
    ],
    lines: { first: 1, last: 20, columns: [1, 2, 3] },
    labels: {
      1: '“三公”经费支出',
      2: '因公出国（境）费',
      3: '公务用车购置及运行维护费',
      4: '公务用车购置费',
      5: '公务用车运行维护费',
      6: '公务接待费',
      7: '国内接待费',
      8: '外事接待费',
      9: '国（境）外接待费',
      10: '相关统计数',
      11: '因公出国（境）团组数（个）',
      12: '因公出国（境）人次数（人）',
      13: '公务用车购置数（辆）',
      14: '公务用车保有量（辆）',
      15: '国内公务接待批次（个）',
      16: '外事接待批次（个）',
      17: '国内公务接待人次（人）',
      18: '外事接待人次（人）',
      19: '国（境）外公务接待批次（个）',
      20: '国（境）外公务接待人次（人）',
    },
    counts: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    dashes: Object.fromEntries(
      [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((n) => [n, n === 10 ? [1, 2, 3] : [1, 2]]),
    ),
  },
  {
    id: '10',
    title: '国有资产占用情况表',
    titles: fn('国有资产占用情况表'),
    layout: 'lines',
    unit: '台、辆、套',
    counts: 'all',
    columns: [{ no: 1, name: '决算数' }],
    lines: { first: 1, last: 10, columns: [1] },
    labels: {
      1: '车辆数合计',
      2: '副部（省）级及以上领导用车',
      3: '主要负责人用车',
      4: '机要通信用车',
      5: '应急保障用车',
      6: '执法执勤用车',
      7: '特种专业技术用车',
      8: '离退休干部服务用车',
      9: '其他用车',
      10: '单价100万元（含）以上设备（不含车辆）',
    },
  },
];

export function specOf(id: TableId): TableSpec {
  const s = TABLE_SPECS.find((t) => t.id === id);
  if (!s) throw new Error(`no spec for table ${id}`);
  return s;
}
