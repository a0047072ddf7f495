import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/schema/finding.js';
import type { Fact, Table } from '../../src/schema/record.js';
import { narrativeRules, runNarrativeRules } from '../../src/checks/narrative.js';
import { ctxOf, fact, record, seedFacts, seedParts, table } from './record.js';
import { recompute } from '../../src/cli/check.js';
import { SEED_000, SEED_001, SEED_003_09 } from './seed-tables.js';

const ruleById = (id: string) => {
  const r = narrativeRules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const run = (id: string, facts: Fact[], tables: Table[] = [], parts: Array<[number, string]> = []): Finding[] =>
  ruleById(id).run(ctxOf(facts, tables, parts));
const warns = (fs: Finding[]): Finding[] => fs.filter((f) => f.level === 'warn' || f.level === 'error');
const t01 = (l31: string) =>
  table('01', [
    ['line:31', '总计', { '1': l31 }],
    ['line:27', '本年收入合计', { '1': '306.02' }],
  ]);

describe('catalogue', () => {
  it('has one rule per identity C1–C17 with narrative.* ids', () => {
    expect(narrativeRules.map((r) => r.ref)).toEqual(Array.from({ length: 17 }, (_, i) => `C${i + 1}`));
    for (const r of narrativeRules) expect(r.id).toMatch(/^narrative\.[a-z-]+$/);
  });
  it('findings are stage "check" and carry their rule id', () => {
    for (const f of runNarrativeRules(ctxOf(seedFacts('000'), SEED_000, seedParts('000')))) {
      expect(f.stage).toBe('check');
      expect(f.check).toMatch(/^narrative\./);
    }
  });
});

describe('C1 narrative.income-total', () => {
  const facts = [fact('收入总计', '409.12'), fact('本年收入合计', '306.02')];
  it('ok: equal amounts are silent', () => {
    expect(run('narrative.income-total', facts, [t01('409.12')]).filter((f) => f.evaluated !== false)).toEqual([]);
  });
  it('not ok: a 0.10 gap warns with both sides', () => {
    const [w] = warns(run('narrative.income-total', facts, [t01('409.22')]));
    expect(w).toMatchObject({ table: '01', row: 'line:31', column: '1', expected: '409.22', actual: '409.12' });
    expect(w?.message).toContain('收入总计');
    expect(w?.message).toContain('公开01表');
  });
  it('missing table: one not-evaluated info', () => {
    const fs = run('narrative.income-total', facts, []);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ level: 'info', evaluated: false });
  });
});

describe('C2 narrative.income-sources (shares within rounding of both operands)', () => {
  const t02 = (c2: string) => table('02', [['total', '合计', { '1': '306.02', '2': c2 }]]);
  const base = [fact('本年收入合计', '306.02'), fact('财政拨款收入', '293.81')];
  it('ok: 96.01% = 293.81 / 306.02', () => {
    const fs = run(
      'narrative.income-sources',
      [...base, fact('财政拨款收入.占比', '96.01', '%')],
      [t02('293.81'), t01('409.12')],
    );
    expect(warns(fs)).toEqual([]);
  });
  it('not ok: 96.51% and a different T02 amount', () => {
    const fs = run(
      'narrative.income-sources',
      [...base, fact('财政拨款收入.占比', '96.51', '%')],
      [t02('293.00'), t01('409.12')],
    );
    expect(warns(fs).map((f) => f.expected)).toEqual(['293.00', '96.01']);
  });
});

describe('C3/C4 expenditure', () => {
  it('C3 not ok: 年末结转和结余 differs from T01 L60', () => {
    const t = table('01', [['line:60', '年末结转和结余', { '2': '56.47' }]]);
    expect(warns(run('narrative.expenditure-total', [fact('年末结转和结余', '56.74')], [t]))).toHaveLength(1);
    expect(warns(run('narrative.expenditure-total', [fact('年末结转和结余', '56.47')], [t]))).toHaveLength(0);
  });
  it('C4 finds T03 columns by header name', () => {
    const t03 = table('03', [['total', '合计', { '1': '352.65', '2': '265.81', '3': '86.84' }]]);
    const facts = [fact('本年支出合计', '352.65'), fact('基本支出', '265.81'), fact('基本支出.占比', '75.38', '%')];
    expect(warns(run('narrative.expenditure-kinds', facts, [t03]))).toEqual([]);
    const bad = [fact('本年支出合计', '352.65'), fact('基本支出', '86.84')];
    expect(warns(run('narrative.expenditure-kinds', bad, [t03]))[0]).toMatchObject({ column: '2', expected: '265.81' });
  });
});

describe('C5/C6 财政拨款支出', () => {
  const t04 = table('04', [
    ['line:33', '一、一般公共服务支出', { '2': '227.61' }],
    ['line:59', '本年支出合计', { '2': '293.81' }],
  ]);
  it('C5 ok: 92.34% = 293.81 / 318.19; not ok at 93.34%', () => {
    const f = [fact('财政拨款支出.年初预算数', '318.19'), fact('财政拨款支出.决算数', '293.81')];
    expect(warns(run('narrative.fiscal-total', [...f, fact('财政拨款支出.完成率', '92.34', '%')], [t04]))).toEqual([]);
    expect(warns(run('narrative.fiscal-total', [...f, fact('财政拨款支出.完成率', '93.34', '%')], [t04]))).toHaveLength(
      1,
    );
  });
  it('C6 matches the 类 row by label and checks Σ Fi = F', () => {
    const cls = (v: string) => fact('财政拨款支出类.决算数', v, '万元', { subject: '一般公共服务支出' });
    const total = fact('财政拨款支出.决算数', '227.61');
    expect(warns(run('narrative.fiscal-by-class', [total, cls('227.61')], [t04]))).toEqual([]);
    const fs = warns(run('narrative.fiscal-by-class', [total, cls('227.16')], [t04]));
    expect(fs.map((f) => f.row ?? 'sum')).toEqual(['line:33', 'sum']);
  });
});

describe('C7 basic expenditure by economic class', () => {
  const t06 = table('06', [
    ['total:人员经费', '人员经费合计', { '1': '231.98' }],
    ['total:公用经费', '公用经费合计', { '1': '33.83' }],
    ['code:301', '工资福利支出', { '1': '212.33' }],
  ]);
  const t05 = table('05', [['total', '合计', { '1': '293.81', '2': '265.81' }]]);
  it('ok and not ok', () => {
    const ok = [fact('一般公共预算财政拨款基本支出', '265.81'), fact('工资福利支出', '212.33')];
    expect(warns(run('narrative.basic-by-economic-class', ok, [t05, t06]))).toEqual([]);
    const bad = [fact('一般公共预算财政拨款基本支出', '265.81'), fact('工资福利支出', '213.33')];
    expect(warns(run('narrative.basic-by-economic-class', bad, [t05, t06]))[0]).toMatchObject({ row: 'code:301' });
  });
});

describe('C8 三公 (the real seed cases)', () => {
  it('seed 003: narrative 11 批 / 65 人次 vs 09 table 10 / 57 warns twice', () => {
    const fs = warns(run('narrative.sangong', seedFacts('003'), [SEED_003_09]));
    expect(fs.map((f) => [f.row, f.expected, f.actual])).toEqual([
      ['line:15', '10', '11'],
      ['line:17', '57', '65'],
    ]);
    expect(fs[0]?.message).toContain('国内公务接待批次');
  });
  it('seed 000: 61.85% printed where 11.92/19.27 = 61.86% is only an info', () => {
    const fs = run('narrative.sangong', seedFacts('000'), SEED_000);
    expect(warns(fs)).toEqual([]);
    const rate = fs.find((f) => f.message.includes('三公经费.完成率'));
    expect(rate).toMatchObject({ level: 'info', expected: '61.86', actual: '61.85' });
  });
  it('blank count cell reads as 0, a stated 1 against it warns', () => {
    const t09 = table('09', [['line:11', '团组数', {}]]);
    expect(warns(run('narrative.sangong', [fact('因公出国团组数', '0', '个')], [t09]))).toEqual([]);
    expect(warns(run('narrative.sangong', [fact('因公出国团组数', '1', '个')], [t09]))).toHaveLength(1);
  });
});

describe('C9 机关运行经费', () => {
  const t06 = table('06', [['total:公用经费', '公用经费合计', { '1': '3.37' }]]);
  it('warns for an administrative unit, not for a 事业单位 (004)', () => {
    expect(warns(run('narrative.operating-costs', [fact('机关运行经费', '0.00')], [t06]))).toHaveLength(1);
    const sy = fact('机关运行经费', '0.00', '万元', {
      sentence: '机关运行经费支出 0.00 万元，主要原因：本中心为事业单位',
    });
    const fs = run('narrative.operating-costs', [sy], [t06]);
    expect(fs).toEqual([expect.objectContaining({ level: 'info', evaluated: false })]);
  });
});

describe('C10 政府采购', () => {
  const p = (total: string, sme: string, micro: string) => [
    fact('政府采购支出总额', total),
    fact('政府采购货物支出', '5.07'),
    fact('政府采购工程支出', '0.00'),
    fact('政府采购服务支出', '35.57'),
    fact('授予中小企业合同金额', sme),
    fact('授予小微企业合同金额', micro),
  ];
  it('ok (003) and not ok (sum, 小微 > 中小)', () => {
    expect(warns(run('narrative.procurement', p('40.64', '5.02', '4.66')))).toEqual([]);
    expect(warns(run('narrative.procurement', p('41.64', '5.02', '5.66')))).toHaveLength(2);
  });
});

describe('C11 vehicles', () => {
  const t10 = table('10', [
    ['line:1', '车辆数合计', { '1': '2' }],
    ['line:9', '其他用车', { '1': '2' }],
  ]);
  it('ok and not ok', () => {
    expect(
      warns(run('narrative.vehicles', [fact('车辆数合计', '2', '辆'), fact('其他用车', '2', '辆')], [t10])),
    ).toEqual([]);
    expect(warns(run('narrative.vehicles', [fact('车辆数合计', '3', '辆')], [t10]))).toHaveLength(1);
  });
});

describe('C12 year-on-year', () => {
  const cur = fact('本年收入合计', '306.02');
  const ch = (v: string, verb = '增加') => fact('本年收入合计.比上年增减', v, '万元', { subject: verb, sentence: 's' });
  const g = (v: string, verb = '增长') => fact('本年收入合计.增减率', v, '%', { subject: verb, sentence: 's' });
  it('ok: 13.85 / (306.02 − 13.85) = 4.74%', () => {
    expect(warns(run('narrative.year-on-year', [cur, ch('13.85'), g('4.74')]))).toEqual([]);
  });
  it('not ok: wrong rate, contradicting verbs, negative amount', () => {
    expect(warns(run('narrative.year-on-year', [cur, ch('13.85'), g('5.74')]))).toHaveLength(1);
    expect(warns(run('narrative.year-on-year', [cur, ch('13.85'), g('4.74', '下降')])).length).toBeGreaterThan(0);
    expect(warns(run('narrative.year-on-year', [cur, ch('-13.85', '减少'), g('4.33', '下降')]))[0]?.message).toContain(
      '负数',
    );
  });
  it('base 0 with a growth % warns (002 资本性支出 0, 增加 0, 增长 0%)', () => {
    const zero = [
      fact('资本性支出', '0'),
      fact('资本性支出.比上年增减', '0', '万元', { subject: '增加', sentence: 't' }),
      fact('资本性支出.增减率', '0', '%', { subject: '增长', sentence: 't' }),
    ];
    expect(warns(run('narrative.year-on-year', zero))).toHaveLength(1);
  });
  it('seed 001: 年末结转和结余 0.00 after 减少 53.43 is −100%, not 下降 10.07%', () => {
    const fs = warns(run('narrative.year-on-year', seedFacts('001')));
    expect(fs.map((f) => f.actual)).toEqual(['10.07']);
    expect(fs[0]?.expected).toBe('100.00');
  });
});

describe('C13–C15 wording', () => {
  it('C13: a completion rate of a zero 年初预算 warns', () => {
    const s = { subject: '商业服务业等支出' };
    const f = [fact('财政拨款支出类.年初预算数', '0', '万元', s), fact('财政拨款支出类.完成率', '100', '%', s)];
    expect(warns(run('narrative.zero-budget-rate', f))).toHaveLength(1);
    expect(
      warns(run('narrative.zero-budget-rate', [fact('财政拨款支出类.年初预算数', '5', '万元', s), f[1]!])),
    ).toEqual([]);
  });
  it('C14: the same indicator twice with two values warns', () => {
    expect(
      warns(run('narrative.repeated-indicator', [fact('机关运行经费', '1.00'), fact('机关运行经费', '1.00')])),
    ).toEqual([]);
    expect(
      warns(run('narrative.repeated-indicator', [fact('机关运行经费', '1.00'), fact('机关运行经费', '2.00')])),
    ).toHaveLength(1);
  });
  it('C15: a share without % warns', () => {
    expect(warns(run('narrative.percent-sign', [fact('财政拨款收入.占比', '96.01', '%')]))).toEqual([]);
    expect(warns(run('narrative.percent-sign', [fact('财政拨款收入.占比', '96.01', '')]))).toHaveLength(1);
  });
});

describe('C16 empty tables', () => {
  const empty07 = table('07', [['total', '合计', {}]]);
  it('ok with the footnote, warn without', () => {
    const note = '2. 当此表数据为空时，即本部门(单位)无政府性基金预算财政拨款收入、支出。';
    const ok = run('narrative.empty-table-statement', [], [empty07], [[2, note]]);
    expect(warns(ok)).toEqual([]);
    expect(warns(run('narrative.empty-table-statement', [], [empty07], [[2, '无']]))).toEqual([
      expect.objectContaining({ table: '07' }),
    ]);
  });
});

describe('C17 staff', () => {
  it('002 reconciles only when 其他/学生/养老金 离退休 are counted', () => {
    expect(warns(run('narrative.staff-count', [], [], seedParts('002')))).toEqual([]);
    const bad = '本部门年末实有人数 12 人，其中在职人员 9 人，离休人员 0 人，退休人员 0 人。';
    expect(warns(run('narrative.staff-count', [], [], [[1, bad]]))[0]).toMatchObject({ expected: '9', actual: '12' });
  });
});

describe('no false alarms on the seeds that reconcile', () => {
  const levels = (fs: Finding[]) => fs.filter((f) => f.level !== 'info');
  it('seed 000: no warn/error with its own tables', () => {
    expect(levels(runNarrativeRules(ctxOf(seedFacts('000'), SEED_000, seedParts('000'))))).toEqual([]);
  });
  it('seed 001: only the real C12 error (下降 10.07% for a fall to 0)', () => {
    const fs = levels(runNarrativeRules(ctxOf(seedFacts('001'), SEED_001, seedParts('001'))));
    expect(fs.map((f) => `${f.check}:${f.actual}`)).toEqual(['narrative.year-on-year:10.07']);
  });
});

describe('issue 13: Shanghai / national wording and tables without rows', () => {
  const t04 = table('04', [
    ['line:32', '总计', { '1': '307.82' }],
    ['line:59', '本年支出合计', { '2': '307.82', '3': '307.82' }],
  ]);
  it('C5: 财政拨款收入支出总计 = T04 L32; 一般公共预算财政拨款支出决算数 = T04 L59 栏3', () => {
    const ok = [fact('财政拨款收入支出总计', '307.82'), fact('一般公共预算财政拨款支出.决算数', '307.82')];
    expect(warns(run('narrative.fiscal-total', ok, [t04]))).toEqual([]);
    const bad = [fact('财政拨款收入支出总计', '370.82'), fact('一般公共预算财政拨款支出.决算数', '307.28')];
    expect(warns(run('narrative.fiscal-total', bad, [t04])).map((f) => [f.row, f.column])).toEqual([
      ['line:32', '1'],
      ['line:59', '3'],
    ]);
  });

  it('C6: a 类/款/项 item is the T05 row of that path; a 类 of the 结构 paragraph its 类 row', () => {
    const row = (code: string, label: string, v: string) => ({
      key: `code:${code}` as const,
      code,
      label,
      values: { '1': v },
    });
    const t05 = {
      ...table('05', []),
      rows: [
        row('201', '一般公共服务支出', '264.87'),
        row('20139', '社会工作事务', '264.87'),
        row('2013901', '行政运行', '51.32'),
        row('2013950', '事业运行', '11.31'),
      ],
    };
    const path = '一般公共服务支出/社会工作事务/行政运行';
    const item = (v: string) => fact('一般公共预算财政拨款支出明细.决算数', v, '万元', { subject: path });
    const cls = fact('一般公共预算财政拨款支出类.决算数', '264.87', '万元', { subject: '一般公共服务支出' });
    expect(warns(run('narrative.fiscal-by-class', [item('51.32'), cls], [t05]))).toEqual([]);
    expect(warns(run('narrative.fiscal-by-class', [item('15.32'), cls], [t05]))).toEqual([
      expect.objectContaining({ table: '05', row: 'code:2013901', expected: '51.32', actual: '15.32' }),
    ]);
  });

  it('C7: 人员经费 / 公用经费 = T06 合计 rows', () => {
    const t06 = table('06', [
      ['total:人员经费', '人员经费合计', { '1': '95.36' }],
      ['total:公用经费', '公用经费合计', { '1': '10.23' }],
    ]);
    const basic = fact('一般公共预算财政拨款基本支出', '105.59');
    expect(
      warns(
        run('narrative.basic-by-economic-class', [basic, fact('人员经费', '95.36'), fact('公用经费', '10.23')], [t06]),
      ),
    ).toEqual([]);
    expect(
      warns(
        run('narrative.basic-by-economic-class', [basic, fact('人员经费', '95.36'), fact('公用经费', '12.03')], [t06]),
      ),
    ).toEqual([expect.objectContaining({ row: 'total:公用经费', actual: '12.03' })]);
  });

  it('C8: a 全年预算数 column left blank while the narrative states it is one finding', () => {
    const t09 = table('09', [
      ['line:1', '三公经费', { '1': '19.27', '3': '11.92' }],
      ['line:6', '公务接待费', { '1': '11.50', '3': '5.30' }],
    ]);
    const stated = [
      fact('三公经费.全年预算数', '19.27'),
      fact('公务接待费.全年预算数', '11.50'),
      fact('三公经费.决算数', '11.92'),
    ];
    expect(warns(run('narrative.sangong', stated, [t09]))).toEqual([
      expect.objectContaining({ table: '09', row: 'line:1', column: '2', expected: '19.27', actual: '（空白）' }),
    ]);
  });

  it('C13: "年初预算为 0 … 完成年初预算的 95.89%" warns and says which budget the rate is of', () => {
    const s = { sentence: '年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%' };
    const facts = [
      fact('一般公共预算财政拨款支出.年初预算数', '0', '万元', s),
      fact('一般公共预算财政拨款支出.全年预算数', '321.02', '万元', s),
      fact('一般公共预算财政拨款支出.决算数', '307.82', '万元', s),
      fact('一般公共预算财政拨款支出.完成率', '95.89', '%', s),
    ];
    const [w, ...rest] = warns(run('narrative.zero-budget-rate', facts));
    expect(rest).toEqual([]);
    expect(w?.message).toContain('按全年预算');
    // The same rate stated of the 全年预算 is fine (and C5 checks it: 307.82 / 321.02 = 95.89%).
    const annual = facts.map((f) => ({ ...f, sentence: f.sentence.replace('完成年初预算', '完成全年预算') }));
    expect(warns(run('narrative.zero-budget-rate', annual))).toEqual([]);
    expect(warns(run('narrative.fiscal-total', annual, [t04]))).toEqual([]);
  });

  it('C16: "无“三公”经费财政拨款支出" across a line break is a statement; 09 without rows is not evaluated', () => {
    const empty09 = table('09', [['line:1', '三公经费', {}]]);
    const says = '中共上海市普陀区委社会工作部 2024 年度无“三公”经费财政\n拨款支出。';
    expect(warns(run('narrative.empty-table-statement', [], [empty09], [[3, says]]))).toEqual([]);
    expect(warns(run('narrative.empty-table-statement', [], [empty09], [[3, '无']]))).toHaveLength(1);
    const rowless = table('09', []);
    expect(run('narrative.empty-table-statement', [], [rowless], [[3, '无']]).filter((f) => f.table === '09')).toEqual([
      expect.objectContaining({ level: 'info', evaluated: false, table: '09' }),
    ]);
    expect(run('narrative.sangong', [fact('三公经费.决算数', '1.00')], [rowless])).toEqual([
      expect.objectContaining({ level: 'info', evaluated: false, table: '09' }),
    ]);
  });

  it('B10 on a 09 read without rows: not evaluated, never compared with zeros', () => {
    const t06 = table('06', [['code:30217', '公务接待费', { '1': '5.30' }]]);
    const fs = recompute(record([], [t06, table('09', [])]));
    expect(fs.filter((f) => f.check === 'xref.06-09.three-public')).toEqual([]);
    expect(
      fs.find((f) => f.check === 'check.not-evaluated' && f.message.startsWith('xref.06-09.three-public')),
    ).toMatchObject({
      table: '09',
      evaluated: false,
    });
  });
});
