/**
 * Every row an identity that fails (beyond the rounding envelope) runs through is a suspect — unless
 * the failing identities point to one row together (localize.ts): one of its cells may be wrong, or
 * a printed cell may not have been read. The identity's own finding names only the cell it is
 * reported at, so each other suspect row gets a warn naming it (once, with every failing rule
 * through it), unless a warn or error already names that row.
 */
import type { Finding } from '../schema/finding.js';
import type { TableId } from '../schema/record.js';
import type { CellValues } from '../cells/cell-grid.js';
import { evaluate, refsOf, type Identity } from '../identities/identity.js';
import { localize } from './localize.js';
import { finding } from '../findings/catalogue.js';

export function flagSuspectRows(store: CellValues, identities: Identity[], findings: Finding[]): Finding[] {
  const named = new Set(
    findings
      .filter((f) => (f.level === 'warn' || f.level === 'error') && f.table && f.row)
      .map((f) => `${f.table}|${f.row}`),
  );
  const failing = identities.filter((id) => evaluate(store, id).verdict === 'mismatch');
  const { suspects } = localize(store, failing);
  const rules = new Map<string, { table: TableId; row: string; cols: Set<number>; rules: Set<string> }>();
  for (const id of failing) {
    for (const ref of refsOf(id)) {
      const key = `${ref.table}|${ref.row}`;
      if (!suspects.has(key)) continue;
      // A row the identity needs but the table lacks is named too: it may have been printed.
      if (named.has(key) || !store.hasTable(ref.table)) continue;
      const entry = rules.get(key) ?? {
        table: ref.table,
        row: ref.row,
        cols: new Set<number>(),
        rules: new Set<string>(),
      };
      entry.cols.add(ref.col);
      entry.rules.add(`${id.rule} (${id.ref})`);
      rules.set(key, entry);
    }
  }
  return [...rules.values()].map((e) =>
    finding(
      'check.suspect-row',
      {
        table: e.table,
        row: e.row,
        cols: [...e.cols].sort((a, b) => a - b),
        rules: [...e.rules],
        found: store.hasRow(e.table, e.row),
      },
      { table: e.table, row: e.row, ...(e.cols.size === 1 ? { column: String([...e.cols][0]) } : {}) },
    ),
  );
}
