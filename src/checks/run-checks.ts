import type { Finding } from '../schema/finding.js';
import type { Table, TableId } from '../schema/record.js';
import type { CellValues } from '../cells/cell-grid.js';
import { evaluate, type Identity } from '../identities/identity.js';
import { tableUsable } from '../identities/rule.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import type { Template } from '../../parsers/template.js';
import { localize } from './localize.js';
import { finding } from '../findings/catalogue.js';
import type { Decimal } from '../decimal.js';

/**
 * Evaluate every instantiated identity: exact → counted only; inside the rounding envelope → info;
 * beyond → warn (error when the gap is more than ten envelopes), naming both sides, at the cell the
 * failing identities point to together (localize.ts) or else at the identity's own place. Rules
 * whose tables are missing are logged as not evaluated; each rule ends with a one-line summary.
 */
export function runIdentityChecks(
  store: CellValues,
  identities: Identity[],
  template: Template = JIANGXI_10,
): Finding[] {
  const findings: Finding[] = [];
  const tally = new Map<string, { ref: string; exact: number; rounding: number; mismatch: number }>();
  const evaluations = new Map(identities.map((id) => [id, evaluate(store, id)] as const));
  const { at } = localize(
    store,
    identities.filter((id) => evaluations.get(id)!.verdict === 'mismatch'),
  );
  for (const id of identities) {
    const ev = evaluations.get(id)!;
    const t = tally.get(id.rule) ?? { ref: id.ref, exact: 0, rounding: 0, mismatch: 0 };
    t[ev.verdict]++;
    tally.set(id.rule, t);
    if (ev.verdict === 'exact') continue;
    const env = ev.envelope;
    const level = ev.verdict === 'rounding' ? 'info' : ev.diff.abs().gt(env.mul(10)) ? 'error' : 'warn';
    const rel = id.kind === 'le' ? '≤' : '=';
    const f = (d: Decimal): string => d.toFixed(ev.dp);
    const place = at.get(id) ?? id.at;
    findings.push({
      level,
      stage: 'check',
      check: id.rule,
      table: place.table,
      row: place.row,
      column: String(place.col),
      message: `${id.text}：${f(ev.left)} ${rel === '=' ? '≠' : '>'} ${f(ev.right)}（Δ${f(ev.diff.abs())}${ev.verdict === 'rounding' ? `，在舍入容差 ${env.toFixed()} 之内` : ''}${ev.convertedTo ? `；各表金额单位不同，按${ev.convertedTo}比较` : ''}）`,
      expected: f(ev.right),
      actual: f(ev.left),
      evaluated: true,
      confidence: ev.verdict === 'rounding' ? 0.9 : 0.3,
    });
  }
  for (const [rule, t] of tally) {
    findings.push(finding('check.summary', { rule, ...t }, { evaluated: true }));
  }
  for (const r of template.identities) {
    const missing = r.tables.filter((id) => !store.hasTable(id));
    const empty = r.tables.filter((id) => store.hasTable(id) && !tableUsable(store, id));
    if (missing.length || empty.length) {
      const place = empty.length && !missing.length ? { table: empty[0]! } : {};
      findings.push(
        finding('check.not-evaluated', { rule: r.id, ref: r.ref, missing, empty }, { evaluated: false, ...place }),
      );
    }
  }
  return findings;
}

/** A21: amounts are not negative unless a caption allows it (07's 年末 may not be, either). */
export function negativeAmounts(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables)
    for (const r of t.rows)
      for (const [col, v] of Object.entries(r.values)) {
        if (v.startsWith('-')) {
          out.push(
            finding(
              'value.negative',
              { table: t.id, row: r.key, col, value: v },
              { table: t.id as TableId, row: r.key, column: col, actual: v },
            ),
          );
        }
      }
  return out;
}
