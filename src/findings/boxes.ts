/**
 * Findings about a cell carry the cell's box (output contract, "Provenance"): the box the record
 * holds for that row and column, so a reader (or the review page) finds the cell on the page without
 * looking the row up. A finding about a row (no column) gets the row label's box. A cell that was
 * not read (empty) has no box, and neither has its finding.
 */
import type { Finding } from '../schema/finding.js';
import type { Box, Table } from '../schema/record.js';

export function attachBoxes(tables: readonly Table[], findings: readonly Finding[]): Finding[] {
  const rows = new Map<string, Partial<Record<string, Box>>>();
  for (const t of tables) for (const r of t.rows) if (r.boxes) rows.set(`${t.id}|${r.key}`, r.boxes);
  return findings.map((f) => {
    if (f.box || !f.table || !f.row) return f;
    const boxes = rows.get(`${f.table}|${f.row}`);
    const box = boxes?.[f.column ?? 'label'];
    return box ? withBox(f, box) : f;
  });
}

/** The finding with `box` after its place fields, so log lines read table, row, column, page, box. */
function withBox(f: Finding, box: Box): Finding {
  const { message, ...rest } = f;
  const out: Finding = { ...rest, box, message };
  // Keep the remaining fields in their usual order after the message.
  for (const k of ['expected', 'actual', 'confidence', 'evaluated'] as const) {
    if (k in out) {
      const v = out[k];
      delete out[k];
      (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
