import { Decimal } from '../decimal.js';

/**
 * Money units of identities.md §D / issue 5 item 4. Reports print 万元 almost always, but some print 元
 * (or one table in 元 inside a 万元 report). Identities must compare like with like, so each money
 * unit has its size in 元; an identity whose cells come from tables in different units is evaluated
 * in the smallest of them, with the rounding envelope of the coarsest (a 万元 figure is only known
 * to ±0.005 万元 = ±50 元).
 */
export const MONEY_UNITS: Readonly<Record<string, Decimal>> = {
  元: new Decimal(1),
  千元: new Decimal(1000),
  万元: new Decimal(10000),
  亿元: new Decimal(100000000),
};

export function isMoneyUnit(unit: string | undefined): unit is string {
  return unit !== undefined && Object.hasOwn(MONEY_UNITS, unit);
}
