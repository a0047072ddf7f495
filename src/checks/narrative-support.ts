import { Decimal } from '../decimal.js';
import type { Fact, Row, Table, TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import type { CheckContext, Rule } from './rule.js';
import { judge } from '../identities/tolerance.js';
import { judgePercent, type Range } from './percent.js';

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
}

export function cellOf(table: Table | undefined, rowKey: string, column: string): Cell | undefined {
  if (!table) return undefined;
  const row = table.rows.find((r) => r.key === rowKey);
  if (!row) return undefined;
  return fromRow(table, row, column);
}

export function fromRow(table: Table, row: Row, column: string): Cell {
  return { table: table.id, row: row.key, column, label: row.label, value: row.values[column] ?? '0' };
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
  `第三部分「${fact.name}${fact.subject ? `（${fact.subject}）` : ''}」${fact.value}${fact.unit}`;
export const describeCell = (c: Cell): string => `公开${c.table}表 ${c.row}「${c.label}」栏${c.column} ${c.value}`;

/**
 * A narrative amount against a table cell (or a sum of `terms` printed values): exact → nothing,
 * inside the rounding envelope → info, beyond → warn naming both sides.
 */
export function compareAmount(
  rule: RuleHead,
  fact: Fact,
  other: { value: string; text: string; cell?: Cell; terms?: number },
): Finding[] {
  const verdict = judge(new Decimal(fact.value), new Decimal(other.value), other.terms ?? 0);
  if (verdict === 'exact') return [];
  const level = verdict === 'rounding' ? 'info' : 'warn';
  const what = verdict === 'rounding' ? '与下列数值只差舍入误差：' : '≠';
  return [
    located(
      {
        level,
        stage: 'check',
        check: rule.id,
        message: `${rule.ref} ${describe(fact)} ${what} ${other.text}`,
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
        message: `${rule.ref} ${describe(fact)} ${how}`,
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
