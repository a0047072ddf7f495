import type { TableId } from '../src/schema/record.js';

/**
 * A 公开表 layout as data, read by the one generic table reader (src/tables/read-table.ts).
 * - `code`: rows keyed by 支出功能分类科目编码 (02/03/05/07/08), one `total` row for 合计.
 * - `lines`: rows keyed by a printed 行次 (09/10).
 * - `two-sided`: income and expenditure sides on one printed line, each with its own 行次 (01/04).
 * - `economic`: 经济分类 code/name/amount groups side by side (06).
 */
export type Layout = 'code' | 'lines' | 'two-sided' | 'economic';

export interface ColumnSpec {
  no: number;
  name: string;
}

export interface LineRange {
  first: number;
  last: number;
  /** Value columns of rows on this side. */
  columns: number[];
}

export interface TableSpec {
  id: TableId;
  /** Canonical title as printed in the national template. */
  title: string;
  /** Whitespace-free title variants (provincial templates, years). Matched against a squashed line. */
  titles: RegExp;
  layout: Layout;
  columns: ColumnSpec[];
  /** Unit when the table has its own (10: counts); otherwise the report's money unit. */
  unit?: string;
  /** `lines` layout: the printed 行次 range; `two-sided`: income and expenditure ranges. */
  lines?: LineRange;
  income?: LineRange;
  expenditure?: LineRange;
  /** Canonical label of each 行次 (2024 Jiangxi layout), used to key rows of templates with no 行次. */
  labels?: Record<number, string>;
  /** 行次 → columns the template prints as dashes (`---`, `——`): structurally empty, never 0. */
  dashes?: Record<number, number[]>;
  /** Rows that count things (团组, 人次, 车辆, 批次), never money: `all`, or these 行次. */
  counts?: 'all' | number[];
}
