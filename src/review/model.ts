/**
 * What the review site shows of one document, computed from its record and log alone: every read
 * cell with its box and confidence, which cells are flagged (a `warn`/`error` finding names them,
 * or their confidence is below 0.5 — the contract's "nothing wrong or missing is silent"), the
 * findings with the element each one points at, and the pages worth rendering.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../schema/finding.js';
import { DocumentRecord, type Box } from '../schema/record.js';
import type { ManifestEntry } from '../batch/manifest.js';
import { outputFile } from '../batch/names.js';
import { readLog } from '../export/rows.js';
import { attachBoxes } from '../findings/boxes.js';

export interface ReviewCell {
  /** `table|row|column`, or `table|row|label` for a row label. */
  key: string;
  table: string;
  row: string;
  column: string;
  label: string;
  columnName: string;
  value: string | null;
  confidence: number;
  box?: Box;
  flagged: boolean;
}

export interface ReviewFinding extends Finding {
  /** Key of the cell (or row label) it points at, when the record has one. */
  target?: string;
}

export interface ReviewDocument {
  entry: ManifestEntry;
  record: DocumentRecord | null;
  /** Record that could not be read, or did not match the schema. */
  problem?: string;
  cells: ReviewCell[];
  findings: ReviewFinding[];
  flagged: number;
  counts: { info: number; warn: number; error: number };
  /** Pages holding a read cell, and those holding a flagged one. */
  pages: number[];
  flaggedPages: number[];
}

export const LOW_CONFIDENCE = 0.5;

export const cellKey = (table: string, row: string, column: string): string => `${table}|${row}|${column}`;

export function loadReviewDocument(dir: string, entry: ManifestEntry): ReviewDocument {
  let record: DocumentRecord | null = null;
  let problem: string | undefined;
  const file = outputFile(dir, entry.output, '.json');
  if (entry.record && existsSync(file)) {
    try {
      const parsed = DocumentRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) record = parsed.data;
      else problem = `record does not match the schema: ${parsed.error.issues[0]?.message ?? ''}`;
    } catch (err) {
      problem = `record unreadable: ${(err as Error).message}`;
    }
  }
  const log = readLog(dir, entry.output, (_d, p) => (problem ??= p));
  // Logs written before findings carried boxes get them from the record.
  const findings: ReviewFinding[] = record ? attachBoxes(record.tables, log) : log;
  const counts = { info: 0, warn: 0, error: 0 };
  for (const f of findings) counts[f.level]++;

  const cells: ReviewCell[] = [];
  const flaggedKeys = new Set(
    findings
      .filter((f) => f.level !== 'info' && f.table && f.row && f.column)
      .map((f) => cellKey(f.table!, f.row!, f.column!)),
  );
  if (record) {
    for (const t of record.tables) {
      const names = new Map(t.columns.map((c) => [String(c.no), c.name]));
      for (const r of t.rows) {
        if (r.boxes?.label)
          cells.push({
            key: cellKey(t.id, r.key, 'label'),
            table: t.id,
            row: r.key,
            column: 'label',
            label: r.label,
            columnName: '',
            value: null,
            confidence: 1,
            box: r.boxes.label,
            flagged: false,
          });
        for (const [col, value] of Object.entries(r.values)) {
          const confidence = r.cellConfidence?.[col] ?? r.confidence ?? 1;
          const key = cellKey(t.id, r.key, col);
          const box = r.boxes?.[col];
          cells.push({
            key,
            table: t.id,
            row: r.key,
            column: col,
            label: r.label,
            columnName: names.get(col) ?? '',
            value,
            confidence,
            ...(box ? { box } : {}),
            flagged: flaggedKeys.has(key) || confidence < LOW_CONFIDENCE,
          });
        }
      }
    }
  }
  const byKey = new Map(cells.map((c) => [c.key, c]));
  for (const f of findings) {
    if (!f.table || !f.row) continue;
    const k = f.column ? cellKey(f.table, f.row, f.column) : cellKey(f.table, f.row, 'label');
    if (byKey.get(k)?.box) f.target = k;
    else {
      // An unread cell, or a row-level finding: point at the row's label, else any read cell of it.
      const row = cells.find((c) => c.table === f.table && c.row === f.row && c.box);
      if (row) f.target = row.key;
    }
  }
  const pdf = record?.source.format === 'pdf';
  const pageOf = (b: Box | undefined): number | undefined => (pdf && b && b.length === 5 ? b[0] : undefined);
  const pages = new Set<number>();
  const flaggedPages = new Set<number>();
  for (const c of cells) {
    const p = pageOf(c.box);
    if (p === undefined) continue;
    pages.add(p);
    if (c.flagged) flaggedPages.add(p);
  }
  for (const f of findings) {
    const p = pageOf(f.box);
    if (p !== undefined && f.level !== 'info') flaggedPages.add(p);
  }
  for (const p of flaggedPages) pages.add(p);
  const sort = (s: Set<number>) => [...s].filter((p) => p > 0).sort((a, b) => a - b);
  return {
    entry,
    record,
    ...(problem ? { problem } : {}),
    cells,
    findings,
    flagged: cells.filter((c) => c.flagged).length,
    counts,
    pages: sort(pages),
    flaggedPages: sort(flaggedPages),
  };
}

const STATUS_RANK = { failed: 0, partial: 1, ok: 2 } as const;

/** Worst first: failed, then partial, then ok; then more errors, warnings, flagged cells; lower confidence. */
export function worstFirst(a: ReviewDocument, b: ReviewDocument): number {
  return (
    STATUS_RANK[a.entry.outcome] - STATUS_RANK[b.entry.outcome] ||
    b.counts.error - a.counts.error ||
    b.counts.warn - a.counts.warn ||
    b.flagged - a.flagged ||
    (a.record?.confidence.document ?? 0) - (b.record?.confidence.document ?? 0) ||
    (a.entry.output < b.entry.output ? -1 : a.entry.output > b.entry.output ? 1 : 0)
  );
}
