/**
 * Corrections applied to an extracted record, after extraction and outside the readers: each
 * reviewer's value goes into its cell (found by table, row key and column — never by position),
 * the cell's confidence becomes 1 with a `review.corrected` finding (old and new value) that
 * supersedes what was said about the cell before, and every check that depends only on the record
 * (identities, negative amounts, suspect rows, narrative rules) is run again on the corrected
 * tables, so the log, the confidence summary and the status describe the corrected record. A
 * correction whose table, row or column the record lacks is kept in the log as
 * `review.correction-unmatched`, never dropped. Same record + same corrections → same output.
 */
import type { Finding } from '../schema/finding.js';
import type { DocumentRecord, TableId } from '../schema/record.js';
import type { Correction } from './schema.js';
import { finding } from '../findings/catalogue.js';
import { attachBoxes } from '../findings/boxes.js';
import { setRowConfidence } from '../cells/to-tables.js';
import { RECORD_CHECK_CODES, recordChecks } from '../checks/record-checks.js';
import { summarizeConfidence } from '../confidence.js';
import { documentStatus, UNKNOWN_DEPARTMENT } from '../record/status.js';
import { templateNamed } from '../../parsers/templates.js';

export interface CorrectedDocument {
  record: DocumentRecord;
  findings: Finding[];
  status: 'ok' | 'partial';
  reason?: string;
  /** Corrections that changed or confirmed a cell in this run (already applied ones not counted). */
  applied: number;
  /** Corrections already in the record (a `review.corrected` for the same cell and value). */
  already: number;
  /** Corrections whose table, row or column the record lacks (each has a finding). */
  unmatched: number;
}

/** Findings the record alone determines: run again after a correction, replacing the old ones. */
const cellKey = (table: string, row: string, column: string): string => `${table}|${row}|${column}`;

/**
 * Apply the corrections for this record's document (those whose sha256 is the record's; others are
 * ignored here — the caller reports corrections for documents it has not seen). Returns the record
 * and findings unchanged (same objects) when no correction applies anew.
 */
export function applyCorrections(
  record: DocumentRecord,
  findings: readonly Finding[],
  corrections: readonly Correction[],
): CorrectedDocument {
  const mine = corrections.filter((c) => c.sha256 === record.source.sha256);
  const base = { status: statusOf(record, findings), applied: 0, already: 0, unmatched: 0 };
  if (!mine.length) return { record, findings: [...findings], ...base.status, ...counts(base) };

  // One decision per cell: the last one given; a cell given different values is logged.
  const byCell = new Map<string, Correction[]>();
  for (const c of mine) {
    const k = cellKey(c.table, c.row, c.column);
    byCell.set(k, [...(byCell.get(k) ?? []), c]);
  }

  const out: DocumentRecord = structuredClone(record);
  const reviewFindings: Finding[] = [];
  const superseded = new Set<string>();
  let applied = 0;
  let already = 0;
  let unmatched = 0;
  const done = new Set(
    findings
      .filter((f) => f.check === 'review.corrected')
      .map((f) => `${cellKey(f.table!, f.row!, f.column!)}=${f.expected}`),
  );

  for (const [k, list] of byCell) {
    const c = list[list.length - 1]!;
    const place = { table: c.table as TableId, row: c.row, column: c.column };
    const values = [...new Set(list.map((x) => x.value))];
    if (values.length > 1) {
      reviewFindings.push(
        finding(
          'review.correction-conflict',
          { table: c.table, row: c.row, col: c.column, values, kept: c.value },
          { ...place, expected: c.value },
        ),
      );
    }
    const table = out.tables.find((t) => t.id === c.table);
    const row = table?.rows.find((r) => r.key === c.row);
    const columnExists =
      !!table && (table.columns.some((col) => String(col.no) === c.column) || !!row?.values[c.column]);
    const why = !table ? 'table' : !row ? 'row' : !columnExists ? 'column' : null;
    if (why || !row) {
      unmatched++;
      reviewFindings.push(
        finding(
          'review.correction-unmatched',
          { table: c.table, row: c.row, col: c.column, value: c.value, why: why ?? 'row' },
          { ...place, expected: c.value },
        ),
      );
      continue;
    }
    const was = row.values[c.column] ?? null;
    if (was === c.value && done.has(`${k}=${c.value}`)) {
      already++;
      continue;
    }
    applied++;
    superseded.add(k);
    const confs: Record<string, number> = {};
    for (const col of Object.keys(row.values)) confs[col] = row.cellConfidence?.[col] ?? row.confidence ?? 1;
    row.values = sortedColumns({ ...row.values, [c.column]: c.value });
    confs[c.column] = 1;
    setRowConfidence(row, sortedColumns(confs));
    const codes = [
      ...new Set(
        findings
          .filter(
            (f) => f.table && cellKey(f.table, f.row ?? '', f.column ?? '') === k && !RECORD_CHECK_CODES.has(f.check),
          )
          .map((f) => f.check),
      ),
    ];
    reviewFindings.push(
      finding(
        'review.corrected',
        {
          table: c.table,
          row: c.row,
          col: c.column,
          was,
          value: c.value,
          ...(c.by ? { by: c.by } : {}),
          ...(c.at ? { at: c.at } : {}),
          superseded: codes,
        },
        { ...place, ...(was !== null ? { actual: was } : {}), expected: c.value, confidence: 1 },
      ),
    );
  }

  if (applied === 0) {
    // Nothing new: the record stands; only unmatched/conflicting corrections are added (once).
    const merged = dedupe([...findings, ...reviewFindings]);
    const s = statusOf(record, merged);
    return { record, findings: attachBoxes(record.tables, merged), ...s, applied, already, unmatched };
  }

  const kept = findings.filter((f) => !(f.table && superseded.has(cellKey(f.table, f.row ?? '', f.column ?? ''))));
  const r = reevaluate(out, [...kept, ...reviewFindings]);
  return {
    record: r.record,
    findings: r.findings,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    applied,
    already,
    unmatched,
  };
}

/**
 * A record whose values changed after extraction (a correction; a test's deliberate misreading),
 * checked again: the findings the record alone determines are replaced by a fresh run of those
 * checks, the others kept in order; the confidence summary, status and finding boxes follow.
 */
export function reevaluate(
  record: DocumentRecord,
  findings: readonly Finding[],
): { record: DocumentRecord; findings: Finding[]; status: 'ok' | 'partial'; reason?: string } {
  const kept = findings.filter((f) => !RECORD_CHECK_CODES.has(f.check));
  const reviews = kept.filter((f) => f.stage === 'review');
  const others = kept.filter((f) => f.stage !== 'review');
  const all = dedupe([...others, ...recordChecks(record, others), ...reviews]);
  const out = { ...record, confidence: summarizeConfidence(record, all) };
  return { record: out, findings: attachBoxes(out.tables, all), ...statusOf(out, all) };
}

function statusOf(record: DocumentRecord, findings: readonly Finding[]): { status: 'ok' | 'partial'; reason?: string } {
  const department = record.document.department === UNKNOWN_DEPARTMENT ? '' : record.document.department;
  return documentStatus({
    template: templateNamed(record.template),
    present: new Set(record.tables.map((t) => t.id)),
    findings,
    department,
    year: record.document.year,
  });
}

function counts(c: { applied: number; already: number; unmatched: number }) {
  return { applied: c.applied, already: c.already, unmatched: c.unmatched };
}

function sortedColumns<V>(o: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(o).sort((a, b) => Number(a[0]) - Number(b[0])));
}

/** Review findings repeated by applying the same corrections again (export after extract) appear once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.stage !== 'review') return true;
    const k = JSON.stringify({ ...f, box: undefined });
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
