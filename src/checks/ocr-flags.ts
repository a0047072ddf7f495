import type { Finding } from '../schema/finding.js';
import type { TableId } from '../schema/record.js';
import { cellKey, evaluate, type CellRef, type Identity } from '../identities/identity.js';
import type { CellEdit, CellGrid } from '../cells/cell-grid.js';
import { cellIndex } from './repair.js';
import { finding } from '../findings/catalogue.js';

/**
 * After the repairs: make every remaining doubt about an OCR'd number visible, so no wrong cell is
 * silent (issue 4 item 4).
 *   - `ocr.unconfirmed`: an OCR'd number that no identity confirms (it is in none, or every identity
 *     through it fails) gets confidence below 0.5 and a warn naming its cell.
 *   - `ocr.cell-unread`: an identity that still fails and whose short side has empty cells in an
 *     OCR'd table — a number may have been printed there and not read. Each such cell is named, as
 *     the identity's own finding names only the cell it is reported at.
 */
export const UNCONFIRMED_CONFIDENCE = 0.4;

export function flagOcrDoubts(grid: CellGrid, identities: Identity[]): { edits: CellEdit[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const edits: CellEdit[] = [];
  const x = { store: grid, identities };
  const ocrTables = new Set<TableId>();
  for (const e of grid.entries()) if (e.cell.origin === 'ocr') ocrTables.add(e.table);
  if (!ocrTables.size) return { edits, findings };
  const index = cellIndex(x.identities);
  const verdict = new Map(x.identities.map((id) => [id, evaluate(x.store, id)] as const));

  for (const { table, row: gridRow, col: c, cell } of grid.entries()) {
    if (cell.origin !== 'ocr') continue;
    const row = gridRow.key;
    const col = String(c);
    const ids = index.get(`${table}|${row}|${col}`) ?? [];
    if (ids.some((id) => verdict.get(id)!.verdict !== 'mismatch')) continue;
    const conf = Math.min(cell.conf, UNCONFIRMED_CONFIDENCE);
    edits.push({ kind: 'confidence', table, row, col: c, conf });
    const value = cell.text;
    findings.push(
      finding(
        'ocr.unconfirmed',
        { table, row, col, value, failing: [...new Set(ids.map((i) => i.rule))] },
        { table, row, column: col, actual: value, confidence: conf },
      ),
    );
  }

  const named = new Set<string>();
  for (const id of x.identities) {
    const ev = verdict.get(id)!;
    if (ev.verdict !== 'mismatch') continue;
    // The side whose sum is short is where an unread number would be: left < right → left.
    const short: CellRef[] = ev.diff.isNegative() ? id.left : id.kind === 'eq' ? id.right : [];
    for (const r of short) {
      if (r.sign === -1 || !ocrTables.has(r.table) || x.store.get(r.table, r.row, r.col) !== undefined) continue;
      const k = cellKey(r);
      if (named.has(k)) continue;
      named.add(k);
      findings.push(
        finding(
          'ocr.cell-unread',
          { table: r.table, row: r.row, col: r.col, identity: id.text, short: ev.diff.abs().toFixed() },
          { table: r.table, row: r.row, column: String(r.col), expected: '数字或空白', actual: '' },
        ),
      );
    }
  }
  return { edits, findings };
}
