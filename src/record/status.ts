/**
 * Whether a document's record is complete: `ok`, or `partial` with a one-line reason. A record is
 * partial when a 公开表 is missing, when a stage before the checks raised an error, or when the
 * department or year could not be read.
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

/** The log line that says which tables were not found, and why when none was. */
export function missingTablesFinding(present: ReadonlySet<string>, hasTablePart: boolean): Finding | undefined {
  const missing = missingTables(present);
  if (missing.length === 0) return undefined;
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
  const partial =
    missing.length > 0 ||
    s.findings.some((f) => f.level === 'error' && f.stage !== 'check') ||
    !s.department ||
    s.year === null;
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
            : 'extraction errors (see log)';
  return { status: 'partial', reason };
}
