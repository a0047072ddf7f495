import { Decimal } from '../decimal.js';

/**
 * Rounding envelopes of identities.md section D. Printed amounts are rounded to 0.01 万元, so a sum of
 * n printed terms can miss the printed total by up to n × 0.005; (n + 1) × 0.005 also covers the
 * rounding of the total itself.
 */
export const HALF_CENT = new Decimal('0.005');

export function sumEnvelope(terms: number): Decimal {
  return HALF_CENT.mul(terms + 1);
}

export type Verdict = 'exact' | 'rounding' | 'mismatch';

/** Compare two sides of an identity whose right side sums `terms` printed values. */
export function judge(left: Decimal, right: Decimal, terms: number): Verdict {
  const diff = left.minus(right).abs();
  if (diff.isZero()) return 'exact';
  return diff.lte(sumEnvelope(terms)) ? 'rounding' : 'mismatch';
}

export function sum(values: Iterable<Decimal>): Decimal {
  let s = new Decimal(0);
  for (const v of values) s = s.plus(v);
  return s;
}

/** Parse a contract decimal string; undefined (empty cell) reads as zero for sums. */
export function dec(v: string | undefined): Decimal {
  return new Decimal(v ?? 0);
}
