import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/schema/record.js';
import { extractFacts } from '../../src/narrative/facts.js';
import { extractStaffFacts } from '../../src/narrative/staff.js';
import { partText, seed } from './seeds.js';
import { seedFacts } from './record.js';

/** Expected values were read off each seed's 第三部分 by hand. */
const get = (facts: Fact[], name: string, subject?: string): Fact | undefined =>
  facts.find((f) => f.name === name && (subject === undefined || f.subject === subject));
const value = (facts: Fact[], name: string, subject?: string): string | undefined => get(facts, name, subject)?.value;

describe('extractFacts on seed 000 (2024, tab text)', () => {
  const facts = seedFacts('000');
  it('income and its composition', () => {
    expect(value(facts, '收入总计')).toBe('409.12');
    expect(value(facts, '年初结转和结余')).toBe('103.10');
    expect(value(facts, '本年收入合计')).toBe('306.02');
    expect(value(facts, '财政拨款收入.占比')).toBe('96.01');
    expect(value(facts, '其他收入')).toBe('12.21');
    expect(get(facts, '本年收入合计.比上年增减')).toMatchObject({ value: '13.85', subject: '增加', unit: '万元' });
    expect(get(facts, '本年收入合计.增减率')).toMatchObject({ value: '4.74', subject: '增长', unit: '%' });
    expect(get(facts, '年初结转和结余.增减率')).toMatchObject({ value: '44.54', subject: '下降' });
  });
  it('expenditure, fiscal per 类, basic by economic class', () => {
    expect(value(facts, '本年支出合计')).toBe('352.65');
    expect(value(facts, '基本支出.占比')).toBe('75.38');
    expect(value(facts, '财政拨款支出.完成率')).toBe('92.34');
    expect(value(facts, '财政拨款支出类.决算数', '一般公共服务支出')).toBe('227.61');
    expect(value(facts, '财政拨款支出类.完成率', '社会保障和就业支出')).toBe('101.12');
    expect(value(facts, '一般公共预算财政拨款基本支出')).toBe('265.81');
    expect(value(facts, '对个人和家庭的补助')).toBe('19.65');
  });
  it('三公, counts, 机关运行经费, 政府采购, vehicles', () => {
    expect(value(facts, '三公经费.全年预算数')).toBe('19.27');
    expect(value(facts, '三公经费.决算数')).toBe('11.92');
    expect(get(facts, '三公经费.完成率')).toMatchObject({ value: '61.85', unit: '%' });
    expect(value(facts, '公务用车运行维护费.完成率')).toBe('85.17');
    expect(get(facts, '国内公务接待批次')).toMatchObject({ value: '58', unit: '批次' });
    expect(get(facts, '国内公务接待人次')).toMatchObject({ value: '522', unit: '人次' });
    expect(get(facts, '公务用车保有量')).toMatchObject({ value: '2', unit: '辆' });
    expect(value(facts, '机关运行经费')).toBe('33.83');
    expect(value(facts, '政府采购支出总额')).toBe('0.00');
    expect(get(facts, '车辆数合计')).toMatchObject({ value: '2', unit: '辆' });
    expect(value(facts, '其他用车')).toBe('2');
  });
  it('every fact is part 3 and carries its sentence', () => {
    for (const f of facts) {
      expect(f.part).toBe(3);
      expect(f.sentence.length).toBeGreaterThan(0);
    }
    expect(get(facts, '本年收入合计')?.sentence).toMatch(/^本年收入合计 306\.02 万元，比上年增加 13\.85 万元/);
  });
});

describe('wording variants across seeds', () => {
  it('001: thousands-free totals, 类 without a rate when its budget is 0', () => {
    const f = seedFacts('001');
    expect(value(f, '收入总计')).toBe('1134.84');
    expect(value(f, '财政拨款支出类.决算数', '文化旅游体育与传媒支出')).toBe('130.00');
    expect(get(f, '财政拨款支出类.完成率', '文化旅游体育与传媒支出')).toBeUndefined();
    expect(get(f, '年末结转和结余.增减率')).toMatchObject({ value: '10.07', subject: '下降' });
  });
  it('002: lines wrapped mid-number and mid-label, "较 2021 年", "为", "%%"', () => {
    const f = seedFacts('002');
    expect(value(f, '收入总计')).toBe('846.91');
    expect(get(f, '收入总计.比上年增减')).toMatchObject({ value: '27.87', subject: '增加' });
    expect(get(f, '年初结转和结余.比上年增减')).toMatchObject({ value: '-13.57', subject: '减少' });
    expect(value(f, '年末结转和结余')).toBe('194.46');
    expect(value(f, '基本支出')).toBe('233.7');
    expect(value(f, '财政拨款支出.年初预算数')).toBe('476.15');
    expect(value(f, '财政拨款支出类.完成率', '商业服务业等支出')).toBe('100');
    expect(value(f, '公务用车购置及运行维护费.决算数')).toBe('26.42');
    expect(get(f, '机关运行经费.增减率')).toMatchObject({ value: '106.79', unit: '%' });
    expect(value(f, '公务用车保有量')).toBe('3');
  });
  it('003: folded Kangxi glyphs, page footers, 和专用结余', () => {
    const f = seedFacts('003');
    expect(value(f, '收入总计')).toBe('2695.61');
    expect(value(f, '使用非财政拨款结余')).toBe('0.00');
    expect(value(f, '一般公共预算财政拨款基本支出')).toBe('2433.16');
    expect(value(f, '国内公务接待批次')).toBe('11');
    expect(value(f, '国内公务接待人次')).toBe('65');
    expect(value(f, '因公出国团组数')).toBe('1');
    expect(value(f, '政府采购服务支出')).toBe('35.57');
    expect(value(f, '授予小微企业合同金额.占比')).toBe('92.86');
    expect(value(f, '特种专业技术用车')).toBe('2');
    expect(get(f, '单价100万元以上设备')).toMatchObject({ value: '2', unit: '台（套）' });
  });
  it('004: a 三公 sub-heading in mid-line', () => {
    const f = seedFacts('004');
    expect(value(f, '本年支出合计')).toBe('125.07');
    expect(value(f, '公务用车购置及运行维护费.全年预算数')).toBe('0.00');
    expect(value(f, '工资福利支出.增减率')).toBe('507.23');
    expect(get(f, '商品和服务支出.增减率')).toBeUndefined();
  });
});

describe('extractFacts details', () => {
  it('maps offsets to pages through pageOf', () => {
    const text =
      '一、收入决算情况说明\n本部门收入总计 1,234.50 万元。\n— 3 —\n二、支出决算情况说明\n支出总计 9.00 万元。';
    const cut = text.indexOf('二、');
    const facts = extractFacts(text, { unit: '万元', pageOf: (o) => (o < cut ? 1 : 2) });
    expect(get(facts, '收入总计')).toMatchObject({ value: '1234.50', page: 1 });
    expect(get(facts, '支出总计')).toMatchObject({ value: '9.00', page: 2 });
  });
  it('keeps a percent printed without % (for C15)', () => {
    const facts = extractFacts('一、收入决算情况说明本年收入的具体构成：财政拨款收入 10.00 万元，占 100.00；', {
      unit: '万元',
    });
    expect(get(facts, '财政拨款收入.占比')).toMatchObject({ value: '100.00', unit: '' });
  });
  it('reads 第一部分 staff figures (002)', () => {
    const staff = extractStaffFacts(partText(seed('002'), 1));
    const v = (n: string): string | undefined => staff.find((f) => f.name === n)?.value;
    expect([v('年末实有人数'), v('在职人员'), v('离休人员'), v('退休人员')]).toEqual(['11', '9', '0', '0']);
    expect(v('养老保险基金发放养老金的离退休人员')).toBe('2');
  });
});

/**
 * Shanghai's 情况说明 (putuo-social-2024.pdf, pp. 17–22), typed from the rendered pages with its line
 * breaks; expected values read off the same pages.
 */
const PUTUO_P3 = `第三部分 中共上海市普陀区委社会工作部 2024 年度部门决算情况
说明
一、收入支出决算总体情况说明
中共上海市普陀区委社会工作部 2024 年度收入支出总计 307.82
万元。与\t2023\t年度相比，收入支出总计增加\t307.82\t万元，增长
100.00%。主要原因：单位于 2024 年成立。
二、收入决算情况说明
本年收入合计 307.82 万元，其中：财政拨款收入 307.82 万元，
占 100.00%。
三、支出决算情况说明
本年支出合计 307.82 万元，其中：基本支出 105.58 万元，占
34.30%；项目支出 202.24 万元，占 65.70%。
四、财政拨款收入支出决算总体情况说明
中共上海市普陀区委社会工作部 2024 年度财政拨款收入支出总
计\t307.82\t万元。与\t2023\t年度相比，财政拨款收入支出总计增加
307.82 万元，增长 100.00%。主要原因：单位于 2024 年成立。
五、一般公共预算财政拨款支出决算情况说明
（一）一般公共预算财政拨款支出决算总体情况
一般公共预算财政拨款支出 307.82\t万元，占本年支出合计的
100.00%。与 2023 年度相比，一般公共预算财政拨款支出增加 307.82
万元，增长 100.00%。主要原因：单位于 2024 年成立。
（二）一般公共预算财政拨款支出决算结构情况
一般公共预算财政拨款支出 307.82 万元，主要用于以下方面：
一般公共服务支出（类）264.87\t万元，占 86.05%；社会保障和就业
支出（类）10.82 万元，占 3.52%；卫生健康支出（类）2.71 万元，
占 0.88%；住房保障支出（类）29.42 万元，占 9.55%。
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为\t0\t万元，全年预算为
321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。
决算数小于预算数的主要原因：人员经费支出数小于预算数。其中：
1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。
主要用于：行政单位人员支出、公用支出。全年预算为 52.00 万元，
支出决算为 51.32 万元，完成全年预算数的 98.69%。决算数小于全
年预算数的主要原因：人员变动引起实际支出低于预算。
2、一般公共服务支出（类）社会工作事务（款）事业运行（项）。
主要用于：事业单位人员支出。全年预算为 17.68 万元，支出决算
为 11.31 万元。决算数小于全年预算数的主要原因：单位 2024 年新
成立，人员变动，按实际支出。
六、一般公共预算财政拨款基本支出决算情况说明
一般公共预算财政拨款基本支出 105.58 万元。其中：人员经费
95.36 万元，主要包括：基本工资、津贴补贴；公用经费 10.23
万元，主要包括：办公费、邮电费。
七、财政拨款“三公”经费支出决算情况说明
中共上海市普陀区委社会工作部 2024 年度无“三公”经费财政
拨款支出。
八、政府性基金预算财政拨款收入支出决算情况说明
中共上海市普陀区委社会工作部 2024 年度无政府性基金预算财
政拨款收入和支出。
十、预算绩效管理情况
绩效自评的 2024 年度项目 1 个，涉及预算金额 175.52 万元。
十一、其他重要事项的情况说明
（一）机关运行经费支出情况
机关运行经费支出 10.23 万元，比 2023 年度增加 10.23 万元，
增长 100.00%。主要原因是单位于 2024 年成立。
（二）政府采购支出情况
中共上海市普陀区委社会工作部 2024 年度政府采购金额（以合
同签订为准）为 21.07 万元，其中：货物采购金额 21.07 万元、工
程采购金额 0 万元、服务采购金额 0 万元。
（三）国有资产占有使用情况说明
截至 2024 年 12 月 31 日，中共上海市普陀区委社会工作部共有
车辆 0 辆，其中：部级领导干部用车 0 辆、主要领导干部用车 0 辆。`;

describe('Shanghai wording (issue 13)', () => {
  const f = extractFacts(PUTUO_P3, { unit: '万元' });
  it('收入支出总计 and 财政拨款收入支出总计, with "与 2023 年度相比 … 增加"', () => {
    expect(value(f, '收入支出总计')).toBe('307.82');
    expect(get(f, '收入支出总计.比上年增减')).toMatchObject({ value: '307.82', subject: '增加' });
    expect(get(f, '收入支出总计.增减率')).toMatchObject({ value: '100.00', subject: '增长' });
    expect(value(f, '财政拨款收入支出总计')).toBe('307.82');
    expect(value(f, '本年收入合计')).toBe('307.82');
    expect(value(f, '基本支出.占比')).toBe('34.30');
  });
  it('全年预算为 / 支出决算为 / 完成年初预算的, overall and per 类/款/项', () => {
    expect(value(f, '一般公共预算财政拨款支出.年初预算数')).toBe('0');
    expect(value(f, '一般公共预算财政拨款支出.全年预算数')).toBe('321.02');
    expect(value(f, '一般公共预算财政拨款支出.完成率')).toBe('95.89');
    const path = '一般公共服务支出/社会工作事务/行政运行';
    expect(value(f, '一般公共预算财政拨款支出明细.全年预算数', path)).toBe('52.00');
    expect(value(f, '一般公共预算财政拨款支出明细.决算数', path)).toBe('51.32');
    expect(value(f, '一般公共预算财政拨款支出明细.完成率', path)).toBe('98.69');
    const run = '一般公共服务支出/社会工作事务/事业运行';
    expect(value(f, '一般公共预算财政拨款支出明细.决算数', run)).toBe('11.31');
    expect(get(f, '一般公共预算财政拨款支出明细.完成率', run)).toBeUndefined();
    expect(value(f, '一般公共预算财政拨款支出类.决算数', '社会保障和就业支出')).toBe('10.82');
    expect(value(f, '一般公共预算财政拨款支出类.占比', '住房保障支出')).toBe('9.55');
  });
  it('人员经费 / 公用经费, 机关运行经费 after an unnumbered 十、, 政府采购金额, vehicles', () => {
    expect(value(f, '人员经费')).toBe('95.36');
    expect(value(f, '公用经费')).toBe('10.23');
    expect(value(f, '机关运行经费')).toBe('10.23');
    expect(get(f, '机关运行经费.增减率')).toMatchObject({ value: '100.00' });
    expect(value(f, '政府采购支出总额')).toBe('21.07');
    expect(value(f, '政府采购服务支出')).toBe('0');
    expect(value(f, '副部（省）级及以上领导用车')).toBe('0');
    // The 绩效 section's 175.52 is no figure of the report's accounts.
    expect(f.some((x) => x.value === '175.52')).toBe(false);
  });
  it('a change after a sentence that states another (unread) figure is not attached to the previous one', () => {
    const t = '一、收入决算情况说明本部门收入总计 10.00 万元；本年收入合计 8.00，比上年增加 1.00 万元，增长 14.29%。';
    const facts = extractFacts(t, { unit: '万元' });
    expect(get(facts, '收入总计.比上年增减')).toBeUndefined();
  });
});
