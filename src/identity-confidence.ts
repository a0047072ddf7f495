import type { Table, TableId } from './schema/record.js';
import type { Finding } from './schema/finding.js';
import type { CellStore } from './cells/cell-store.js';
import { evaluate, type Identity } from './identities/identity.js';
import { setRowConfidence, type CellEvidence } from './tables/extract-tables.js';

/**
 * Confidence from the identities (issue 5 item 3; README "Confidence"). After the checks, each
 * emitted cell's confidence — so far only how it was read and placed — is adjusted by what the
 * arithmetic says about it:
 *
 * - in at least one failing identity (a mismatch beyond the rounding envelope): × 0.7, since the
 *   cell is one of the suspects; one that drops below 0.5 gets a `warn` naming its cell unless one
 *   already does (the contract: a doubted cell always has a warn/error finding);
 * - otherwise, confirmed by ≥ 2 independent equalities that hold (exact or within rounding): raised
 *   halfway to 1 (arithmetic-placed 0.9 → 0.95, an OCR read of 0.8 → 0.9). Two distinct equations
 *   through the same value agreeing is strong evidence that value and column are right. Not for
 *   zeros (moving a 0.00 between columns changes no sum) nor for cells whose column the solver
 *   could not fix (the sums held in the other column too);
 * - otherwise unchanged (a single identity can be satisfied by a compensating error elsewhere).
 *
 * `≤` identities that hold confirm nothing (slack hides errors) but one that fails counts as failing.
 * Pure: returns new tables and the new findings; inputs are not modified.
 */
export const FAIL_FACTOR = 0.7;
export const DOUBT = 0.5;

export interface CellVerdicts {
  confirmed: number;
  failed: string[];
}

/** Per cell `table|row|col`: how many distinct holding equalities and which failing rules go through it. */
export function cellVerdicts(store: CellStore, identities: Identity[]): Map<string, CellVerdicts> {
  const out = new Map<string, CellVerdicts>();
  const seen = new Set<string>();
  for (const id of identities) {
    // Net coefficient per cell: a cell on both sides of an identity with the same sign takes no part.
    const coef = new Map<string, number>();
    for (const [refs, side] of [
      [id.left, 1],
      [id.right, -1],
    ] as const) {
      for (const r of refs) {
        const k = `${r.table}|${r.row}|${r.col}`;
        coef.set(k, (coef.get(k) ?? 0) + side * (r.sign ?? 1));
      }
    }
    const cells = [...coef].filter(([k, c]) => c !== 0 && valueAt(store, k) !== undefined).map(([k]) => k);
    if (!cells.length) continue;
    // The same equation instantiated twice (two rules over the same cells) is not independent evidence.
    const signature = `${id.kind}:${[...coef]
      .filter(([, c]) => c !== 0)
      .map(([k, c]) => `${k}*${c}`)
      .sort()
      .join(',')}`;
    const ev = evaluate(store, id);
    const repeat = seen.has(signature);
    seen.add(signature);
    for (const k of cells) {
      const v = out.get(k) ?? { confirmed: 0, failed: [] };
      if (ev.verdict === 'mismatch') v.failed.push(id.rule);
      else if (id.kind === 'eq' && !repeat) v.confirmed++;
      out.set(k, v);
    }
  }
  return out;
}

function valueAt(store: CellStore, key: string) {
  const [table, row, col] = key.split('|') as [TableId, string, string];
  return store.get(table, row, Number(col));
}

export function adjustCell(
  conf: number,
  v: CellVerdicts | undefined,
  value: string,
  ev: CellEvidence | undefined,
): number {
  if (!v) return conf;
  if (v.failed.length) return round(conf * FAIL_FACTOR);
  const zero = /^-?0*(\.0*)?$/.test(value);
  if (v.confirmed >= 2 && !zero && ev?.columnDetermined !== false && conf < 1) return round(conf + (1 - conf) / 2);
  return conf;
}

export function confidenceFromIdentities(input: {
  tables: Table[];
  store: CellStore;
  identities: Identity[];
  evidence: Map<string, CellEvidence>;
  findings: Finding[];
}): { tables: Table[]; findings: Finding[] } {
  const verdicts = cellVerdicts(input.store, input.identities);
  const flagged = new Set(
    input.findings
      .filter((f) => (f.level === 'warn' || f.level === 'error') && f.table && f.row && f.column)
      .map((f) => `${f.table}|${f.row}|${f.column}`),
  );
  const findings: Finding[] = [];
  const tables = input.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => {
      const row = { ...r };
      const confs: Record<string, number> = {};
      for (const [col, value] of Object.entries(r.values)) {
        const key = `${t.id}|${r.key}|${col}`;
        const before = r.cellConfidence?.[col] ?? r.confidence ?? 1;
        const v = verdicts.get(key);
        const after = adjustCell(before, v, value, input.evidence.get(key));
        confs[col] = after;
        if (after < DOUBT && !flagged.has(key)) {
          flagged.add(key);
          findings.push({
            level: 'warn',
            stage: 'check',
            check: 'confidence.low',
            table: t.id,
            row: r.key,
            column: col,
            message: `公开${t.id}表 ${r.key} 栏${col} "${value}": confidence ${before} → ${after}, ${
              v?.failed.length
                ? `it takes part in failing identities (${[...new Set(v.failed)].join(', ')})`
                : 'as read; fewer than two identities confirm it'
            }`,
            actual: value,
            confidence: after,
          });
        }
      }
      if (Object.keys(confs).length) setRowConfidence(row, confs);
      return row;
    }),
  }));
  return { tables, findings };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
