/**
 * Template 行次 a table came out without. Where the template prints its 行次 (01/04 both sides, 09,
 * 10), every line is a row of the report, blank or not, and blank rows are read as rows; so a read
 * that lacks one lost it (a band OCR merged into its neighbour, a row keyed under another 行次).
 * Whatever the lost rows printed is missing with no cell to flag, and the rows around them may have
 * taken each other's places: the finding names the table, so none of its blanks is trusted silently.
 * A template that prints no 行次 (rows keyed by label) may leave lines out, and is not judged.
 */
import type { Finding } from '../schema/finding.js';
import type { Table } from '../schema/record.js';
import type { Template } from '../../parsers/template.js';
import { finding } from '../findings/catalogue.js';

export function absentTemplateRows(tables: Table[], template: Template): Finding[] {
  if (template.lineNumbers !== 'printed') return [];
  const out: Finding[] = [];
  for (const t of tables) {
    const spec = template.tables.find((s) => s.id === t.id);
    if (!spec || t.rows.length === 0) continue;
    const ranges =
      spec.layout === 'lines' ? [spec.lines] : spec.layout === 'two-sided' ? [spec.income, spec.expenditure] : [];
    const keys = new Set(t.rows.map((r) => r.key));
    const lines: number[] = [];
    let of = 0;
    for (const range of ranges) {
      if (!range) continue;
      for (let line = range.first; line <= range.last; line++, of++) if (!keys.has(`line:${line}`)) lines.push(line);
    }
    if (lines.length) out.push(finding('table.rows-missing', { table: t.id, lines, of }, { table: t.id }));
  }
  return out;
}
