/**
 * Stable fact names (documented in FACTS.md). Names are the report's own Chinese terms so a reader of
 * the record recognises them; measures hang off an indicator with a dot.
 */

import { specOf } from '../../parsers/tables.js';

/** Suffixes attached to an indicator's name. */
export const SHARE = '.占比';
export const CHANGE = '.比上年增减';
export const GROWTH = '.增减率';
export const BUDGET_ANNUAL = '.全年预算数';
export const BUDGET_OPENING = '.年初预算数';
export const FINAL = '.决算数';
export const RATE = '.完成率';

export const INCOME = {
  total: '收入总计',
  opening: '年初结转和结余',
  nonFiscalReserve: '使用非财政拨款结余',
  current: '本年收入合计',
} as const;

/** Income sources, in T02's column order (c2…c7). */
export const INCOME_SOURCES = [
  '财政拨款收入',
  '上级补助收入',
  '事业收入',
  '经营收入',
  '附属单位上缴收入',
  '其他收入',
] as const;

export const EXPENDITURE = {
  total: '支出总计',
  current: '本年支出合计',
  distribution: '结余分配',
  closing: '年末结转和结余',
} as const;

/** Expenditure kinds, in T03's column order (c2…c6). */
export const EXPENDITURE_KINDS = ['基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'] as const;

/** 收入支出决算总体情况 (Shanghai, national template): "收入支出总计 X" — T01 L31 (= L62). */
export const OVERVIEW_TOTAL = '收入支出总计';
/** 财政拨款收入支出决算总体情况: "财政拨款收入支出总计 X" — T04 L32 (= L64). */
export const FISCAL_OVERVIEW_TOTAL = '财政拨款收入支出总计';

/** 财政拨款本年支出 overall; per 类 the same measures under FISCAL_CLASS with `subject` = 类 name. */
export const FISCAL = '财政拨款支出';
export const FISCAL_CLASS = '财政拨款支出类';
/**
 * 一般公共预算财政拨款支出 (Shanghai, national template: the section is about the 一般公共预算 part):
 * overall — T04 L59 c3; per 类 in the 结构 paragraph ("一般公共服务支出（类）264.87 万元，占 86.05%") under
 * GENERAL_CLASS with `subject` = 类 name — T05 类 row c1; per item ("1、X（类）Y（款）Z（项）…全年预算为 …，
 * 支出决算为 …") under GENERAL_ITEM with `subject` = "X/Y/Z" — the T05 row of that path, c1.
 */
export const GENERAL = '一般公共预算财政拨款支出';
export const GENERAL_CLASS = '一般公共预算财政拨款支出类';
export const GENERAL_ITEM = '一般公共预算财政拨款支出明细';

export const BASIC = '一般公共预算财政拨款基本支出';
/** 基本支出 split as Shanghai states it: 人员经费 / 公用经费 — T06 人员经费合计 / 公用经费合计. */
export const PERSONNEL = '人员经费';
export const PUBLIC_USE = '公用经费';
/** Economic classes of 基本支出 with their T06 class code. */
export const BASIC_CLASSES = [
  ['工资福利支出', '301'],
  ['商品和服务支出', '302'],
  ['对个人和家庭的补助', '303'],
  ['资本性支出', '310'],
] as const;

/** 三公 indicators with their T09 行次. */
export const SANGONG = [
  ['三公经费', 1],
  ['因公出国（境）费', 2],
  ['公务用车购置及运行维护费', 3],
  ['公务用车购置费', 4],
  ['公务用车运行维护费', 5],
  ['公务接待费', 6],
] as const;

/** 三公 counts with their T09 行次 and unit. */
export const SANGONG_COUNTS = [
  ['因公出国团组数', 11, '个'],
  ['因公出国人次', 12, '人次'],
  ['公务用车购置数', 13, '辆'],
  ['公务用车保有量', 14, '辆'],
  ['国内公务接待批次', 15, '批次'],
  ['国内公务接待人次', 17, '人次'],
] as const;

export const OPERATING = '机关运行经费';

export const PROCUREMENT = {
  total: '政府采购支出总额',
  goods: '政府采购货物支出',
  works: '政府采购工程支出',
  services: '政府采购服务支出',
  sme: '授予中小企业合同金额',
  micro: '授予小微企业合同金额',
  goodsSmeShare: '货物采购授予中小企业占比',
  worksSmeShare: '工程采购授予中小企业占比',
  servicesSmeShare: '服务采购授予中小企业占比',
} as const;

/**
 * Vehicles of 八、国有资产 with their T10 行次 (L1 is the total): the fact names are 公开10表's own
 * labels, taken from the template so the list is written once.
 */
const T10_LABELS = specOf('10').labels ?? {};
export const VEHICLES: ReadonlyArray<readonly [name: string, line: number]> = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
  (line) => [T10_LABELS[line]!, line] as const,
);
export const EQUIPMENT = '单价100万元以上设备';

/** 第一部分 staff figures (C17). */
export const STAFF = {
  actual: '年末实有人数',
  active: '在职人员',
  retiredLi: '离休人员',
  retiredTui: '退休人员',
} as const;
