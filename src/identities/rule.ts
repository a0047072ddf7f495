/**
 * An identity rule as data: a stable id (its finding code), its place in identities.md, the tables it
 * reads and how it instantiates on the rows a document has. A rule whose tables are not all present
 * is not evaluated (and says so); its ids and tables cannot drift apart, as both sit in one value.
 */
import type { TableId } from '../schema/record.js';
import type { CellValues } from '../cells/cell-grid.js';
import type { CellRef, Identity } from './identity.js';

/** An identity before its rule is stamped on it. */
export type IdentityDraft = Omit<Identity, 'rule' | 'ref'>;

export interface IdentityRule {
  id: string;
  /** Section and number in identities.md, e.g. "A6", "B10". */
  ref: string;
  tables: readonly TableId[];
  instantiate(values: CellValues): IdentityDraft[];
}

export function rule(
  id: string,
  ref: string,
  tables: readonly TableId[],
  instantiate: (values: CellValues) => IdentityDraft[],
): IdentityRule {
  return { id, ref, tables, instantiate };
}

/**
 * Whether a table can feed identities: present and with at least one row. A table read without any
 * row (a layout the reader could not key) says nothing about its cells: its rules are "not
 * evaluated", never evaluated on zeros.
 */
export function tableUsable(values: CellValues, t: TableId): boolean {
  return values.hasTable(t) && values.rowKeys(t).length > 0;
}

/**
 * Every identity of the rules whose tables are all present with rows, in rule order; the cells
 * `isCount` names (the template knows which rows are counts) are marked so that no unit conversion
 * touches them.
 */
export function instantiateRules(
  rules: readonly IdentityRule[],
  values: CellValues,
  isCount: (ref: CellRef) => boolean = () => false,
): Identity[] {
  const mark = (refs: CellRef[]) => refs.map((r) => (isCount(r) ? { ...r, count: true as const } : r));
  return rules
    .filter((r) => r.tables.every((t) => tableUsable(values, t)))
    .flatMap((r) =>
      r.instantiate(values).map((d) => ({ ...d, left: mark(d.left), right: mark(d.right), rule: r.id, ref: r.ref })),
    );
}

// Builders for rule definitions (templates' identity lists).

/** A 行次 cell. */
export const L = (table: TableId, line: number, col: number, sign?: 1 | -1): CellRef => ({
  table,
  row: `line:${line}`,
  col,
  ...(sign ? { sign } : {}),
});
/** A cell by row key. */
export const C = (table: TableId, row: string, col: number): CellRef => ({ table, row, col });
export const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

export function eq(left: CellRef[], right: CellRef[], text: string, at?: CellRef): IdentityDraft {
  return { kind: 'eq', left, right, text, at: at ?? left[0]! };
}
export function le(left: CellRef[], right: CellRef[], text: string): IdentityDraft {
  return { kind: 'le', left, right, text, at: left[0]! };
}

/** The 合计 row and every code row of a table. */
export const codeRows = (values: CellValues, t: TableId): string[] =>
  values.rowKeys(t).filter((k) => k === 'total' || k.startsWith('code:'));

/** A total column equals the sum of others, on every code row (02 A6, 03 A8, 05 A13, 08 A17). */
export function rowSums(table: TableId, totalCol: number, parts: number[]) {
  return (values: CellValues): IdentityDraft[] =>
    codeRows(values, table).map((row) =>
      eq(
        [C(table, row, totalCol)],
        parts.map((c) => C(table, row, c)),
        `${table} ${row}: 栏${totalCol} = Σ 栏${parts.join('+')}`,
      ),
    );
}

/** 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, per value column (A7); an orphan whose parent is not printed is skipped. */
export function hierarchy(table: TableId, cols: number[]) {
  return (values: CellValues): IdentityDraft[] => {
    const codes = values
      .rowKeys(table)
      .filter((k) => k.startsWith('code:'))
      .map((k) => k.slice(5));
    const out: IdentityDraft[] = [];
    const parentOf = (c: string): string | undefined =>
      c.length === 7 ? c.slice(0, 5) : c.length === 5 ? c.slice(0, 3) : c.length === 3 ? '' : undefined;
    const groups = new Map<string, string[]>();
    for (const c of codes) {
      const p = parentOf(c);
      if (p === undefined) continue;
      if (p !== '' && !codes.includes(p)) continue;
      groups.set(p, [...(groups.get(p) ?? []), c]);
    }
    for (const [parent, children] of groups) {
      if (parent === '' && !values.hasRow(table, 'total')) continue;
      const pk = parent === '' ? 'total' : `code:${parent}`;
      for (const col of cols) {
        out.push(
          eq(
            [C(table, pk, col)],
            children.map((c) => C(table, `code:${c}`, col)),
            `${table} ${parent === '' ? '合计' : parent} 栏${col} = Σ ${children.length} 个下级科目`,
          ),
        );
      }
    }
    return out;
  };
}
