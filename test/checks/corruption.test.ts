import { describe, it, expect, afterAll } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { loadGolden } from '../helpers/golden.js';
import { gridFromTables } from '../../src/cells/from-tables.js';
import { instantiate } from '../../parsers/template.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import { evaluate, netCoefficients, type Identity } from '../../src/identities/identity.js';
import { runIdentityChecks } from '../../src/checks/run-checks.js';
import type { CellGrid } from '../../src/cells/cell-grid.js';
import type { TableId } from '../../src/schema/record.js';

/**
 * Corruption test (issue 5): every cell of every golden table is changed, one at a time — +1.00,
 * and separately each transposition of two adjacent different digits — and the identity checks
 * are re-run. A corruption is detected when an identity through the cell that did not fail before
 * now yields a warn/error finding. Identities not through the cell cannot change, so only those are
 * re-run.
 *
 * Cells fall in three classes: in at least one equality ("checked sum": +1.00 must always be caught,
 * and a swap whose change exceeds twice the rounding envelope of one of its equalities must be
 * caught too — below that a transposition like 0.45→0.54 can hide in the 0.005-per-term envelope);
 * only in "≤" identities (caught only when the change eats the slack; measured, not asserted);
 * in no identity (counted separately: nothing can catch them).
 */
const SEEDS = ['000', '001', '003', '004'];

type Kind = 'eq' | 'le-only' | 'none';
interface Tally {
  cells: Record<Kind, number>;
  plus: Record<Kind, [number, number]>;
  swap: Record<Kind, [number, number]>;
  swapMustCatch: [number, number];
}
const newTally = (): Tally => ({
  cells: { eq: 0, 'le-only': 0, none: 0 },
  plus: { eq: [0, 0], 'le-only': [0, 0], none: [0, 0] },
  swap: { eq: [0, 0], 'le-only': [0, 0], none: [0, 0] },
  swapMustCatch: [0, 0],
});
const report = new Map<string, Tally>(); // `${seed}` and `${seed}/${table}`

/** Every transposition of two adjacent, different digits of a printed value. */
export function digitSwaps(v: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < v.length; i++) {
    const a = v[i]!,
      b = v[i + 1]!;
    if (/\d/.test(a) && /\d/.test(b) && a !== b) out.push(v.slice(0, i) + b + a + v.slice(i + 2));
  }
  return out;
}

/** The identities in which a cell has a non-zero net coefficient. */
function touching(identities: Identity[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  identities.forEach((id, k) => {
    const coef = netCoefficients(id);
    for (const [key, c] of coef) if (c !== 0) m.set(key, [...(m.get(key) ?? []), k]);
  });
  return m;
}

function withCell<T>(store: CellGrid, table: TableId, row: string, col: number, value: Decimal, fn: () => T): T {
  const keys = [...Array(20).keys()];
  const before = new Map<number, Decimal>();
  for (const c of keys) {
    const v = store.get(table, row, c);
    if (v) before.set(c, v);
  }
  store.setRow(table, row, new Map([...before, [col, value]]));
  try {
    return fn();
  } finally {
    store.setRow(table, row, before);
  }
}

describe.each(SEEDS)('corrupting every cell of golden %s', (seed) => {
  it('an identity newly fails for every corruption of a cell in a checked sum', () => {
    const golden = loadGolden(seed);
    const tables = golden.tables.map((t) => ({ ...t, unit: t.id === '10' ? '台、辆、套' : golden.unit }));
    const store = gridFromTables(tables);
    const identities = instantiate(JIANGXI_10, store);
    expect(identities.length).toBeGreaterThan(50);
    const through = touching(identities);
    const failingBefore = identities.map((id) => evaluate(store, id).verdict === 'mismatch');
    const fires = (ks: number[]): boolean =>
      ks.some(
        (k) =>
          !failingBefore[k] &&
          runIdentityChecks(store, [identities[k]!]).some((f) => f.level === 'warn' || f.level === 'error'),
      );

    const seedTally = newTally();
    const missed: string[] = [];
    for (const t of golden.tables) {
      const tt = newTally();
      report.set(`${seed}/${t.id}`, tt);
      for (const r of t.rows)
        for (const [col, printed] of Object.entries(r.values)) {
          const key = `${t.id}|${r.key}|${col}`;
          const ks = through.get(key) ?? [];
          const eqs = ks.filter((k) => identities[k]!.kind === 'eq');
          const kind: Kind = eqs.length ? 'eq' : ks.length ? 'le-only' : 'none';
          for (const x of [tt, seedTally]) x.cells[kind]++;
          const original = new Decimal(printed);
          const minEnv = eqs.length
            ? Decimal.min(...eqs.map((k) => evaluate(store, identities[k]!).envelope))
            : undefined;

          const hitPlus = withCell(store, t.id as TableId, r.key, Number(col), original.plus(1), () => fires(ks));
          for (const x of [tt, seedTally]) {
            x.plus[kind][1]++;
            if (hitPlus) x.plus[kind][0]++;
          }
          if (kind === 'eq' && !hitPlus) missed.push(`+1.00 at ${key} (${printed})`);

          for (const swapped of digitSwaps(printed)) {
            const changed = new Decimal(swapped);
            const hit = withCell(store, t.id as TableId, r.key, Number(col), changed, () => fires(ks));
            for (const x of [tt, seedTally]) {
              x.swap[kind][1]++;
              if (hit) x.swap[kind][0]++;
            }
            if (minEnv && changed.minus(original).abs().gt(minEnv.mul(2))) {
              for (const x of [tt, seedTally]) {
                x.swapMustCatch[1]++;
                if (hit) x.swapMustCatch[0]++;
              }
              if (!hit) missed.push(`swap ${printed}→${swapped} at ${key}`);
            }
          }
        }
    }
    report.set(seed, seedTally);
    expect(missed).toEqual([]);
    expect(seedTally.cells.eq).toBeGreaterThan(0);
  });
});

afterAll(() => {
  const pct = ([a, b]: [number, number]) => (b ? `${a}/${b} (${((100 * a) / b).toFixed(1)}%)` : '-');
  const lines = ['scope      cells eq/le/none   +1.00 eq        +1.00 ≤-only    swaps eq          swaps>2·env'];
  for (const [scope, t] of report) {
    lines.push(
      `${scope.padEnd(10)} ${`${t.cells.eq}/${t.cells['le-only']}/${t.cells.none}`.padEnd(18)} ${pct(t.plus.eq).padEnd(15)} ${pct(t.plus['le-only']).padEnd(15)} ${pct(t.swap.eq).padEnd(17)} ${pct(t.swapMustCatch)}`,
    );
  }
  console.log(`corruption detection rates\n${lines.join('\n')}`);
});
