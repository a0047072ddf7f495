/**
 * Whether a document's record is complete: `ok`, or `partial` with a one-line reason. A record is
 * partial when a 公开表 is missing, when any stage raised an error (an identity failing by more than
 * ten rounding envelopes included: the record then holds a wrong or missing number, or the report
 * does not add up), or when the department or year could not be read.
 */
import type { Finding } from '../schema/finding.js';
import { TABLE_IDS, type TableId } from '../schema/record.js';

export interface StatusInput {
  present: ReadonlySet<string>;
  findings: readonly Finding[];
  department: string;
  year: number | null;
}

export function missingTables(present: ReadonlySet<string>): TableId[] {
  return TABLE_IDS.filter((id) => !present.has(id));
}

/**
 * The log lines that say which tables were not found, and why when none was: one for the document,
 * and one naming each missing table (so every cell of it is flagged where it belongs).
 */
export function missingTablesFindings(present: ReadonlySet<string>, hasTablePart: boolean): Finding[] {
  const missing = missingTables(present);
  if (missing.length === 0) return [];
  const perTable = missing.map((id): Finding => ({
    level: 'warn',
    stage: 'segment',
    check: 'table.missing',
    table: id,
    message: `公开${id}表 not found in the report`,
  }));
  return [summary(missing, present, hasTablePart), ...perTable];
}

function summary(missing: TableId[], present: ReadonlySet<string>, hasTablePart: boolean): Finding {
  return {
    level: present.size === 0 ? 'error' : 'warn',
    stage: 'segment',
    check: 'segment.table-missing',
    message:
      present.size === 0
        ? `no 公开表 found: ${hasTablePart ? '第二部分 has no table text (tables may be images; OCR needed)' : 'no 第二部分 in the body and no table titles'}`
        : `公开${missing.join('/')}表 not found in the report`,
  };
}

export function documentStatus(s: StatusInput): { status: 'ok' | 'partial'; reason?: string } {
  const missing = missingTables(s.present);
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
