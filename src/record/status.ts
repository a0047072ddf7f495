/**
 * Whether a document's record is complete: `ok`, or `partial` with a one-line reason. A record is
 * partial when a 公开表 is missing, when any stage raised an error (an identity failing by more than
 * ten rounding envelopes included: the record then holds a wrong or missing number, or the report
 * does not add up), or when the department or year could not be read.
 */
import type { Finding } from '../schema/finding.js';
import type { TableId } from '../schema/record.js';
import { tableIds, type Template } from '../../parsers/template.js';
import { finding } from '../findings/catalogue.js';

/** The department recorded when none could be read (the contract needs one; the record is then partial). */
export const UNKNOWN_DEPARTMENT = '（未识别）';

export interface StatusInput {
  template: Template;
  present: ReadonlySet<string>;
  findings: readonly Finding[];
  department: string;
  year: number | null;
}

/** The tables the template prints that the report lacks. */
export function missingTables(template: Template, present: ReadonlySet<string>): TableId[] {
  return tableIds(template).filter((id) => !present.has(id));
}

/**
 * The log lines that say which tables were not found, and why when none was: one for the document,
 * and one naming each missing table (so every cell of it is flagged where it belongs).
 */
export function missingTablesFindings(
  template: Template,
  present: ReadonlySet<string>,
  hasTablePart: boolean,
): Finding[] {
  const missing = missingTables(template, present);
  if (missing.length === 0) return [];
  const perTable = missing.map((id) => finding('table.missing', { table: id }, { table: id }));
  const none = present.size === 0;
  const summary = finding('segment.table-missing', { missing, none, hasTablePart }, none ? { level: 'error' } : {});
  return [summary, ...perTable];
}

export function documentStatus(s: StatusInput): { status: 'ok' | 'partial'; reason?: string } {
  const missing = missingTables(s.template, s.present);
  const errors = s.findings.filter((f) => f.level === 'error');
  const partial = missing.length > 0 || errors.length > 0 || !s.department || s.year === null;
  if (!partial) return { status: 'ok' };
  const reason =
    s.present.size === 0
      ? 'no tables extracted'
      : missing.length
        ? `公开${missing.join('/')}表 missing`
        : !s.department
          ? 'department not found'
          : s.year === null
            ? 'fiscal year not found'
            : errors.some((f) => f.stage !== 'check')
              ? 'extraction errors (see log)'
              : `failing checks: ${[...new Set(errors.map((f) => f.check))].join(', ')}`;
  return { status: 'partial', reason };
}
