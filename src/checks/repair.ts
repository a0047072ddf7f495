import type { Finding } from '../schema/finding.js';
import type { TableId } from '../schema/record.js';
import { Decimal } from '../decimal.js';
import type { CellEdit, CellGrid, CellValues } from '../cells/cell-grid.js';
import { evaluate, refsOf, type CellRef, type Identity } from '../identities/identity.js';
import { candidateReadings } from './ocr-candidates.js';
import { finding } from '../findings/catalogue.js';

/**
 * Arithmetic repair of OCR'd numbers (issue 4 item 4). For every identity that fails beyond its
 * rounding envelope, each OCR cell in it proposes alternatives: other readings of its text
 * (ocr-candidates.ts), the value the identity implies when it is the only doubtful cell there, and
 * a move to an empty column of its row (a number read into the neighbouring column). A proposal
 * survives when every identity through the cell (both columns, for a move) then holds. The repair
 * is applied only when exactly one proposal survives for the whole identity — two cells that could
 * each close the gap, or two readings of one cell, leave it alone — and is always logged as a warn
 * with the original reading. Repairs run to a fixed point: one repair can make the next one unique.
 */
/** A repaired cell is confirmed by arithmetic, yet it is not what was read: below plain OCR. */
export const REPAIRED_CONFIDENCE = 0.7;

interface Proposal {
  ref: CellRef;
  value: Decimal;
  text: string;
  /** Target column for a move; the cell's own column otherwise. */
  col: number;
  kind: 'reading' | 'implied' | 'column';
  /** Every identity through the cell holds exactly (not only within rounding). */
  exact: boolean;
}

const keyOf = (t: TableId, row: string, col: number): string => `${t}|${row}|${col}`;

export function cellIndex(identities: Identity[]): Map<string, Identity[]> {
  const index = new Map<string, Identity[]>();
  for (const id of identities) {
    for (const r of new Set(refsOf(id).map((r) => keyOf(r.table, r.row, r.col))))
      index.set(r, [...(index.get(r) ?? []), id]);
  }
  return index;
}

/**
 * Works on a copy of the grid (each repair changes what the next round sees) and returns the repairs
 * as edits for the caller to apply, with their findings.
 */
export function repairOcrCells(source: CellGrid, identities: Identity[]): { edits: CellEdit[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const edits: CellEdit[] = [];
  if (![...source.entries()].some((e) => e.cell.origin === 'ocr')) return { edits, findings };
  const grid = source.clone();
  const x = { store: grid, identities };
  const isOcr = (t: TableId, row: string, col: number) => grid.cell(t, row, col)?.origin === 'ocr';
  const index = cellIndex(x.identities);
  const through = (t: TableId, row: string, col: number) => index.get(keyOf(t, row, col)) ?? [];
  const holds = (id: Identity) => evaluate(x.store, id).verdict !== 'mismatch';
  const text = (t: TableId, row: string, col: number) => grid.cell(t, row, col)?.text;
  const doubtful = (r: CellRef) => !through(r.table, r.row, r.col).some(holds);

  /** Try a change, judge the identities through the touched cells, undo it. */
  const judge = (changes: [CellRef, Decimal | undefined][]): 'fails' | 'rounding' | 'exact' => {
    const before = changes.map(([r]) => x.store.get(r.table, r.row, r.col));
    for (const [r, v] of changes) x.store.setCell(r.table, r.row, r.col, v);
    const ids = new Set(changes.flatMap(([r]) => through(r.table, r.row, r.col)));
    const verdicts = [...ids].map((id) => evaluate(x.store, id).verdict);
    changes.forEach(([r], i) => x.store.setCell(r.table, r.row, r.col, before[i]));
    return verdicts.includes('mismatch') ? 'fails' : verdicts.every((v) => v === 'exact') ? 'exact' : 'rounding';
  };

  const proposals = (id: Identity): Proposal[] => {
    const out: Proposal[] = [];
    const cells = uniqueRefs(refsOf(id)).filter(
      (r) => isOcr(r.table, r.row, r.col) && x.store.get(r.table, r.row, r.col) !== undefined,
    );
    const onlyDoubtful = cells.filter(doubtful).length === 1;
    const places = decimalsOf(id, text);
    for (const r of cells) {
      const printed = text(r.table, r.row, r.col) ?? x.store.get(r.table, r.row, r.col)!.toFixed();
      const seen = new Set<string>([printed]);
      const tryValue = (t: string, kind: Proposal['kind']) => {
        if (seen.has(t)) return;
        seen.add(t);
        const v = new Decimal(t);
        const verdict = judge([[r, v]]);
        if (verdict !== 'fails') out.push({ ref: r, value: v, text: t, col: r.col, kind, exact: verdict === 'exact' });
      };
      for (const t of candidateReadings(printed)) tryValue(t, 'reading');
      if (onlyDoubtful && doubtful(r)) {
        const implied = impliedValue(x.store, id, r);
        if (implied && !implied.isNegative()) tryValue(implied.toFixed(places), 'implied');
      }
      const table = grid.tables.get(r.table);
      const value = x.store.get(r.table, r.row, r.col)!;
      for (const c of table?.columns ?? []) {
        if (c.no === r.col || x.store.get(r.table, r.row, c.no) !== undefined) continue;
        const to: CellRef = { table: r.table, row: r.row, col: c.no };
        const verdict = judge([
          [r, undefined],
          [to, value],
        ]);
        if (verdict !== 'fails')
          out.push({ ref: r, value, text: printed, col: c.no, kind: 'column', exact: verdict === 'exact' });
      }
    }
    return out;
  };

  const apply = (id: Identity, p: Proposal, rivals: number): void => {
    const { table, row, col } = p.ref;
    const original = text(table, row, col)!;
    const edit: CellEdit =
      p.kind === 'column'
        ? { kind: 'move', table, row, col, to: p.col, conf: REPAIRED_CONFIDENCE }
        : { kind: 'value', table, row, col, value: p.value, text: p.text, conf: REPAIRED_CONFIDENCE };
    grid.apply([edit]);
    edits.push(edit);
    const rules = [...new Set([...through(table, row, col), ...through(table, row, p.col)].map((i) => i.rule))].join(
      ', ',
    );
    const what =
      p.kind === 'column'
        ? `“${original}”读在栏${col}，移到栏${p.col}`
        : `OCR 读作“${original}”，修正为“${p.text}”（${p.kind === 'implied' ? `${id.rule} 推出的值` : '同一字形的另一种读法'}）`;
    findings.push(
      finding(
        'ocr.repair',
        { table, row, col: p.col, what, rules, rivals },
        { table, row, column: String(p.col), actual: original, expected: p.text, confidence: REPAIRED_CONFIDENCE },
      ),
    );
  };

  for (let round = 0; round < 100; round++) {
    let repaired = false;
    for (const id of x.identities) {
      if (holds(id)) continue;
      const ps = dedupe(proposals(id));
      const exact = ps.filter((p) => p.exact);
      const pick = ps.length === 1 ? ps[0] : exact.length === 1 ? exact[0] : undefined;
      if (!pick) continue;
      apply(id, pick, ps.length - 1);
      repaired = true;
      break;
    }
    if (!repaired) break;
  }
  for (const id of x.identities) {
    if (holds(id)) continue;
    const ps = dedupe(proposals(id));
    if (ps.length > 1) {
      findings.push(
        finding(
          'ocr.repair-ambiguous',
          {
            identity: id.text,
            count: ps.length,
            proposals: ps.slice(0, 5).map(describe).join('；') + (ps.length > 5 ? '；…' : ''),
          },
          { table: id.at.table, row: id.at.row, column: String(id.at.col) },
        ),
      );
    }
  }
  return { edits, findings };
}

function describe(p: Proposal): string {
  return `${p.ref.table} ${p.ref.row} 栏${p.ref.col}${p.kind === 'column' ? ` → 栏${p.col}` : ` = ${p.text}`}`;
}

function uniqueRefs(refs: CellRef[]): CellRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = keyOf(r.table, r.row, r.col);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupe(ps: Proposal[]): Proposal[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${keyOf(p.ref.table, p.ref.row, p.ref.col)}>${p.col}=${p.value.toFixed()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The value of `r` that closes the identity's gap, the other cells as read. */
export function impliedValue(store: CellValues, id: Identity, r: CellRef): Decimal | undefined {
  const ev = evaluate(store, id);
  const v = store.get(r.table, r.row, r.col) ?? new Decimal(0);
  const same = (c: CellRef) => c.table === r.table && c.row === r.row && c.col === r.col;
  const onLeft = id.left.filter(same);
  const onRight = id.right.filter(same);
  if (onLeft.length + onRight.length !== 1) return undefined; // a cell on both sides cannot be solved for
  // left − right = diff; the cell enters with its sign on its side.
  const sign = (onLeft[0] ?? onRight[0])!.sign === -1 ? -1 : 1;
  const side = onLeft.length ? 1 : -1;
  return v.minus(ev.diff.mul(sign * side));
}

/** Decimals printed in the identity's cells (money: 2; counts: 0), for the implied value's text. */
function decimalsOf(id: Identity, text: (t: TableId, row: string, col: number) => string | undefined): number {
  let dp = 0;
  for (const r of refsOf(id)) {
    const t = text(r.table, r.row, r.col);
    if (t?.includes('.')) dp = Math.max(dp, t.split('.')[1]!.length);
  }
  return dp;
}
