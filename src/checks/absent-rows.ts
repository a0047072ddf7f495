/**
 * Rows a table came out without, though the report printed them. A lost row leaves no cell to flag,
 * and its identities may read 0 = 0; so the table is named, and none of its blanks is trusted
 * silently:
 * - 行次-keyed tables (01/04 both sides, 09, 10) of a template that prints its 行次: every line is a
 *   row, blank or not, and blank rows are read as rows, so a read that lacks a line lost it (a band
 *   OCR merged into its neighbour, a row keyed under another 行次). A template that prints no 行次
 *   (rows keyed by label) may leave lines out, and is not judged.
 * - code-keyed tables (02/03/05/07/08): the classification always goes down to 项, so a 类 or 款
 *   printing amounts with no code below it lost its children (seen on a 150 dpi desk scan).
 */
import type { Finding } from '../schema/finding.js';
import type { Table } from '../schema/record.js';
import type { Template } from '../../parsers/template.js';
import type { TableSpec } from '../../parsers/spec.js';
import { finding } from '../findings/catalogue.js';

export function absentTemplateRows(tables: Table[], template: Template): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const spec = template.tables.find((s) => s.id === t.id);
    if (!spec || t.rows.length === 0) continue;
    if (spec.layout === 'code') out.push(...childlessParents(t));
    else if (template.lineNumbers === 'printed') out.push(...absentLines(t, spec));
  }
  return out;
}

function absentLines(t: Table, spec: TableSpec): Finding[] {
  const ranges =
    spec.layout === 'lines' ? [spec.lines] : spec.layout === 'two-sided' ? [spec.income, spec.expenditure] : [];
  const keys = new Set(t.rows.map((r) => r.key));
  const lines: number[] = [];
  let of = 0;
  for (const range of ranges) {
    if (!range) continue;
    for (let line = range.first; line <= range.last; line++, of++) if (!keys.has(`line:${line}`)) lines.push(line);
  }
  return lines.length ? [finding('table.rows-missing', { table: t.id, lines, of }, { table: t.id })] : [];
}

function childlessParents(t: Table): Finding[] {
  const codes = t.rows.map((r) => r.code).filter((c): c is string => c !== undefined);
  return t.rows
    .filter(
      (r) =>
        r.code !== undefined &&
        (r.code.length === 3 || r.code.length === 5) &&
        Object.keys(r.values).length > 0 &&
        !codes.some((c) => c.length === r.code!.length + 2 && c.startsWith(r.code!)),
    )
    .map((r) => finding('table.children-missing', { table: t.id, code: r.code!, label: r.label }, { table: t.id }));
}
