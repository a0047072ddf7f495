import { Decimal } from '../decimal.js';
import type { Fact, Row, Table, TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import type { CheckContext, Rule } from './rule.js';
import { judge } from '../identities/tolerance.js';
import { judgePercent, type Range } from './percent.js';
import { finding } from '../findings/catalogue.js';

/** Shared plumbing of the narrative ↔ table rules: fact look-up, cell access, finding shapes. */

type RuleHead = Pick<Rule, 'id' | 'ref'>;

export function factOf(ctx: CheckContext, name: string, subject?: string): Fact | undefined {
  return ctx.facts.find((f) => f.name === name && (subject === undefined || f.subject === subject));
}

/** One side of a comparison in a table: where it is and what it says (empty cell reads "0"). */
export interface Cell {
  table: TableId;
  row: string;
  column: string;
  label: string;
  value: string;
  /** The cell is empty (or a dash) in the table: `value` is then "0". */
  blank?: boolean;
  /** The table's money unit. */
  unit?: string;
}

export function cellOf(table: Table | undefined, rowKey: string, column: string): Cell | undefined {
  if (!table) return undefined;
  const row = table.rows.find((r) => r.key === rowKey);
  if (!row) return undefined;
  return fromRow(table, row, column);
}

export function fromRow(table: Table, row: Row, column: string): Cell {
  const printed = row.values[column];
  return {
    table: table.id,
    row: row.key,
    column,
    label: row.label,
    value: printed ?? '0',
    ...(printed === undefined ? { blank: true } : {}),
    unit: table.unit,
  };
}

/** A table read without any row (a layout the reader could not key): its cells are unknown, not 0. */
export function hasRows(table: Table | undefined): table is Table {
  return table !== undefined && table.rows.length > 0;
}

/** Column number by header words (templates differ in order), else the layout's default. */
export function columnOf(table: Table, words: string, fallback: number): string {
  const hit = table.columns.find((c) => c.name.replace(/\s+/g, '').includes(words));
  return String(hit?.no ?? fallback);
}

/** Label of a 类 row without numbering, "（类）" or spaces: "一、一般公共服务支出" → "一般公共服务支出". */
export function bareLabel(label: string): string {
  return label
    .replace(/\s+/g, '')
    .replace(/^[一二三四五六七八九十]+、/, '')
    .replace(/^\d+/, '')
    .replace(/[（(]类[）)]$/, '');
}

export function notEvaluated(rule: RuleHead, why: string, table?: TableId): Finding {
  const f: Finding = {
    level: 'info',
    stage: 'check',
    check: rule.id,
    message: `${rule.ref} 未核对：${why}`,
    evaluated: false,
  };
  if (table) f.table = table;
  return f;
}

function located(f: Finding, fact: Fact | undefined, cell: Cell | undefined): Finding {
  if (cell) {
    f.table = cell.table;
    f.row = cell.row;
    f.column = cell.column;
  }
  if (fact?.page != null) f.page = fact.page;
  return f;
}

export const describe = (fact: Fact): string =>
  `第${fact.part === 1 ? '一' : '三'}部分「${fact.name}${fact.subject ? `（${fact.subject}）` : ''}」${fact.value}${fact.unit}`;
export const describeCell = (c: Cell): string =>
  `公开${c.table}表 ${c.row}「${c.label}」栏${c.column} ${c.blank ? '空白' : c.value}`;

/** The sentence a fact was read from, short enough for one line of a report: "（原文：「…」）". */
export function quote(fact: Fact | undefined, max = 80): string {
  const s = fact?.sentence.replace(/\s+/g, '') ?? '';
  if (!s) return '';
  return `（原文：「${s.length > max ? `${s.slice(0, max)}…` : s}」）`;
}

/** Money units by their size in 元. */
const MONEY_UNITS: Record<string, number> = { 元: 0, 千元: 3, 万元: 4, 亿元: 8 };
const UNIT_OF_EXPONENT = Object.fromEntries(Object.entries(MONEY_UNITS).map(([u, e]) => [e, u])) as Record<
  number,
  string
>;

/** `value` printed in `from` expressed in `to` (both money units), or unchanged when either is not one. */
export function convertMoney(value: Decimal, from: string, to: string): Decimal {
  const a = MONEY_UNITS[from];
  const b = MONEY_UNITS[to];
  if (a === undefined || b === undefined || a === b) return value;
  return value.times(new Decimal(10).pow(a - b));
}

/**
 * A narrative figure a power of 10⁴ or 10⁸ away from its table value once the rounding of its printed
 * digits is allowed for ("财政拨款收入支出总计 0.3 万元" against 2,961.68 万元 is 0.3 亿元): the unit is
 * written wrong, which is a different finding from a wrong amount. Returns the exponent k with
 * fact × 10^k ≈ table, or null.
 */
export function magnitudeSlip(fact: string, factInTableUnit: Decimal, table: Decimal, scale: Decimal): number | null {
  if (factInTableUnit.isZero() || table.isZero()) return null;
  for (const k of [4, -4, 8, -8]) {
    const f = new Decimal(10).pow(k);
    const scaled = factInTableUnit.times(f);
    const slack = halfUnit(fact).times(scale).times(f).plus('0.005');
    if (scaled.minus(table).abs().lte(slack)) return k;
  }
  return null;
}

function halfUnit(printed: string): Decimal {
  const dot = printed.indexOf('.');
  const places = dot < 0 ? 0 : printed.length - dot - 1;
  return new Decimal(5).times(new Decimal(10).pow(-(places + 1)));
}

/**
 * A narrative amount against a table cell (or a sum of `terms` printed values): exact → nothing,
 * inside the rounding envelope → info, beyond → warn naming both sides and the sentence. A figure in
 * another money unit than the table (元 against 万元) is converted first; one that matches only after
 * a shift by 10⁴ or 10⁸ is reported as a unit slip (`audit.unit-magnitude`), not as a match.
 */
export function compareAmount(
  rule: RuleHead,
  fact: Fact,
  other: { value: string; text: string; cell?: Cell; terms?: number; unit?: string },
): Finding[] {
  const otherUnit = other.unit ?? other.cell?.unit ?? fact.unit;
  const scale = convertMoney(new Decimal(1), fact.unit, otherUnit);
  const mine = convertMoney(new Decimal(fact.value), fact.unit, otherUnit);
  const theirs = new Decimal(other.value);
  const converted = !scale.eq(1);
  const shown = `${fact.value}${fact.unit}${converted ? `（合 ${mine.toString()}${otherUnit}）` : ''}`;
  const verdict = judge(mine, theirs, other.terms ?? 0);
  if (verdict === 'exact') return [];
  if (verdict === 'mismatch') {
    const k = magnitudeSlip(fact.value, mine, theirs, scale);
    if (k !== null) {
      const meant = UNIT_OF_EXPONENT[(MONEY_UNITS[fact.unit] ?? 4) + k];
      return [
        located(
          finding(
            'audit.unit-magnitude',
            {
              ref: rule.ref,
              fact: describe(fact),
              other: other.text,
              factor: `10^${Math.abs(k)}`,
              meant: meant ? `${fact.value}${meant}` : undefined,
              quote: quote(fact),
            },
            { expected: other.value, actual: fact.value, evaluated: true },
          ),
          fact,
          other.cell,
        ),
      ];
    }
  }
  const level = verdict === 'rounding' ? 'info' : 'warn';
  const what = verdict === 'rounding' ? '与下列数值只差舍入误差：' : '≠';
  const blank = other.cell?.blank && !mine.isZero() ? '（表中该栏空白，而第三部分写明了数额）' : '';
  return [
    located(
      {
        level,
        stage: 'check',
        check: rule.id,
        message: `${rule.ref} ${describe(fact).replace(`${fact.value}${fact.unit}`, shown)} ${what} ${other.text}${blank}${quote(fact)}`,
        expected: other.value,
        actual: fact.value,
        evaluated: true,
      },
      fact,
      other.cell,
    ),
  ];
}

/** A printed percent fact against the ratio range of its operands. */
export function comparePercent(
  rule: RuleHead,
  fact: Fact,
  range: Range | null,
  operands: string,
  cell?: Cell,
): Finding[] {
  if (!range) return [];
  const verdict = judgePercent(fact.value, range);
  if (verdict === 'exact') return [];
  const computed = range.exact.toDecimalPlaces(2).toFixed(2);
  const level = verdict === 'rounding' ? 'info' : 'warn';
  const how =
    verdict === 'rounding'
      ? `在 ${operands} = ${computed}% 的舍入误差内`
      : `≠ ${operands} = ${computed}%（可接受 ${range.lo.toFixed(2)}–${range.hi.toFixed(2)}% ± 0.05 个百分点）`;
  return [
    located(
      {
        level,
        stage: 'check',
        check: rule.id,
        message: `${rule.ref} ${describe(fact)} ${how}${quote(fact)}`,
        expected: computed,
        actual: fact.value,
        evaluated: true,
      },
      fact,
      cell,
    ),
  ];
}

export function warn(rule: RuleHead, fact: Fact | undefined, message: string, extra: Partial<Finding> = {}): Finding {
  return located(
    { level: 'warn', stage: 'check', check: rule.id, message: `${rule.ref} ${message}`, evaluated: true, ...extra },
    fact,
    undefined,
  );
}

export function info(rule: RuleHead, fact: Fact | undefined, message: string): Finding {
  return located(
    { level: 'info', stage: 'check', check: rule.id, message: `${rule.ref} ${message}`, evaluated: true },
    fact,
    undefined,
  );
}
