import { Decimal } from '../decimal.js';
import type { Fact, Table, TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import * as N from '../narrative/names.js';
import { extractStaffFacts, STAFF_EXTRA } from '../narrative/staff.js';
import { defineRule as rule, type CheckContext, type Rule } from './rule.js';
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
  hasRows,
  info,
  quote,
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
  const absent = tableAbsent(rule, table, id);
  if (absent) return [absent];
  const out: Finding[] = [];
  const missing: string[] = [];
  for (const [name, row, column] of list) {
    const fact = factOf(ctx, name);
    const cell = cellOf(table, row, column);
    if (!fact || !cell) {
      missing.push(fact ? `公开${id}表无 ${row}` : `「${name}」未写明`);
      continue;
    }
    out.push(...compareAmount(rule, fact, { value: cell.value, text: describeCell(cell), cell }));
  }
  if (missing.length > 0 && missing.length === list.length) {
    out.push(notEvaluated(rule, `无可核对项：${missing.join('、')}`, id));
  } else if (missing.length > 0) {
    out.push(notEvaluated(rule, `部分未核对：${missing.join('、')}`, id));
  }
  return out;
}

/** "Not evaluated" when a table is missing or was read without rows (its cells are unknown, not 0). */
function tableAbsent(rule: Rule, table: Table | undefined, id: TableId): Finding | undefined {
  if (!table) return notEvaluated(rule, `缺少公开${id}表`, id);
  if (!hasRows(table)) return notEvaluated(rule, `公开${id}表没有读出任何行`, id);
  return undefined;
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
  if (total === undefined) return [notEvaluated(rule, `占比没有基数（${baseFact}）`)];
  const baseText = base ? describeCell(base) : `「${baseFact}」${total}`;
  for (const item of items) {
    const share = factOf(ctx, item + N.SHARE);
    const amount = factOf(ctx, item);
    if (!share || !amount) continue;
    out.push(...comparePercent(rule, share, ratioRange(amount.value, total), `${amount.value} / ${baseText}`));
  }
  return out;
}

/**
 * Which budget a rate "完成…预算的 r%" is of, as its sentence says: 年初预算 (opening), 全年预算
 * (annual), or unsaid ("完成预算的 r%").
 */
export function rateBasis(r: Fact): 'opening' | 'annual' | undefined {
  const v = r.value.replace(/[.]/g, '\\.');
  const m = new RegExp(`完成(年初|全年)?预算数?的?${v}`).exec(r.sentence.replace(/\s+/g, ''));
  return m?.[1] === '年初' ? 'opening' : m?.[1] === '全年' ? 'annual' : undefined;
}

/** The budget a rate is of: the one its sentence names, else 全年 before 年初. */
function budgetOf(ctx: CheckContext, r: Fact, stem: string): Fact | undefined {
  const opening = factOf(ctx, stem + N.BUDGET_OPENING, r.subject);
  const annual = factOf(ctx, stem + N.BUDGET_ANNUAL, r.subject);
  const basis = rateBasis(r);
  return basis === 'opening' ? opening : basis === 'annual' ? annual : (annual ?? opening);
}

/** A rate "完成…预算的 r%" against final / budget of the same indicator (budget 0 is C13's). */
function rate(rule: Rule, ctx: CheckContext, name: string, subject?: string): Finding[] {
  const r = factOf(ctx, name + N.RATE, subject);
  const f = factOf(ctx, name + N.FINAL, subject);
  const b = r && budgetOf(ctx, r, name);
  if (!r || !b || !f || new Decimal(b.value).isZero()) return [];
  const which = b.name.endsWith(N.BUDGET_OPENING) ? '年初预算数' : '全年预算数';
  return comparePercent(rule, r, ratioRange(f.value, b.value), `决算数 ${f.value} / ${which} ${b.value}`);
}

const c1 = rule(
  'narrative.income-total',
  'C1',
  '一、收入总计/年初结转和结余/使用非财政拨款结余/本年收入合计 = T01 L31/L29/L28/L27（上海及全国模板的“收入支出总计” = L31）',
  (ctx, r) => {
    const list: Pair[] = [
      [N.INCOME.total, 'line:31', '1'],
      [N.INCOME.opening, 'line:29', '1'],
      [N.INCOME.nonFiscalReserve, 'line:28', '1'],
      [N.INCOME.current, 'line:27', '1'],
    ];
    // Shanghai and the national template state 收入支出总计 (= 收入总计 = 支出总计) instead.
    if (factOf(ctx, N.OVERVIEW_TOTAL) && !factOf(ctx, N.INCOME.total)) list[0] = [N.OVERVIEW_TOTAL, 'line:31', '1'];
    return pairs(r, ctx, '01', list);
  },
);

const c2 = rule('narrative.income-sources', 'C2', '一、本年收入构成 = T02 合计 c2…c7; 占比 = a / T01.L27', (ctx, r) => {
  const t02 = ctx.table('02');
  const out: Finding[] = [];
  if (!t02) out.push(notEvaluated(r, '缺少公开02表', '02'));
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
    if (!t03) out.push(notEvaluated(r, '缺少公开03表', '03'));
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
  '三、财政拨款本年支出决算数 = T04.L59.c2（一般公共预算财政拨款支出 = L59.c3；财政拨款收入支出总计 = L32）; 完成率 = 决算/所称预算',
  (ctx, r) => {
    const list: Pair[] = [];
    if (factOf(ctx, N.FISCAL_OVERVIEW_TOTAL)) list.push([N.FISCAL_OVERVIEW_TOTAL, 'line:32', '1']);
    if (factOf(ctx, N.FISCAL + N.FINAL) || !factOf(ctx, N.GENERAL + N.FINAL)) {
      list.push([N.FISCAL + N.FINAL, 'line:59', '2']);
    }
    if (factOf(ctx, N.GENERAL + N.FINAL)) list.push([N.GENERAL + N.FINAL, 'line:59', '3']);
    return [...pairs(r, ctx, '04', list), ...rate(r, ctx, N.FISCAL), ...rate(r, ctx, N.GENERAL)];
  },
);

/** The T05 row a "类/款/项" path names: each level's label under the one before. */
function rowOfPath(t05: Table, path: string): Table['rows'][number] | undefined {
  const names = path.split('/').map(bareLabel);
  let candidates = t05.rows.filter((x) => x.code?.length === 3 && bareLabel(x.label) === names[0]);
  for (let level = 1; level < names.length; level++) {
    const len = level === 1 ? 5 : 7;
    const parents = candidates.map((p) => p.code ?? '');
    candidates = t05.rows.filter(
      (x) =>
        x.code?.length === len && parents.some((p) => x.code!.startsWith(p)) && bareLabel(x.label) === names[level],
    );
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

const c6 = rule(
  'narrative.fiscal-by-class',
  'C6',
  '三、per 类: 决算数 = T04 类 row c2（一般公共预算：类 / 款 / 项 = T05 该行 c1）; Σ = 总决算数; 完成率 = 决算/所称预算',
  (ctx, r) => {
    const classes = ctx.facts.filter((f) => f.name === N.FISCAL_CLASS + N.FINAL);
    const generalClasses = ctx.facts.filter((f) => f.name === N.GENERAL_CLASS + N.FINAL);
    const items = ctx.facts.filter((f) => f.name === N.GENERAL_ITEM + N.FINAL);
    if (classes.length + generalClasses.length + items.length === 0) {
      return [notEvaluated(r, '第三部分没有写明分类的财政拨款支出')];
    }
    const out: Finding[] = [];
    const sum = (facts: Fact[], total: Fact | undefined): void => {
      if (!total || facts.length === 0) return;
      const s = facts.reduce((acc, f) => acc.plus(f.value), new Decimal(0));
      out.push(
        ...compareAmount(r, total, {
          value: s.toFixed(2),
          text: `各项决算数之和（${facts.map((f) => f.value).join(' + ')}）`,
          terms: facts.length,
          unit: total.unit,
        }),
      );
    };
    if (classes.length > 0) {
      const t04 = ctx.table('04');
      const absent = tableAbsent(r, t04, '04');
      if (absent) out.push(absent);
      for (const f of classes) {
        const cls = f.subject ?? '';
        out.push(...rate(r, ctx, N.FISCAL_CLASS, cls));
        if (absent || !t04) continue;
        const row = t04.rows.find(
          (x) => x.side !== 'income' && bareLabel(x.label) === bareLabel(cls) && x.key.startsWith('line:'),
        );
        if (!row) {
          out.push(notEvaluated(r, `公开04表没有「${cls}」类这一行`, '04'));
          continue;
        }
        const cell = fromRow(t04, row, '2');
        out.push(...compareAmount(r, f, { value: cell.value, text: describeCell(cell), cell }));
      }
      sum(classes, factOf(ctx, N.FISCAL + N.FINAL));
    }
    if (generalClasses.length + items.length > 0) {
      const t05 = ctx.table('05');
      const absent = tableAbsent(r, t05, '05');
      if (absent) out.push(absent);
      for (const f of [...generalClasses, ...items]) {
        const stem = f.name.slice(0, -N.FINAL.length);
        out.push(...rate(r, ctx, stem, f.subject));
        if (absent || !t05) continue;
        const row = rowOfPath(t05, f.subject ?? '');
        if (!row) {
          out.push(notEvaluated(r, `公开05表没有「${f.subject}」这一行`, '05'));
          continue;
        }
        const cell = fromRow(t05, row, columnOf(t05, '合计', 1));
        out.push(...compareAmount(r, f, { value: cell.value, text: describeCell(cell), cell }));
      }
      const general = factOf(ctx, N.GENERAL + N.FINAL);
      sum(generalClasses, general);
      // Items add up to the total only when they are every 项 the table spends on.
      const spent = t05?.rows.filter((x) => x.code?.length === 7 && !new Decimal(x.values['1'] ?? 0).isZero());
      const covered = new Set(items.map((f) => (t05 ? rowOfPath(t05, f.subject ?? '')?.key : undefined)));
      if (spent && spent.length > 0 && spent.every((x) => covered.has(x.key))) sum(items, general);
      const base = general?.value ?? cellOf(t05, 'total', '1')?.value;
      for (const f of generalClasses) {
        const share = factOf(ctx, N.GENERAL_CLASS + N.SHARE, f.subject);
        if (share && base) {
          out.push(
            ...comparePercent(r, share, ratioRange(f.value, base), `${f.value} / 一般公共预算财政拨款支出 ${base}`),
          );
        }
      }
    }
    return out;
  },
);

const c7 = rule(
  'narrative.basic-by-economic-class',
  'C7',
  '四、基本支出 = T05 合计 c2 = T06 人员+公用; classes = T06 301/302/303/310; 人员经费/公用经费 = T06 合计行',
  (ctx, r) => {
    const out: Finding[] = [];
    const basic = factOf(ctx, N.BASIC);
    const t05 = ctx.table('05');
    const t06 = ctx.table('06');
    if (!basic) return [notEvaluated(r, `第三部分没有写明「${N.BASIC}」`)];
    if (!t05) out.push(notEvaluated(r, '缺少公开05表', '05'));
    else out.push(...pairs(r, ctx, '05', [[N.BASIC, 'total', columnOf(t05, '基本支出', 2)]]));
    const absent = tableAbsent(r, t06, '06');
    if (absent || !t06) return [...out, ...(absent ? [absent] : [])];
    const staff = cellOf(t06, 'total:人员经费', '1');
    const pub = cellOf(t06, 'total:公用经费', '1');
    if (staff && pub) {
      const sum = new Decimal(staff.value).plus(pub.value);
      out.push(
        ...compareAmount(r, basic, {
          value: sum.toFixed(2),
          text: `公开06表 人员经费合计 ${staff.value} + 公用经费合计 ${pub.value}`,
          terms: 2,
          unit: t06.unit,
        }),
      );
    }
    const list: Pair[] = N.BASIC_CLASSES.map(([name, code]): Pair => [name, `code:${code}`, '1']);
    if (factOf(ctx, N.PERSONNEL)) list.push([N.PERSONNEL, 'total:人员经费', '1']);
    if (factOf(ctx, N.PUBLIC_USE)) list.push([N.PUBLIC_USE, 'total:公用经费', '1']);
    out.push(...pairs(r, ctx, '06', list));
    return out;
  },
);

/** Rows 1–6 of 09 (the amounts): a budget column all blank says nothing was printed there. */
const SANGONG_LINES = N.SANGONG.map(([, line]) => `line:${line}`);

/**
 * The 09 column holding the 全年预算数 the narrative states: 栏2 in the national layout; Shanghai prints
 * one 预算数 column (mapped to 栏1), so a table whose columns name no 全年预算 but a 预算数 uses that.
 */
export function sangongBudgetColumn(t09: Table): string {
  const annual = t09.columns.find((c) => c.name.includes('全年预算'));
  if (annual) return String(annual.no);
  const any = t09.columns.find((c) => c.name.includes('预算'));
  return any ? String(any.no) : '2';
}

function blankColumn(t09: Table, columns: string[]): boolean {
  return SANGONG_LINES.every((key) => {
    const row = t09.rows.find((x) => x.key === key);
    return !row || columns.every((c) => row.values[c] === undefined);
  });
}

const c8 = rule(
  'narrative.sangong',
  'C8',
  '五、三公 全年预算/决算/完成率 and counts = T09 L1…L6 c2/c3, L11…L17 c3',
  (ctx, r) => {
    const t09 = ctx.table('09');
    const absent = tableAbsent(r, t09, '09');
    if (absent || !t09) return absent ? [absent] : [];
    const out: Finding[] = [];
    const list: Pair[] = [];
    const budgetCol = sangongBudgetColumn(t09);
    // A whole column left blank while the narrative states its amounts is one finding, not one per row.
    const blanks: Array<[suffix: string, columns: string[], what: string]> = [
      [N.BUDGET_ANNUAL, [budgetCol], '预算数'],
      [N.FINAL, ['3'], '决算数'],
    ];
    const collapsed = new Set<string>();
    for (const [suffix, columns, what] of blanks) {
      const stated = N.SANGONG.map(([name]) => factOf(ctx, name + suffix)).filter(
        (f): f is Fact => f !== undefined && !new Decimal(f.value).isZero(),
      );
      if (stated.length === 0 || !blankColumn(t09, columns)) continue;
      collapsed.add(suffix);
      const first = stated[0]!;
      out.push(
        warn(
          r,
          first,
          `公开09表「${what}」栏（行次 1–6）全部空白，而第三部分写明 ${stated.map((f) => `「${f.name}」${f.value}${f.unit}`).join('、')}${quote(first)}`,
          {
            table: '09',
            row: 'line:1',
            column: suffix === N.FINAL ? '3' : budgetCol,
            expected: first.value,
            actual: '（空白）',
          },
        ),
      );
    }
    for (const [name, line] of N.SANGONG) {
      if (!collapsed.has(N.BUDGET_ANNUAL) && factOf(ctx, name + N.BUDGET_ANNUAL)) {
        list.push([name + N.BUDGET_ANNUAL, `line:${line}`, budgetCol]);
      }
      if (!collapsed.has(N.FINAL) && factOf(ctx, name + N.FINAL)) list.push([name + N.FINAL, `line:${line}`, '3']);
      out.push(...rate(r, ctx, name));
    }
    for (const [name, line] of N.SANGONG_COUNTS) if (factOf(ctx, name)) list.push([name, `line:${line}`, '3']);
    if (list.length === 0 && out.length === 0) return [notEvaluated(r, '第三部分没有写明三公经费数额')];
    if (list.length > 0) out.push(...pairs(r, ctx, '09', list));
    return out;
  },
);

const c9 = rule(
  'narrative.operating-costs',
  'C9',
  '六、机关运行经费 = T06 公用经费合计 (administrative and 参公 units)',
  (ctx, r) => {
    const fact = factOf(ctx, N.OPERATING);
    if (!fact) return [notEvaluated(r, `第三部分没有写明「${N.OPERATING}」`)];
    const out = pairs(r, ctx, '06', [[N.OPERATING, 'total:公用经费', '1']]);
    // The identity is defined for 行政 and 参公 units; a 事业单位 reports its 机关运行经费 as 0.
    const publicInstitution = /事业单位/.test(fact.sentence) && !/参照|参公/.test(fact.sentence);
    if (publicInstitution && out.some((f) => f.level === 'warn')) {
      return [notEvaluated(r, `本单位自称事业单位，${describe(fact)} 不必等于公用经费`, '06')];
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
    if (!total) return [notEvaluated(r, `第三部分没有写明「${P.total}」`)];
    const out: Finding[] = [];
    if (goods && works && services) {
      const sum = new Decimal(goods.value).plus(works.value).plus(services.value);
      out.push(
        ...compareAmount(r, total, {
          value: sum.toFixed(2),
          text: `货物 ${goods.value} + 工程 ${works.value} + 服务 ${services.value}`,
          terms: 3,
          unit: total.unit,
        }),
      );
    }
    const le = (part: Fact | undefined, whole: Fact | undefined): void => {
      if (part && whole && new Decimal(part.value).gt(whole.value)) {
        out.push(
          warn(r, part, `${describe(part)} 大于 ${describe(whole)}${quote(part)}`, {
            expected: `≤ ${whole.value}`,
            actual: part.value,
          }),
        );
      }
    };
    le(sme, total);
    le(micro, sme);
    const share = (part: Fact | undefined, whole: Fact | undefined): void => {
      const s = part && factOf(ctx, part.name + N.SHARE);
      if (!s || !part || !whole) return;
      if (new Decimal(whole.value).isZero()) {
        if (!new Decimal(s.value).isZero()) {
          out.push(warn(r, s, `${describe(s)}，而基数 ${describe(whole)} 为 0${quote(s)}`));
        }
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
  if (stated.length === 0) return [notEvaluated(r, '第三部分没有写明车辆数')];
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
        warn(r, total, `${describe(total)} ≠ 各类用车之和 ${sum.toString()}${quote(total)}`, {
          expected: sum.toString(),
          actual: total.value,
        }),
      );
  }
  return out;
});

const SIGN: Record<string, 1 | -1> = { 增加: 1, 增长: 1, 减少: -1, 下降: -1 };

/** Where C1/C3/C5/C9 find an indicator in the tables (for C12: a current value known wrong). */
const TABLE_OF: Record<string, [TableId, string, string]> = {
  [N.INCOME.total]: ['01', 'line:31', '1'],
  [N.OVERVIEW_TOTAL]: ['01', 'line:31', '1'],
  [N.INCOME.opening]: ['01', 'line:29', '1'],
  [N.INCOME.current]: ['01', 'line:27', '1'],
  [N.EXPENDITURE.total]: ['01', 'line:62', '2'],
  [N.EXPENDITURE.current]: ['01', 'line:58', '2'],
  [N.EXPENDITURE.closing]: ['01', 'line:60', '2'],
  [N.FISCAL_OVERVIEW_TOTAL]: ['04', 'line:32', '1'],
  [N.FISCAL + N.FINAL]: ['04', 'line:59', '2'],
  [N.GENERAL + N.FINAL]: ['04', 'line:59', '3'],
  [N.OPERATING]: ['06', 'total:公用经费', '1'],
};

/** Whether a stated figure disagrees with its table cell beyond rounding (its other checks then wait). */
function contradicted(ctx: CheckContext, fact: Fact): boolean {
  const at = TABLE_OF[fact.name];
  const table = at && ctx.table(at[0]);
  const cell = at && hasRows(table) ? cellOf(table, at[1], at[2]) : undefined;
  if (!cell) return false;
  return compareAmount({ id: '', ref: '' }, fact, { value: cell.value, text: '', cell }).some(
    (f) => f.level !== 'info',
  );
}

const c12 = rule(
  'narrative.year-on-year',
  'C12',
  '比上年增加/减少 Δ，增长/下降 g%: g = Δ/(current − Δ), base 0 ⇒ no %, sign matches 增/减, reason given',
  (ctx, self) => {
    const out: Finding[] = [];
    const changes = ctx.facts.filter((f) => f.name.endsWith(N.CHANGE) && f.subject !== '持平');
    if (changes.length === 0) return [notEvaluated(self, '第三部分没有写明与上年的增减')];
    for (const change of changes) {
      const indicator = change.name.slice(0, -N.CHANGE.length);
      const current = factOf(ctx, indicator);
      // A change and its rate come from the same window, hence share the sentence.
      const growth = ctx.facts.find((f) => f.name === indicator + N.GROWTH && f.sentence === change.sentence);
      const sign = SIGN[change.subject ?? ''] ?? 1;
      const delta = new Decimal(change.value);
      if (delta.isNegative()) {
        out.push(
          warn(self, change, `${describe(change)}：「${change.subject}」后面跟负数，增减方向含糊${quote(change)}`, {
            actual: change.value,
          }),
        );
      }
      if (growth && SIGN[growth.subject ?? ''] !== undefined && SIGN[growth.subject ?? ''] !== sign) {
        out.push(
          warn(
            self,
            growth,
            `${describe(growth)}：「${growth.subject}」与前面的「${change.subject} ${change.value}」方向相反${quote(growth)}`,
            { expected: change.subject === '增加' ? '增长' : '下降', actual: growth.subject ?? '' },
          ),
        );
        // One wrong word is one finding: the rate is not recomputed on a direction the text contradicts.
        continue;
      }
      if (!delta.isZero() && !/原因/.test(change.sentence)) {
        out.push(info(self, change, `${describe(change)} 没有说明主要原因${quote(change)}`));
      }
      if (!current || !growth) continue;
      // A current value that disagrees with its table is reported there; a growth computed on it would
      // report the same mistake again.
      if (contradicted(ctx, current)) continue;
      const base = new Decimal(current.value).minus(delta.abs().times(sign));
      if (base.isZero()) {
        out.push(
          warn(
            self,
            growth,
            `${describe(growth)}，但上年「${indicator}」为 ${current.value} − ${change.value} = 0：基数为 0 时不能写增减百分比${quote(growth)}`,
            { expected: '（不应写百分比）', actual: growth.value },
          ),
        );
        continue;
      }
      if (base.isNegative()) {
        out.push(
          warn(
            self,
            change,
            `${describe(change)} 意味着上年「${indicator}」为负数（${base.toFixed(2)}）${quote(change)}`,
          ),
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
  '"完成年初预算的 X%" when 年初预算 = 0 is invalid wording (and likewise for the 全年预算 a rate names)',
  (ctx, r) => {
    const out: Finding[] = [];
    for (const rateFact of ctx.facts.filter((f) => f.name.endsWith(N.RATE))) {
      const stem = rateFact.name.slice(0, -N.RATE.length);
      const budget = budgetOf(ctx, rateFact, stem);
      if (!budget || !new Decimal(budget.value).isZero()) continue;
      const which = budget.name.endsWith(N.BUDGET_OPENING) ? '年初预算' : '全年预算';
      // "年初预算为 0 … 全年预算为 321.02 … 完成年初预算的 95.89%": the rate is of the other budget.
      const other = factOf(ctx, stem + (which === '年初预算' ? N.BUDGET_ANNUAL : N.BUDGET_OPENING), rateFact.subject);
      const final = factOf(ctx, stem + N.FINAL, rateFact.subject);
      const hint =
        other && final && !new Decimal(other.value).isZero()
          ? `；${final.value} / ${other.value} = ${new Decimal(final.value).div(other.value).times(100).toFixed(2)}%，像是按${which === '年初预算' ? '全年预算' : '年初预算'}算的`
          : '';
      out.push(
        warn(
          r,
          rateFact,
          `${describe(rateFact)}：${which}为 0（${describe(budget)}），不能写“完成${which}的 ${rateFact.value}%”${hint}${quote(rateFact)}`,
          { expected: '（不应写完成率）', actual: rateFact.value },
        ),
      );
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
          warn(r, f, `${describe(f)} ≠ 前文的 ${first.value}${first.unit}${quote(f)}`, {
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
    .map((f) => warn(r, f, `${describe(f)} 是百分比，却没有写 %${quote(f)}`)),
);

/** Statements that a table is empty, on text with whitespace removed (a report wraps them anywhere). */
const EMPTY_STATEMENT: Array<[TableId, RegExp]> = [
  ['07', /(?:无|没有)[^。；]{0,12}?政府性基金预算(?:财政)?拨款/],
  ['08', /(?:无|没有)[^。；]{0,12}?国有资本经营预算(?:财政)?拨款/],
  // "无财政拨款“三公”经费", "没有财政拨款“三公”经费支出", Shanghai's "无“三公”经费财政拨款支出".
  ['09', /(?:无|没有)[^。；]{0,12}?[“"]?三公[”"]?经费/],
];

const c16 = rule(
  'narrative.empty-table-statement',
  'C16',
  'empty T07/T08/T09 ⇒ a statement that the table is empty',
  (ctx, r) => {
    const out: Finding[] = [];
    const text = ctx.record.parts.map((p) => p.text.replace(/\s+/g, '')).join('\n');
    for (const [id, statement] of EMPTY_STATEMENT) {
      const table = ctx.table(id);
      if (!table) {
        out.push(notEvaluated(r, `缺少公开${id}表`, id));
        continue;
      }
      const says = text.length > 0 && statement.test(text);
      if (!hasRows(table)) {
        if (!says) out.push(notEvaluated(r, `公开${id}表没有读出任何行`, id));
        continue;
      }
      const empty = table.rows.every((row) => Object.values(row.values).every((v) => new Decimal(v).isZero()));
      if (!empty || says) continue;
      if (text.length === 0) out.push(notEvaluated(r, `公开${id}表为空，而没有各部分的文字可查`, id));
      else out.push(warn(r, undefined, `公开${id}表为空，但报告没有说明本单位无此项收支`, { table: id }));
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
      return [notEvaluated(r, '第一部分没有写明年末实有人数及在职/离休/退休人数')];
    }
    const parts = [active, li, tui, ...Object.values(STAFF_EXTRA).map(get)].filter((f): f is Fact => f !== undefined);
    const sum = parts.reduce((s, f) => s.plus(f.value), new Decimal(0));
    if (sum.eq(actual.value)) return [];
    return [
      warn(
        r,
        actual,
        `第一部分 年末实有人数 ${actual.value} ≠ ${parts.map((f) => `${f.name} ${f.value}`).join(' + ')} = ${sum.toString()}${quote(actual)}`,
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
