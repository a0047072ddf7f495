import type { TableId } from '../src/schema/record.js';
import { instantiateRules, type IdentityRule } from '../src/identities/rule.js';
import type { CellRef, Identity } from '../src/identities/identity.js';
import type { CellValues } from '../src/cells/cell-grid.js';
import type { TableSpec } from './spec.js';

/**
 * A 部门决算 template as data: the tables it prints, the identities that hold between them, and how
 * its rows are keyed. The readers, the checks and the record's completeness all take it from here.
 */
export type TemplateName = 'jiangxi-10' | 'national-9' | 'shanghai-9';

export interface Template {
  name: TemplateName;
  description: string;
  /** The tables it prints, by contract id (a table is identified by its title, not its position). */
  tables: readonly TableSpec[];
  identities: readonly IdentityRule[];
  /**
   * `printed`: 01/04/09/10 rows carry their 行次; `by-label`: none is printed, so each row is keyed by
   * the canonical 行次 of its label (logged as inferred).
   */
  lineNumbers: 'printed' | 'by-label';
  /** Whether each table prints a 公开NN表 label beside its title. */
  tableLabels: boolean;
}

export function tableIds(t: Template): TableId[] {
  return t.tables.map((s) => s.id);
}

/** The template's identities, without those that read a table it does not print. */
export function identitiesFor(rules: readonly IdentityRule[], tables: readonly TableSpec[]): IdentityRule[] {
  const ids = new Set(tables.map((t) => t.id));
  return rules.filter((r) => r.tables.every((t) => ids.has(t)));
}

/** The template's identities instantiated on the rows a document has, its count cells marked. */
export function instantiate(template: Template, values: CellValues): Identity[] {
  const isCount = (r: CellRef): boolean => {
    const counts = template.tables.find((t) => t.id === r.table)?.counts;
    if (counts === 'all') return true;
    const m = /^line:(\d+)$/.exec(r.row);
    return m !== null && counts !== undefined && counts.includes(Number(m[1]));
  };
  return instantiateRules(template.identities, values, isCount);
}
