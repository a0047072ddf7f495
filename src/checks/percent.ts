import { Decimal } from '../decimal.js';

/**
 * Percent checks of identities.md §D. Printed shares and rates are computed from yuan amounts before
 * the amounts are rounded to 0.01 万元, so a printed p is accepted when some (a', b') within half a
 * printed unit of the printed operands gives p, plus 0.05 pp (seed 000: 11.92/19.27 = 61.86% but
 * 61.85% is printed).
 */
export const PP_SLACK = new Decimal('0.05');

/** Half a unit of the last printed decimal: "11.92" → 0.005, "50" → 0.5. */
export function halfUlp(printed: string): Decimal {
  const dot = printed.indexOf('.');
  const places = dot < 0 ? 0 : printed.length - dot - 1;
  return new Decimal(5).times(new Decimal(10).pow(-(places + 1)));
}

export interface Range {
  lo: Decimal;
  hi: Decimal;
  /** The ratio of the printed operands themselves, in percent. */
  exact: Decimal;
}

/** Range of 100·f(x', y') over the box of printed x, y ± half unit; null if a denominator reaches 0. */
function range(x: string, y: string, f: (x: Decimal, y: Decimal) => { num: Decimal; den: Decimal }): Range | null {
  const corners: Decimal[] = [];
  const hx = halfUlp(x);
  const hy = halfUlp(y);
  for (const dx of [hx.neg(), hx]) {
    for (const dy of [hy.neg(), hy]) {
      const xv = Decimal.max(new Decimal(x).plus(dx), 0);
      const { num, den } = f(xv, new Decimal(y).plus(dy));
      if (den.lte(0)) return null;
      corners.push(num.div(den).times(100));
    }
  }
  const e = f(new Decimal(x), new Decimal(y));
  if (e.den.lte(0)) return null;
  return { lo: Decimal.min(...corners), hi: Decimal.max(...corners), exact: e.num.div(e.den).times(100) };
}

/** 100·a/b, for shares and completion rates. */
export function ratioRange(a: string, b: string): Range | null {
  return range(a, b, (num, den) => ({ num, den }));
}

/**
 * Growth rate of a change: |Δ| / (current − signed Δ). `sign` is +1 for 增加, −1 for 减少. The ratio is
 * monotone in both operands, so the box corners bound it.
 */
export function growthRange(delta: string, current: string, sign: 1 | -1): Range | null {
  return range(delta, current, (d, c) => ({ num: d.abs(), den: c.minus(d.abs().times(sign)) }));
}

export type PercentVerdict = 'exact' | 'rounding' | 'mismatch';

export function judgePercent(printed: string, r: Range): PercentVerdict {
  const p = new Decimal(printed);
  const places = Math.max(0, printed.includes('.') ? printed.length - printed.indexOf('.') - 1 : 0);
  if (r.exact.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).eq(p)) return 'exact';
  const slack = halfUlp(printed).plus(PP_SLACK);
  return p.gte(r.lo.minus(slack)) && p.lte(r.hi.plus(slack)) ? 'rounding' : 'mismatch';
}
