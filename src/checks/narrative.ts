import { Decimal } from '../decimal.js';
import type { Fact, TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import * as N from '../narrative/names.js';
import { extractStaffFacts, STAFF_EXTRA } from '../narrative/staff.js';
import type { CheckContext, Rule } from './rule.js';
import { growthRange, ratioRange } from './percent.js';
import {
  bareLabel,
  cellOf,
  columnOf,
  compareAmount,
  comparePercent,
  describe,
  describeCell,
  factOf,
  fromRow,
  info,
  notEvaluated,
  warn,
  type Cell,
} from './narrative-support.js';

/**
 * Section C of identities.md: the figures 第三部分 states (record.facts) against the tables and
 * against themselves. Every rule returns findings only for problems, rounding (info) or "not
 * evaluated" (info, evaluated: false) — an exact match is silent.
 */

type Pair = [fact: string, row: string, column: string];

/** Compare narrative facts with cells of one table; missing inputs collapse into one not-evaluated finding. */
function pairs(rule: Rule, ctx: CheckContext, id: TableId, list: Pair[]): Finding[] {
  const table = ctx.table(id);
  if (!table) return [notEvaluated(rule, `公开${id}表 is missing`, id)];
  const out: Finding[] = [];
  const missing: string[] = [];
  for (const [name, row, column] of list) {
    const fact = factOf(ctx, name);
    const cell = cellOf(table, row, column);
    if (!fact || !cell) {
      missing.push(fact ? `${id} ${row}` : `「${name}」`);
      continue;
    }
    out.push(...compareAmount(rule, fact, { value: cell.value, text: describeCell(cell), cell }));
  }
  if (missing.length > 0 && missing.length === list.length) {
    out.push(notEvaluated(rule, `no input: ${missing.join(', ')}`, id));
  } else if (missing.length > 0) {
    out.push(notEvaluated(rule, `partly: ${missing.join(', ')} not stated/present`, id));
  }
  return out;
}

/** Shares "占 p%" of each item over a base (a table cell if present, else the narrative's total). */
function shares(
  rule: Rule,
  ctx: CheckContext,
  items: readonly string[],
  base: Cell | undefined,
  baseFact: string,
): Finding[] {
  const out: Finding[] = [];
  const total = base?.value ?? factOf(ctx, baseFact)?.value;
  if (total === undefined) return [notEvaluated(rule, `no base for shares (${baseFact})`)];
  const baseText = base ? describeCell(base) : `「${baseFact}」${total}`;
  for (const item of items) {
    const share = factOf(ctx, item + N.SHARE);
    const amount = factOf(ctx, item);
    if (!share || !amount) continue;
    out.push(...comparePercent(rule, share, ratioRange(amount.value, total), `${amount.value} / ${baseText}`));
  }
  return out;
}

/** A rate "完成…预算的 r%" against final / budget of the same indicator (budget 0 is C13's). */
function rate(rule: Rule, ctx: CheckContext, name: string, budgetSuffix: string, subject?: string): Finding[] {
  const r = factOf(ctx, name + N.RATE, subject);
  const b = factOf(ctx, name + budgetSuffix, subject);
  const f = factOf(ctx, name + N.FINAL, subject);
  if (!r || !b || !f || new Decimal(b.value).isZero()) return [];
  return comparePercent(rule, r, ratioRange(f.value, b.value), `决算数 ${f.value} / 预算数 ${b.value}`);
}

const rule = (
  id: string,
  ref: string,
  description: string,
  run: (ctx: CheckContext, self: Rule) => Finding[],
): Rule => {
  const self: Rule = { id, ref, description, run: (ctx) => run(ctx, self) };
  return self;
};

const c1 = rule(
  'narrative.income-total',
  'C1',
  '一、收入总计/年初结转和结余/使用非财政拨款结余/本年收入合计 = T01 L31/L29/L28/L27',
  (ctx, r) =>
    pairs(r, ctx, '01', [
      [N.INCOME.total, 'line:31', '1'],
      [N.INCOME.opening, 'line:29', '1'],
      [N.INCOME.nonFiscalReserve, 'line:28', '1'],
      [N.INCOME.current, 'line:27', '1'],
    ]),
);

const c2 = rule('narrative.income-sources', 'C2', '一、本年收入构成 = T02 合计 c2…c7; 占比 = a / T01.L27', (ctx, r) => {
  const t02 = ctx.table('02');
  const out: Finding[] = [];
  if (!t02) out.push(notEvaluated(r, '公开02表 is missing', '02'));
  else {
    const words = ['财政拨款', '上级补助', '事业收入', '经营收入', '附属单位上缴', '其他收入'];
    out.push(
      ...pairs(
        r,
        ctx,
        '02',
        N.INCOME_SOURCES.map((name, i): Pair => [name, 'total', columnOf(t02, words[i] ?? name, i + 2)]),
      ),
    );
  }
  out.push(...shares(r, ctx, N.INCOME_SOURCES, cellOf(ctx.table('01'), 'line:27', '1'), N.INCOME.current));
  return out;
});

const c3 = rule(
  'narrative.expenditure-total',
  'C3',
  '二、支出总计/本年支出合计/结余分配/年末结转和结余 = T01 L62/L58/L59/L60',
  (ctx, r) =>
    pairs(r, ctx, '01', [
      [N.EXPENDITURE.total, 'line:62', '2'],
      [N.EXPENDITURE.current, 'line:58', '2'],
      [N.EXPENDITURE.distribution, 'line:59', '2'],
      [N.EXPENDITURE.closing, 'line:60', '2'],
    ]),
);

const c4 = rule(
  'narrative.expenditure-kinds',
  'C4',
  '二、基本/项目/上缴上级/经营/对附属单位补助支出 = T03 合计 c2…c6; 占比 over T01.L58',
  (ctx, r) => {
    const t03 = ctx.table('03');
    const out: Finding[] = [];
    if (!t03) out.push(notEvaluated(r, '公开03表 is missing', '03'));
    else {
      out.push(
        ...pairs(
          r,
          ctx,
          '03',
          N.EXPENDITURE_KINDS.map((name, i): Pair => [name, 'total', columnOf(t03, name, i + 2)]),
        ),
      );
    }
    out.push(...shares(r, ctx, N.EXPENDITURE_KINDS, cellOf(ctx.table('01'), 'line:58', '2'), N.EXPENDITURE.current));
    return out;
  },
);

const c5 = rule(
  'narrative.fiscal-total',
  'C5',
  '三、财政拨款本年支出决算数 = T04.L59.c2; 完成率 = 决算/年初预算',
  (ctx, r) => [
    ...pairs(r, ctx, '04', [[N.FISCAL + N.FINAL, 'line:59', '2']]),
    ...rate(r, ctx, N.FISCAL, N.BUDGET_OPENING),
  ],
);

const c6 = rule(
  'narrative.fiscal-by-class',
  'C6',
  '三、per 类: 决算数 = T04 类 row c2; Σ = 总决算数; 完成率 = 决算/年初预算',
  (ctx, r) => {
    const finals = ctx.facts.filter((f) => f.name === N.FISCAL_CLASS + N.FINAL);
    if (finals.length === 0) return [notEvaluated(r, '第三部分 states no 财政拨款支出 by 类')];
    const out: Finding[] = [];
    const t04 = ctx.table('04');
    if (!t04) out.push(notEvaluated(r, '公开04表 is missing', '04'));
    for (const f of finals) {
      const cls = f.subject ?? '';
      out.push(...rate(r, ctx, N.FISCAL_CLASS, N.BUDGET_OPENING, cls));
      if (!t04) continue;
      const row = t04.rows.find(
        (x) => x.side !== 'income' && bareLabel(x.label) === bareLabel(cls) && x.key.startsWith('line:'),
      );
      if (!row) {
        out.push(notEvaluated(r, `公开04表 has no 类 row「${cls}」`, '04'));
        continue;
      }
      const cell = fromRow(t04, row, '2');
      out.push(...compareAmount(r, f, { value: cell.value, text: describeCell(cell), cell }));
    }
    const total = factOf(ctx, N.FISCAL + N.FINAL);
    if (total) {
      const sum = finals.reduce((s, f) => s.plus(f.value), new Decimal(0));
      out.push(
        ...compareAmount(r, total, {
          value: sum.toFixed(2),
          text: `Σ 类 决算数 (${finals.map((f) => f.value).join(' + ')})`,
          terms: finals.length,
        }),
      );
    }
    return out;
  },
);

const c7 = rule(
  'narrative.basic-by-economic-class',
  'C7',
  '四、基本支出 = T05 合计 c2 = T06 人员+公用; classes = T06 301/302/303/310',
  (ctx, r) => {
    const out: Finding[] = [];
    const basic = factOf(ctx, N.BASIC);
    const t05 = ctx.table('05');
    const t06 = ctx.table('06');
    if (!basic) return [notEvaluated(r, `第三部分 does not state「${N.BASIC}」`)];
    if (!t05) out.push(notEvaluated(r, '公开05表 is missing', '05'));
    else out.push(...pairs(r, ctx, '05', [[N.BASIC, 'total', columnOf(t05, '基本支出', 2)]]));
    if (!t06) return [...out, notEvaluated(r, '公开06表 is missing', '06')];
    const staff = cellOf(t06, 'total:人员经费', '1');
    const pub = cellOf(t06, 'total:公用经费', '1');
    if (staff && pub) {
      const sum = new Decimal(staff.value).plus(pub.value);
      out.push(
        ...compareAmount(r, basic, {
          value: sum.toFixed(2),
          text: `公开06表 人员经费合计 ${staff.value} + 公用经费合计 ${pub.value}`,
          terms: 2,
        }),
      );
    }
    out.push(
      ...pairs(
        r,
        ctx,
        '06',
        N.BASIC_CLASSES.map(([name, code]): Pair => [name, `code:${code}`, '1']),
      ),
    );
    return out;
  },
);

const c8 = rule(
  'narrative.sangong',
  'C8',
  '五、三公 全年预算/决算/完成率 and counts = T09 L1…L6 c2/c3, L11…L17 c3',
  (ctx, r) => {
    const t09 = ctx.table('09');
    if (!t09) return [notEvaluated(r, '公开09表 is missing', '09')];
    const out: Finding[] = [];
    const list: Pair[] = [];
    for (const [name, line] of N.SANGONG) {
      if (factOf(ctx, name + N.BUDGET_ANNUAL)) list.push([name + N.BUDGET_ANNUAL, `line:${line}`, '2']);
      if (factOf(ctx, name + N.FINAL)) list.push([name + N.FINAL, `line:${line}`, '3']);
      out.push(...rate(r, ctx, name, N.BUDGET_ANNUAL));
    }
    for (const [name, line] of N.SANGONG_COUNTS) if (factOf(ctx, name)) list.push([name, `line:${line}`, '3']);
    if (list.length === 0) return [notEvaluated(r, '第三部分 states no 三公 figures')];
    out.push(...pairs(r, ctx, '09', list));
    return out;
  },
);

const c9 = rule(
  'narrative.operating-costs',
  'C9',
  '六、机关运行经费 = T06 公用经费合计 (administrative and 参公 units)',
  (ctx, r) => {
    const fact = factOf(ctx, N.OPERATING);
    if (!fact) return [notEvaluated(r, `第三部分 does not state「${N.OPERATING}」`)];
    const out = pairs(r, ctx, '06', [[N.OPERATING, 'total:公用经费', '1']]);
    // The identity is defined for 行政 and 参公 units; a 事业单位 reports its 机关运行经费 as 0.
    const publicInstitution = /事业单位/.test(fact.sentence) && !/参照|参公/.test(fact.sentence);
    if (publicInstitution && out.some((f) => f.level === 'warn')) {
      return [notEvaluated(r, `the unit says it is a 事业单位, so ${describe(fact)} need not equal 公用经费`, '06')];
    }
    return out;
  },
);

const c10 = rule(
  'narrative.procurement',
  'C10',
  '七、政府采购: 总额 = 货物 + 工程 + 服务; 中小企业 ≤ 总额; 小微 ≤ 中小; shares',
  (ctx, r) => {
    const P = N.PROCUREMENT;
    const [total, goods, works, services, sme, micro] = [P.total, P.goods, P.works, P.services, P.sme, P.micro].map(
      (n) => factOf(ctx, n),
    );
    if (!total) return [notEvaluated(r, `第三部分 does not state「${P.total}」`)];
    const out: Finding[] = [];
    if (goods && works && services) {
      const sum = new Decimal(goods.value).plus(works.value).plus(services.value);
      out.push(
        ...compareAmount(r, total, {
          value: sum.toFixed(2),
          text: `货物 ${goods.value} + 工程 ${works.value} + 服务 ${services.value}`,
          terms: 3,
        }),
      );
    }
    const le = (part: Fact | undefined, whole: Fact | undefined): void => {
      if (part && whole && new Decimal(part.value).gt(whole.value)) {
        out.push(
          warn(r, part, `${describe(part)} > ${describe(whole)}`, { expected: `≤ ${whole.value}`, actual: part.value }),
        );
      }
    };
    le(sme, total);
    le(micro, sme);
    const share = (part: Fact | undefined, whole: Fact | undefined): void => {
      const s = part && factOf(ctx, part.name + N.SHARE);
      if (!s || !part || !whole) return;
      if (new Decimal(whole.value).isZero()) {
        if (!new Decimal(s.value).isZero()) out.push(warn(r, s, `${describe(s)} of a zero base ${describe(whole)}`));
        return;
      }
      out.push(...comparePercent(r, s, ratioRange(part.value, whole.value), `${part.value} / ${whole.value}`));
    };
    share(sme, total);
    share(micro, sme);
    return out;
  },
);

const c11 = rule('narrative.vehicles', 'C11', '八、共有车辆 N 辆 and each kind = T10 L1…L9', (ctx, r) => {
  const stated = N.VEHICLES.filter(([name]) => factOf(ctx, name));
  if (stated.length === 0) return [notEvaluated(r, '第三部分 states no vehicle counts')];
  const out = pairs(
    r,
    ctx,
    '10',
    stated.map(([name, line]): Pair => [name, `line:${line}`, '1']),
  );
  const total = factOf(ctx, '车辆数合计');
  const kinds = N.VEHICLES.slice(1).map(([name]) => factOf(ctx, name));
  if (total && kinds.every((k) => k)) {
    const sum = kinds.reduce((s, k) => s.plus(k?.value ?? 0), new Decimal(0));
    if (!sum.eq(total.value))
      out.push(
        warn(r, total, `${describe(total)} ≠ Σ 各类用车 ${sum.toString()}`, {
          expected: sum.toString(),
          actual: total.value,
        }),
      );
  }
  return out;
});

const SIGN: Record<string, 1 | -1> = { 增加: 1, 增长: 1, 减少: -1, 下降: -1 };

const c12 = rule(
  'narrative.year-on-year',
  'C12',
  '比上年增加/减少 Δ，增长/下降 g%: g = Δ/(current − Δ), base 0 ⇒ no %, sign matches 增/减, reason given',
  (ctx, self) => {
    const out: Finding[] = [];
    const changes = ctx.facts.filter((f) => f.name.endsWith(N.CHANGE) && f.subject !== '持平');
    if (changes.length === 0) return [notEvaluated(self, '第三部分 states no year-on-year changes')];
    for (const change of changes) {
      const indicator = change.name.slice(0, -N.CHANGE.length);
      const current = factOf(ctx, indicator);
      // A change and its rate come from the same window, hence share the sentence.
      const growth = ctx.facts.find((f) => f.name === indicator + N.GROWTH && f.sentence === change.sentence);
      const sign = SIGN[change.subject ?? ''] ?? 1;
      const delta = new Decimal(change.value);
      if (delta.isNegative()) {
        out.push(
          warn(self, change, `${describe(change)}: 「${change.subject}」 with a negative amount is ambiguous`, {
            actual: change.value,
          }),
        );
      }
      if (growth && SIGN[growth.subject ?? ''] !== undefined && SIGN[growth.subject ?? ''] !== sign) {
        out.push(
          warn(
            self,
            growth,
            `${describe(growth)}: 「${growth.subject}」 contradicts 「${change.subject}」 of ${change.value}`,
          ),
        );
      }
      if (!delta.isZero() && !/原因/.test(change.sentence)) {
        out.push(info(self, change, `${describe(change)} gives no 主要原因`));
      }
      if (!current || !growth) continue;
      const base = new Decimal(current.value).minus(delta.abs().times(sign));
      if (base.isZero()) {
        out.push(
          warn(
            self,
            growth,
            `${describe(growth)} but last year's 「${indicator}」 was ${current.value} − ${change.value} = 0: no growth % can be stated`,
            { expected: '(none)', actual: growth.value },
          ),
        );
        continue;
      }
      if (base.isNegative()) {
        out.push(
          warn(self, change, `${describe(change)} implies a negative last-year 「${indicator}」 (${base.toFixed(2)})`),
        );
        continue;
      }
      // Printed magnitude (not Decimal#toString, which drops the trailing zero the half-unit depends on).
      const magnitude = change.value.replace(/^-/, '');
      const formula = `${magnitude} / (${current.value} ${sign > 0 ? '−' : '+'} ${magnitude})`;
      out.push(...comparePercent(self, growth, growthRange(magnitude, current.value, sign), formula));
    }
    return out;
  },
);

const c13 = rule(
  'narrative.zero-budget-rate',
  'C13',
  '"完成年初预算的 X%" when 年初预算 = 0 is invalid wording',
  (ctx, r) => {
    const out: Finding[] = [];
    for (const rateFact of ctx.facts.filter((f) => f.name.endsWith(N.RATE))) {
      const stem = rateFact.name.slice(0, -N.RATE.length);
      const budget =
        factOf(ctx, stem + N.BUDGET_OPENING, rateFact.subject) ?? factOf(ctx, stem + N.BUDGET_ANNUAL, rateFact.subject);
      if (budget && new Decimal(budget.value).isZero()) {
        out.push(
          warn(r, rateFact, `${describe(rateFact)} of a zero budget (${describe(budget)})`, {
            expected: '(no rate)',
            actual: rateFact.value,
          }),
        );
      }
    }
    return out;
  },
);

const c14 = rule(
  'narrative.repeated-indicator',
  'C14',
  'the same indicator disclosed twice in the narrative must agree',
  (ctx, r) => {
    const out: Finding[] = [];
    const seen = new Map<string, Fact>();
    for (const f of ctx.facts.filter((x) => x.part === 3 && !x.name.endsWith(N.CHANGE) && !x.name.endsWith(N.GROWTH))) {
      const key = `${f.name}|${f.subject ?? ''}`;
      const first = seen.get(key);
      if (!first) seen.set(key, f);
      else if (!new Decimal(first.value).eq(f.value)) {
        out.push(
          warn(r, f, `${describe(f)} ≠ earlier ${first.value}${first.unit}`, {
            expected: first.value,
            actual: f.value,
          }),
        );
      }
    }
    return out;
  },
);

const c15 = rule('narrative.percent-sign', 'C15', 'every percent share written with %', (ctx, r) =>
  ctx.facts
    .filter((f) => /(占比|完成率|增减率)$/.test(f.name) && f.unit !== '%')
    .map((f) => warn(r, f, `${describe(f)} is a percentage printed without %`)),
);

const EMPTY_STATEMENT: Array<[TableId, RegExp]> = [
  ['07', /(?:无|没有)政府性基金预算财政拨款/],
  ['08', /(?:无|没有)国有资本经营预算财政拨款/],
  ['09', /(?:无|没有)财政拨款[“"]?三公[”"]?经费/],
];

const c16 = rule(
  'narrative.empty-table-statement',
  'C16',
  'empty T07/T08/T09 ⇒ a statement that the table is empty',
  (ctx, r) => {
    const out: Finding[] = [];
    const text = ctx.record.parts.map((p) => p.text).join('\n');
    for (const [id, statement] of EMPTY_STATEMENT) {
      const table = ctx.table(id);
      if (!table) {
        out.push(notEvaluated(r, `公开${id}表 is missing`, id));
        continue;
      }
      const empty = table.rows.every((row) => Object.values(row.values).every((v) => new Decimal(v).isZero()));
      if (!empty) continue;
      if (text.length === 0) out.push(notEvaluated(r, `公开${id}表 is empty and no part text is available`, id));
      else if (!statement.test(text))
        out.push(warn(r, undefined, `公开${id}表 is empty but no statement says so`, { table: id }));
    }
    return out;
  },
);

const c17 = rule(
  'narrative.staff-count',
  'C17',
  '第一部分: 年末实有人数 = 在职 + 离休 + 退休 (+ 其他, 学生, 养老保险基金发放的离退休人员 where stated)',
  (ctx, r) => {
    let staff = ctx.facts.filter((f) => f.part === 1);
    const part1 = ctx.record.parts.find((p) => p.part === 1);
    if (staff.length === 0 && part1) staff = extractStaffFacts(part1.text);
    const get = (name: string): Fact | undefined => staff.find((f) => f.name === name);
    const actual = get(N.STAFF.actual);
    const active = get(N.STAFF.active);
    const li = get(N.STAFF.retiredLi);
    const tui = get(N.STAFF.retiredTui);
    if (!actual || !active || (!li && !tui)) {
      return [notEvaluated(r, '第一部分 does not state 年末实有人数 with 在职/离休/退休')];
    }
    const parts = [active, li, tui, ...Object.values(STAFF_EXTRA).map(get)].filter((f): f is Fact => f !== undefined);
    const sum = parts.reduce((s, f) => s.plus(f.value), new Decimal(0));
    if (sum.eq(actual.value)) return [];
    return [
      warn(
        r,
        actual,
        `第一部分 年末实有人数 ${actual.value} ≠ ${parts.map((f) => `${f.name} ${f.value}`).join(' + ')} = ${sum.toString()}`,
        {
          expected: sum.toString(),
          actual: actual.value,
        },
      ),
    ];
  },
);

export const narrativeRules: Rule[] = [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17];

/** Run every narrative rule (convenience for the pipeline and tests). */
export function runNarrativeRules(ctx: CheckContext): Finding[] {
  return narrativeRules.flatMap((rl) => rl.run(ctx));
}
