import type { Finding } from '../schema/finding.js';
import type { TableId } from '../schema/record.js';
import { evaluate, type CellRef } from '../identities/identity.js';
import { cellIndex, type RepairInput } from './repair.js';
import { editCell } from './cell-edit.js';

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

export function flagOcrDoubts(x: RepairInput): Finding[] {
  const findings: Finding[] = [];
  const ocrTables = new Set<string>();
  for (const [k, e] of x.evidence) if (e.origin === 'ocr') ocrTables.add(k.split('|')[0]!);
  if (!ocrTables.size) return findings;
  const index = cellIndex(x.identities);
  const verdict = new Map(x.identities.map((id) => [id, evaluate(x.store, id)] as const));
  const confOf = (k: string) => x.evidence.get(k)?.conf;

  for (const [k, e] of x.evidence) {
    if (e.origin !== 'ocr') continue;
    const [table, row, col] = k.split('|') as [TableId, string, string];
    if (x.store.get(table, row, Number(col)) === undefined) continue;
    const ids = index.get(k) ?? [];
    if (ids.some((id) => verdict.get(id)!.verdict !== 'mismatch')) continue;
    e.conf = Math.min(e.conf, UNCONFIRMED_CONFIDENCE);
    const value = x.tables.find((t) => t.id === table)?.rows.find((r) => r.key === row)?.values[col];
    editCell(x.tables, table, row, Number(col), value, confOf);
    findings.push({
      level: 'warn',
      stage: 'ocr',
      check: 'ocr.unconfirmed',
      table,
      row,
      column: col,
      message: ids.length
        ? `公开${table}表 ${row} 栏${col}: OCR read "${value}", and every identity through it fails (${[...new Set(ids.map((i) => i.rule))].join(', ')}); unconfirmed`
        : `公开${table}表 ${row} 栏${col}: OCR read "${value}", and no identity checks this cell; unconfirmed`,
      ...(value !== undefined ? { actual: value } : {}),
      confidence: e.conf,
    });
  }

  const named = new Set<string>();
  for (const id of x.identities) {
    const ev = verdict.get(id)!;
    if (ev.verdict !== 'mismatch') continue;
    // The side whose sum is short is where an unread number would be: left < right → left.
    const short: CellRef[] = ev.diff.isNegative() ? id.left : id.kind === 'eq' ? id.right : [];
    for (const r of short) {
      if (r.sign === -1 || !ocrTables.has(r.table) || x.store.get(r.table, r.row, r.col) !== undefined) continue;
      const k = `${r.table}|${r.row}|${r.col}`;
      if (named.has(k)) continue;
      named.add(k);
      findings.push({
        level: 'warn',
        stage: 'ocr',
        check: 'ocr.cell-unread',
        table: r.table,
        row: r.row,
        column: String(r.col),
        message: `公开${r.table}表 ${r.row} 栏${r.col}: empty in the OCR'd table while ${id.text} falls short by ${ev.diff.abs().toFixed()}; a printed number may not have been read`,
        expected: 'a number or an empty cell',
        actual: '',
      });
    }
  }
  return findings;
}
