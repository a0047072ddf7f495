/**
 * The audit rules E1–E8 (issue 13), each on small hand-made reports: one that is right (silent) and
 * one with the problem (caught, at its place). The reports run through the whole pipeline as text,
 * so segmentation, the 目录 and the narrative sections are the real ones.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/schema/finding.js';
import { extractDocument } from '../../src/pipeline.js';
import { auditRules } from '../../src/checks/audit.js';
import { runNarrativeRules } from '../../src/checks/narrative.js';
import { FINDING_CODES } from '../helpers/finding-codes.js';
import { ctxOf, fact, table } from '../narrative/record.js';

const DEPT = '景德镇市测试局';

/** A small 2024 report: cover, 目录, three parts; `p3` is the body of 第三部分. */
function report(o: { cover?: string; toc?: string[]; p1?: string; p2?: string[]; h3?: string; p3: string }): string {
  const toc = o.toc ?? [
    '第一部分 ' + DEPT + '概况',
    '第二部分 2024 年度部门决算表',
    '第三部分 2024 年度部门决算情况说明',
  ];
  return [
    o.cover ?? `${DEPT} 2024 年度 部门决算`,
    '目 录',
    ...toc,
    `第一部分 ${DEPT}概况`,
    o.p1 ?? `本部门负责测试工作。`,
    ...(o.p2 ?? [
      '第二部分 2024 年度部门决算表',
      '收入支出决算总表',
      '公开 01 表',
      `部门：${DEPT}`,
      '2024 年度',
      '金额单位：万元',
    ]),
    o.h3 ?? '第三部分 2024 年度部门决算情况说明',
    o.p3,
    '第四部分 名词解释',
    '一、财政拨款收入：指本年度从本级财政部门取得的财政拨款。',
  ].join('\n');
}

async function run(id: string, text: string): Promise<Finding[]> {
  const r = await extractDocument({ path: 'test.txt', bytes: new TextEncoder().encode(text) });
  return r.findings.filter((f) => f.check === id);
}
const warns = (fs: Finding[]) => fs.filter((f) => f.level !== 'info');

describe('catalogue', () => {
  it('audit rules have stable audit.* ids, refs E1–E8 and are finding codes', () => {
    expect(auditRules.map((r) => r.ref)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E8']);
    for (const r of auditRules) {
      expect(r.id).toMatch(/^audit\.[a-z-]+$/);
      expect(FINDING_CODES.has(r.id)).toBe(true);
    }
    expect(FINDING_CODES.has('audit.unit-magnitude')).toBe(true);
  });
});

describe('E1 audit.year', () => {
  const fine =
    '一、收入决算情况说明\n本部门 2024 年度收入总计 10.00 万元，与 2023 年度相比，增加 1.00 万元。截至 2024 年 12 月 31 日，本部门共有车辆 0 辆。';
  it('ok: the report year everywhere, the previous year in a comparison', async () => {
    expect(await run('audit.year', report({ p3: fine }))).toEqual([]);
  });
  it('not ok: a heading, 截至 and a "年度" phrase with 2023; a comparison with 2022', async () => {
    const bad =
      '一、收入决算情况说明\n本部门 2023 年度收入总计 10.00 万元，与 2022 年度相比，增加 1.00 万元。截至 2023 年 12 月 31 日，本部门共有车辆 0 辆。';
    const fs = await run('audit.year', report({ h3: '第三部分 2023 年度部门决算情况说明', p3: bad }));
    expect(fs.map((f) => [f.level, f.expected, f.actual])).toEqual([
      ['warn', '2024', '2023'],
      ['warn', '2024', '2023'],
      ['warn', '2024', '2023'],
      ['warn', '2023', '2022'],
    ]);
    expect(fs[0]?.message).toContain('第三部分');
  });
  it('not ok: a table header line with the previous year', async () => {
    const p2 = [
      '第二部分 2024 年度部门决算表',
      '收入支出决算总表',
      '公开 01 表',
      `部门：${DEPT}`,
      '2023 年度',
      '金额单位：万元',
    ];
    const fs = await run('audit.year', report({ p2, p3: fine }));
    expect(fs).toEqual([expect.objectContaining({ level: 'warn', actual: '2023' })]);
    expect(fs[0]?.message).toContain('公开01表');
  });
});

describe('E1/E2/E4/E6: what they leave alone', () => {
  it('other years inside a sentence or in a column header; a sentence opening that is no name', async () => {
    const p2 = [
      '第二部分 2024 年度部门决算表',
      '收入支出决算总表',
      '公开 01 表',
      `部门：${DEPT}`,
      '2024 年度',
      '项目\t2023年度决算数\t2024年度决算数',
    ];
    const p3 =
      '一、收入决算情况说明\n本部门 2024 年度收入总计 10.00 万元，含 2022 年度项目结转 1.00 万元。根据市委 2024 年度工作要点开展工作。';
    const text = report({ p2, p3 });
    expect(await run('audit.year', text)).toEqual([]);
    expect(await run('audit.department', text)).toEqual([]);
  });
  it('a rate after a comparison word is no difference; amounts in a table inside 第三部分 need no unit', async () => {
    const p3 =
      '三、财政拨款支出决算情况说明\n本部门 2024 年度财政拨款本年支出年初预算数 10.00 万元，决算数 12.00 万元，完成年初预算的 120.00%。决算数较年初预算数增长 20%，主要原因：追加。\n单位：万元\n项目\t预算数\t决算数\n因公出国\t1.00\t0.50';
    expect(await run('audit.comparison-word', report({ p3 }))).toEqual([]);
    expect(await run('audit.template-residue', report({ p3 }))).toEqual([]);
  });
});

describe('E2 audit.department', () => {
  const p3 = '一、收入决算情况说明\n本部门 2024 年度收入总计 10.00 万元。';
  it('ok: the same department (or a part of its name) everywhere', async () => {
    expect(await run('audit.department', report({ p3 }))).toEqual([]);
  });
  it("not ok: another department in a part heading and a 部门 line; a placeholder is E3's alone", async () => {
    const p2 = [
      '第二部分 2024 年度部门决算表',
      '收入支出决算总表',
      '公开 01 表',
      '部门：景德镇市另一局',
      '2024 年度',
      '收入决算表',
      '公开 02 表',
      `部门：${DEPT}`,
      `部门：${DEPT}`,
    ];
    const fs = await run('audit.department', report({ p2, p3, h3: '第三部分 XX局2024 年度部门决算情况说明' }));
    expect(fs.map((f) => [f.expected, f.actual])).toEqual([[DEPT, '景德镇市另一局']]);
    expect(fs[0]?.message).toContain('公开01表');
  });
});

describe('E3 audit.placeholder', () => {
  it('ok: no placeholder; a single X or **bold** is not one', async () => {
    expect(
      await run('audit.placeholder', report({ p3: '一、收入决算情况说明\n“3+1+X”产业体系，**重点**工作。' })),
    ).toEqual([]);
  });
  it.each(['XX局', '××单位', 'xxx 万元', '（待填写）', '请填写原因', '（略）', '（此处请补充内容）'])(
    'not ok: %s',
    async (w) => {
      const fs = await run('audit.placeholder', report({ p3: `一、收入决算情况说明\n本部门 ${w}。` }));
      expect(fs).toEqual([expect.objectContaining({ level: 'warn' })]);
      expect(fs[0]?.message).toContain('第三部分');
    },
  );
});

describe('E4 audit.comparison-word', () => {
  const cluster = (word: string, budget = '10.00', final = '12.00') =>
    report({
      p3: `三、财政拨款支出决算情况说明\n本部门 2024 年度财政拨款本年支出年初预算数 ${budget} 万元，决算数 ${final} 万元，完成年初预算的 120.00%。决算数${word}年初预算数的主要原因：追加预算。`,
    });
  it('ok: 决算数 12.00 大于 年初预算 10.00', async () => {
    expect(await run('audit.comparison-word', cluster('大于'))).toEqual([]);
  });
  it('not ok: 小于 (and 等于) against 12.00 > 10.00', async () => {
    for (const w of ['小于', '等于']) {
      const fs = await run('audit.comparison-word', cluster(w));
      expect(fs).toEqual([expect.objectContaining({ level: 'warn', expected: '大于 2.00', actual: w })]);
      expect(fs[0]?.message).toContain('决算数 12.00');
    }
  });
  it('equal printed amounts: 持平 is silent; a strict word is only info unless both are 0', async () => {
    expect(
      await run(
        'audit.comparison-word',
        cluster('与', '10.00', '10.00').replace('决算数与年初预算数的', '决算数与年初预算数持平的'),
      ),
    ).toEqual([]);
    expect(await run('audit.comparison-word', cluster('大于', '10.00', '10.00'))).toEqual([
      expect.objectContaining({ level: 'info' }),
    ]);
    expect(warns(await run('audit.comparison-word', cluster('大于', '0', '0')))).toHaveLength(1);
  });
  it('a stated difference must be the difference (002: 7.77 → 7.64 "减少 0.13")', async () => {
    const text = (d: string) =>
      report({
        p3: `五、财政拨款“三公”经费支出决算情况说明\n公务用车运行维护费支出全年预算数为 7.77 万元，决算数为 7.64 万元，完成全年预算的 98.33%。决算数较全年预算数减少 ${d} 万元的主要原因是：严格执行。`,
      });
    expect(await run('audit.comparison-word', text('0.13'))).toEqual([]);
    expect(warns(await run('audit.comparison-word', text('0.31')))).toHaveLength(1);
  });
  it('both amounts in one sentence: "决算数为 1560.05 万元，比年初预算 1511.89 万元增加/小于"', async () => {
    const text = (w: string) =>
      report({ p3: `一、收入决算情况说明\n决算数为 1560.05 万元，比年初预算 1511.89 万元${w} 48.16 万元。` });
    expect(await run('audit.comparison-word', text('增加'))).toEqual([]);
    expect(await run('audit.comparison-word', text('小于'))).toEqual([
      expect.objectContaining({ level: 'warn', expected: '大于 48.16', actual: '小于 48.16' }),
    ]);
  });
  it('an unqualified "预算数" holds when either stated budget bears it out (Shanghai: 年初 0, 全年 321.02)', async () => {
    const p3 =
      '五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成全年预算的 95.89%。决算数小于预算数的主要原因：人员变动。';
    expect(await run('audit.comparison-word', report({ p3 }))).toEqual([]);
  });
});

describe('E5 audit.toc', () => {
  const p3 = '一、收入决算情况说明\n本部门 2024 年度收入总计 10.00 万元。';
  const tables = ['收入支出决算总表', '公开 01 表', `部门：${DEPT}`, '收入决算表', '公开 02 表', `部门：${DEPT}`];
  const p2 = ['第二部分 2024 年度部门决算表', ...tables];
  const toc = (items: string[]) => [
    '第一部分 概况',
    '第二部分 2024 年度部门决算表',
    ...items,
    '第三部分 情况说明',
    '第四部分 名词解释',
  ];
  it('ok: every part and table listed is there, in order', async () => {
    expect(
      warns(await run('audit.toc', report({ p2, p3, toc: toc(['一、收入支出决算总表', '二、收入决算表']) }))),
    ).toEqual([]);
  });
  it('not ok: a part the body lacks; tables in another order; an extra table is info', async () => {
    const fs = await run(
      'audit.toc',
      report({ p2, p3, toc: [...toc(['一、收入决算表', '二、收入支出决算总表']), '第五部分 附件'] }),
    );
    expect(warns(fs).map((f) => f.message.replace(/^E5 /, '').slice(0, 12))).toEqual([
      '目录列出第五部分「附件」',
      '正文中各表的顺序与目录不',
    ]);
    const extra = await run('audit.toc', report({ p2, p3, toc: toc(['一、收入支出决算总表']) }));
    expect(extra.map((f) => [f.level, f.table])).toEqual([['info', '02']]);
  });
  it('a listed table the body lacks: info when the template already reports it missing', async () => {
    const fs = await run(
      'audit.toc',
      report({ p2, p3, toc: toc(['一、收入支出决算总表', '二、收入决算表', '三、支出决算表']) }),
    );
    expect(fs).toEqual([expect.objectContaining({ level: 'info', table: '03' })]);
  });
  it('no 目录: not evaluated', async () => {
    const text = report({ p3 }).replace(/目 录[\s\S]*?(?=第一部分 景德镇市测试局概况\n本部门)/, '');
    expect(await run('audit.toc', text)).toEqual([expect.objectContaining({ evaluated: false })]);
  });
});

describe('E6 audit.template-residue', () => {
  const clean =
    '一、收入决算情况说明\n本年收入合计 306.02 万元，比上年增加 13.85 万元，增长 4.74%，主要原因：人员增资。';
  it('ok: figures with units and a stated reason', async () => {
    expect(await run('audit.template-residue', report({ p3: clean }))).toEqual([]);
  });
  it.each([
    ['增加（减少）', clean.replace('比上年增加', '比上年增加（减少）'), 'warn'],
    ['增加持平', clean.replace('比上年增加 13.85 万元', '比上年增加持平'), 'warn'],
    ['an empty reason', clean.replace('主要原因：人员增资。', '主要原因：。'), 'warn'],
    ['no unit', clean.replace('306.02 万元', '306.02'), 'warn'],
    ['no number', `${clean}全年购置公务用车 辆。`, 'warn'],
    ['a percent with 3 decimals', clean.replace('4.74%', '4.742%'), 'info'],
  ])('not ok: %s', async (_, text, level) => {
    expect(await run('audit.template-residue', report({ p3: text }))).toEqual([expect.objectContaining({ level })]);
  });
});

describe('E7 audit.unit-magnitude (narrative figures against tables, converted first)', () => {
  const t06 = table('06', [['total:公用经费', '公用经费合计', { '1': '33.83' }]]);
  const c9 = (value: string, unit: string) => runNarrativeRules(ctxOf([fact('机关运行经费', value, unit)], [t06]));
  const notable = (fs: Finding[]) => fs.filter((f) => f.level !== 'info');
  it('ok: 338,300.00 元 is 33.83 万元', () => {
    expect(notable(c9('338300.00', '元'))).toEqual([]);
  });
  it('not ok: 33.83 元 against 33.83 万元 is a unit slip, not a match', () => {
    expect(notable(c9('33.83', '元'))).toEqual([
      expect.objectContaining({ check: 'audit.unit-magnitude', table: '06', expected: '33.83', actual: '33.83' }),
    ]);
  });
  it('not ok: 0.3 万元 against 2,961.68 万元 reads as 0.3 亿元', () => {
    const t04 = table('04', [['line:32', '总计', { '1': '2961.68' }]]);
    const fs = runNarrativeRules(ctxOf([fact('财政拨款收入支出总计', '0.3')], [t04])).filter((f) => f.level !== 'info');
    expect(fs).toEqual([expect.objectContaining({ check: 'audit.unit-magnitude', row: 'line:32' })]);
    expect(fs[0]?.message).toContain('0.3亿元');
  });
  it("a plain wrong amount stays the rule's own finding", () => {
    expect(notable(c9('43.83', '万元'))).toEqual([expect.objectContaining({ check: 'narrative.operating-costs' })]);
  });
});

describe('E8 audit.red-flags', () => {
  it('三公 决算 above 预算 in table 09 warns; within budget is silent', async () => {
    const { auditRules: rules } = await import('../../src/checks/audit.js');
    const rf = rules.find((r) => r.id === 'audit.red-flags')!;
    const t09 = (final: string) =>
      table('09', [
        ['line:1', '“三公”经费支出', { '2': '11.50', '3': final }],
        ['line:6', '公务接待费', { '2': '11.50', '3': final }],
      ]);
    expect(rf.run(ctxOf([], [t09('5.30')])).filter((f) => f.level === 'warn')).toEqual([]);
    expect(rf.run(ctxOf([], [t09('12.00')])).map((f) => [f.level, f.row, f.actual])).toEqual([
      ['warn', 'line:1', '12.00'],
      ['warn', 'line:6', '12.00'],
    ]);
  });
  it('a 决算 more than 30% from its 预算 without a reason is info; with a reason nothing', async () => {
    const { auditRules: rules } = await import('../../src/checks/audit.js');
    const rf = rules.find((r) => r.id === 'audit.red-flags')!;
    const facts = (sentence: string) => [
      fact('财政拨款支出.年初预算数', '100.00', '万元', { sentence }),
      fact('财政拨款支出.决算数', '140.00', '万元', { sentence }),
    ];
    expect(rf.run(ctxOf(facts('年初预算数 100.00 万元，决算数 140.00 万元'), []))).toEqual([
      expect.objectContaining({ level: 'info', expected: '100.00', actual: '140.00' }),
    ]);
    expect(rf.run(ctxOf(facts('年初预算数 100.00 万元，决算数 140.00 万元，主要原因：追加'), []))).toEqual([]);
  });
});
