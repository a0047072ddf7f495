/**
 * In an OCR'd table, a cell empty where its column is printed on almost every other row, in a report
 * that writes its zeros out ("0.00", "0"): a glyph OCR did not read, which no sum can miss when it
 * was a zero. Template dashes are not gaps; a column printed on few rows sets no pattern; a report
 * that leaves zeros blank sets none either (its blanks are its zeros). A text layer is read exactly,
 * so its blanks are the report's own.
 */
import type { Finding } from '../schema/finding.js';
import type { Table } from '../schema/record.js';
import { specOf } from '../../parsers/tables.js';
import { finding } from '../findings/catalogue.js';

/** Share of eligible rows that must print a column for its gaps to be flagged. */
export const PATTERN_SHARE = 0.8;
/** Fewest rows printing the column before it makes a pattern. */
const MIN_PRINTED = 4;

export function missingPrintedCells(tables: Table[], ocrTables: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    if (!ocrTables.has(t.id)) continue;
    const spec = specOf(t.id);
    const lineOf = (key: string) => (key.startsWith('line:') ? Number(key.slice(5)) : undefined);
    for (const { no } of t.columns) {
      const col = String(no);
      const eligible = t.rows.filter((r) => {
        const line = lineOf(r.key);
        const dashes = line !== undefined ? spec.dashes?.[line] : undefined;
        const range = r.side === 'income' ? spec.income : r.side === 'expenditure' ? spec.expenditure : spec.lines;
        return !dashes?.includes(no) && (range === undefined || range.columns.includes(no));
      });
      const printed = eligible.filter((r) => r.values[col] !== undefined);
      if (printed.length < MIN_PRINTED || printed.length < PATTERN_SHARE * eligible.length) continue;
      if (!printed.some((r) => /^-?0+(?:\.0+)?$/.test(r.values[col]!))) continue;
      for (const r of eligible) {
        if (r.values[col] !== undefined) continue;
        out.push(
          finding(
            'table.cell-missing',
            { table: t.id, row: r.key, col, printed: printed.length, eligible: eligible.length },
            { table: t.id, row: r.key, column: col },
          ),
        );
      }
    }
  }
  return out;
}
