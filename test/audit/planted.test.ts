/**
 * Planted problems (issue 13): a real report, edited the way the re-typeset report was —
 * a deleted table, a wrong total, a placeholder and a previous year in headings, "截至" the
 * previous year, comparison words against their own numbers, another department's name, the 三公
 * 预算数 blanked in 09, template residue, a unit slip — and each must be caught exactly once, at its
 * place (rule, table/row/column, page). Expected places come from reading the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/schema/finding.js';
import type { DocumentResult } from '../../src/pipeline.js';
import type { Ingested } from '../../src/ingest/ingest.js';
import { extractPlantedPdf, extractText, gained, ingestPdf, plantText, type Edit } from './plant.js';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'samples', '000_d920656d4c30e573.txt');
const PUTUO = join(ROOT, 'samples', 'realworld', 'putuo-social-2024.pdf');

interface Planted {
  what: string;
  edits: Edit[];
  /** The one finding it must raise: its rule and place (and the words its message must hold). */
  expect: Partial<Finding> & { check: string };
  says?: string[];
}

const place = (f: Finding) => ({
  check: f.check,
  level: f.level,
  table: f.table,
  row: f.row,
  column: f.column,
  page: f.page,
  expected: f.expected,
  actual: f.actual,
});

function expectCaughtOnce(before: DocumentResult, after: DocumentResult, p: Planted): void {
  const got = gained(before.findings, after.findings);
  expect(got.map(place), p.what).toEqual([expect.objectContaining(p.expect)]);
  for (const w of p.says ?? []) expect(got[0]!.message, p.what).toContain(w);
}

// Seed 000 (景德镇市人民政府驻上海联络处 2024, tab-separated text).
const SEED_PLANTS: Planted[] = [
  {
    what: 'a 第二部分 heading naming "XX局" instead of the department',
    edits: [{ find: '第二部分 2024 年度部门决算表', replace: '第二部分 XX局2024 年度部门决算表', nth: 1 }],
    expect: { check: 'audit.placeholder', level: 'warn', actual: 'XX' },
    says: ['第二部分', 'XX局'],
  },
  {
    what: 'the 第三部分 heading with the previous year',
    edits: [{ find: '第三部分 2024 年度部门决算情况说明', replace: '第三部分 2023 年度部门决算情况说明', nth: 1 }],
    expect: { check: 'audit.year', level: 'warn', expected: '2024', actual: '2023' },
    says: ['第三部分'],
  },
  {
    what: '"截止 2023 年 12 月 31 日" in the 国有资产 section',
    edits: [{ find: '截止 2024 年 12 月 31 日，本部门共有车辆', replace: '截止 2023 年 12 月 31 日，本部门共有车辆' }],
    expect: { check: 'audit.year', level: 'warn', expected: '2024', actual: '2023' },
    says: ['截止2023年12月31日'],
  },
  {
    what: '决算数 227.61 below its 年初预算 252.37 called "大于"',
    edits: [
      {
        find: '完成年初预算的 90.19%。预决算差异主要原因：',
        replace: '完成年初预算的 90.19%。决算数大于年初预算数的主要原因：',
      },
    ],
    expect: { check: 'audit.comparison-word', level: 'warn', expected: '小于 24.76', actual: '大于' },
    says: ['决算数 227.61', '年初预算数 252.37'],
  },
  {
    what: '决算数 34.10 above its 年初预算 33.72 called "小于"',
    edits: [
      { find: '预决算差异主要原因：预算数与决算数基本持平', replace: '决算数小于年初预算数的主要原因：人员增加' },
    ],
    expect: { check: 'audit.comparison-word', level: 'warn', expected: '大于 0.38', actual: '小于' },
  },
  {
    what: 'a sentence stating both amounts with the wrong word (the issue\'s "比年初预算 … 小于")',
    edits: [
      {
        find: '（四）住房保障支出（类）年初预算数 18.47 万元，决算数 18.47 万元，完成年初预算的 100.00%。',
        replace:
          '（四）住房保障支出（类）年初预算数 18.47 万元，决算数 18.47 万元，完成年初预算的 100.00%。本年支出合计 352.65 万元，比年初预算 318.19 万元小于 34.46 万元。',
      },
    ],
    expect: { check: 'audit.comparison-word', level: 'warn', expected: '大于 34.46', actual: '小于 34.46' },
  },
  {
    what: 'another department in one table\'s "部门：" line',
    edits: [{ find: '部门：景德镇市人民政府驻上海联络处', replace: '部门：景德镇市人民政府驻北京联络处', nth: 2 }],
    expect: {
      check: 'audit.department',
      level: 'warn',
      table: '03',
      expected: '景德镇市人民政府驻上海联络处',
      actual: '景德镇市人民政府驻北京联络处',
    },
    says: ['公开03表'],
  },
  {
    what: 'the 三公 全年预算数 blanked in table 09 while the narrative states it',
    // 09 rows 1–6: 行次, 年初预算数, 全年预算数, 决算数 — the 全年预算数 cell emptied.
    edits: [
      ['一、“三公”经费支出\t1\t19.27\t19.27\t11.92', '一、“三公”经费支出\t1\t19.27\t\t11.92'],
      ['1.因公出国（境）费\t2\t0.00\t0.00\t0.00', '1.因公出国（境）费\t2\t0.00\t\t0.00'],
      ['\t3\t7.77\t7.77\t6.62', '\t3\t7.77\t\t6.62'],
      ['\t4\t0.00\t0.00\t0.00', '\t4\t0.00\t\t0.00'],
      ['\t5\t7.77\t7.77\t6.62', '\t5\t7.77\t\t6.62'],
      ['\t6\t11.50\t11.50\t5.30', '\t6\t11.50\t\t5.30'],
    ].map(([find, replace]) => ({ find: find!, replace: replace! })),
    expect: { check: 'narrative.sangong', level: 'warn', table: '09', row: 'line:1', column: '2', actual: '（空白）' },
    says: ['全部空白', '19.27'],
  },
  {
    what: 'an undecided template word "增加（减少）"',
    edits: [
      {
        find: '工资福利支出 212.33 万元，比上年增加 7.90 万元',
        replace: '工资福利支出 212.33 万元，比上年增加（减少）7.90 万元',
      },
    ],
    expect: { check: 'audit.template-residue', level: 'warn', actual: '增加（减少）' },
  },
  {
    what: 'a year-on-year verb against its rate ("增加 … 下降 5.95%")',
    edits: [{ find: '比上年减少 22.31 万元，下降 5.95%', replace: '比上年增加 22.31 万元，下降 5.95%' }],
    expect: { check: 'narrative.year-on-year', level: 'warn', expected: '增长', actual: '下降' },
  },
  {
    what: '机关运行经费 written in 元 while the tables are in 万元 (a unit slip, not a match)',
    edits: [{ find: '机关运行经费支出 33.83 万元', replace: '机关运行经费支出 33.83 元' }],
    expect: { check: 'audit.unit-magnitude', level: 'warn', table: '06', row: 'total:公用经费', expected: '33.83' },
    says: ['10^4', '33.83万元'],
  },
  {
    what: 'an amount printed without its unit',
    edits: [{ find: '本年收入合计 306.02 万元，比上年增加', replace: '本年收入合计 306.02，比上年增加' }],
    expect: { check: 'audit.template-residue', level: 'warn', actual: '306.02' },
  },
  {
    what: 'the 收入总计 stated as 0',
    edits: [{ find: '收入总计 409.12 万元', replace: '收入总计 0 万元' }],
    expect: {
      check: 'narrative.income-total',
      level: 'warn',
      table: '01',
      row: 'line:31',
      expected: '409.12',
      actual: '0',
    },
  },
];

describe('planted problems in seed 000 (text)', () => {
  const text = readFileSync(SEED, 'utf8');
  let original: DocumentResult;
  beforeAll(async () => {
    original = await extractText(SEED, text);
  });

  it.each(SEED_PLANTS.map((p) => [p.what, p] as const))('%s', async (_, p) => {
    expectCaughtOnce(original, await extractText(SEED, plantText(text, p.edits)), p);
  });

  it('a deleted table: 公开05表 reported missing (table.missing), 目录 check does not report it twice', async () => {
    const cut = plantText(text, [
      {
        find: /一般公共预算财政拨款支出决算表\n\n公开 05 表[\s\S]*?(?=一般公共预算财政拨款基本支出决算表)/,
        replace: '',
      },
    ]);
    const got = gained(original.findings, (await extractText(SEED, cut)).findings);
    expect(got.filter((f) => f.check === 'table.missing').map((f) => f.table)).toEqual(['05']);
    expect(got.filter((f) => f.check.startsWith('audit.'))).toEqual([]);
  });

  it('all planted at once: each caught, nothing else gained', async () => {
    const all = plantText(
      text,
      SEED_PLANTS.flatMap((p) => p.edits),
    );
    const got = gained(original.findings, (await extractText(SEED, all)).findings);
    expect(got.map((f) => f.check).sort()).toEqual(SEED_PLANTS.map((p) => p.expect.check).sort());
  });
});

// The Shanghai report (中共上海市普陀区委社会工作部 2024), planted in its PDF lines after ingest.
const PUTUO_PLANTS: Planted[] = [
  {
    what: '"收入支出总计 0 万元" (the issue\'s caught case, now read in Shanghai\'s wording)',
    edits: [{ find: '年度收入支出总计 307.82', replace: '年度收入支出总计 0', page: 17 }],
    expect: { check: 'narrative.income-total', level: 'warn', table: '01', row: 'line:31', page: 17, actual: '0' },
  },
  {
    what: '财政拨款收入支出总计 "0.03 万元" against 04 总计 307.82 (a unit slip)',
    edits: [{ line: '计\t307.82\t万元。', find: '307.82', replace: '0.03', page: 17 }],
    expect: { check: 'audit.unit-magnitude', level: 'warn', table: '04', row: 'line:32', page: 17, actual: '0.03' },
    says: ['亿元'],
  },
  {
    what: 'the 第三部分 heading with the previous year',
    edits: [{ find: '社会工作部 2024 年度部门决算情况', replace: '社会工作部 2023 年度部门决算情况', page: 17 }],
    expect: { check: 'audit.year', level: 'warn', page: 17, expected: '2024', actual: '2023' },
  },
  {
    what: '"截至 2023 年 12 月 31 日"',
    edits: [{ find: '截至 2024 年 12 月 31 日', replace: '截至 2023 年 12 月 31 日', page: 22 }],
    expect: { check: 'audit.year', level: 'warn', page: 22, expected: '2024', actual: '2023' },
  },
  {
    what: 'a placeholder department in the 第一部分 heading',
    edits: [{ find: '中共上海市普陀区委社会工作部概况', replace: 'XX局概况', page: 4 }],
    expect: { check: 'audit.placeholder', level: 'warn', page: 4, actual: 'XX' },
  },
  {
    what: "another department on the tables' title page",
    edits: [
      {
        find: '中共上海市普陀区委社会工作部 2024 年度部门决算表',
        replace: '中共上海市普陀区委宣传部 2024 年度部门决算表',
        page: 5,
      },
    ],
    expect: { check: 'audit.department', level: 'warn', page: 5, actual: '中共上海市普陀区委宣传部' },
  },
  {
    what: '行政运行 51.32 below its 全年预算 52.00 called "大于"',
    edits: [{ find: '决算数小于全', replace: '决算数大于全', page: 18, nth: 0 }],
    expect: { check: 'audit.comparison-word', level: 'warn', page: 18, expected: '小于 0.68', actual: '大于' },
  },
  {
    what: '养老保险缴费 6.18 below its 全年预算 9.00 said "持平"',
    edits: [
      { find: '元。决算数小于全年预算数的主要原因', replace: '元。决算数与全年预算数持平的主要原因', page: 19, nth: 0 },
    ],
    expect: { check: 'audit.comparison-word', level: 'warn', page: 19, expected: '小于 2.82', actual: '持平' },
  },
  {
    what: '职业年金 4.64 below its 预算 5.74 called "大于"',
    edits: [{ find: '数小于预算数的主要原因', replace: '数大于预算数的主要原因', page: 19 }],
    expect: { check: 'audit.comparison-word', level: 'warn', page: 19, expected: '小于 1.10', actual: '大于' },
  },
  {
    what: 'an empty reason "主要原因：。"',
    edits: [{ find: '主要原因：单位于 2024 年成立。', replace: '主要原因：。', nth: 0, page: 17 }],
    expect: { check: 'audit.template-residue', level: 'warn', page: 17 },
  },
];

describe('planted problems in the Shanghai report (PDF lines)', () => {
  let ingested: Ingested;
  let original: DocumentResult;
  beforeAll(async () => {
    ingested = await ingestPdf(PUTUO);
    original = extractPlantedPdf(PUTUO, ingested, []);
  }, 60_000);

  it.each(PUTUO_PLANTS.map((p) => [p.what, p] as const))('%s', (_, p) => {
    expectCaughtOnce(original, extractPlantedPdf(PUTUO, ingested, p.edits), p);
  });

  it('a deleted table: 公开06表 reported missing, not twice', () => {
    const cut = structuredClone(ingested);
    cut.ir.pages = cut.ir.pages.filter((p) => p.page !== 13);
    const got = gained(original.findings, extractPlantedPdf(PUTUO, cut, []).findings);
    expect(got.filter((f) => f.check === 'table.missing').map((f) => f.table)).toEqual(['06']);
    expect(got.filter((f) => f.check.startsWith('audit.'))).toEqual([]);
  });
});
