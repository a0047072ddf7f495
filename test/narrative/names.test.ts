/**
 * The narrative's 三公 and vehicle facts point at 行次 of 公开09表 / 公开10表: each must still be the
 * line the template labels with that name, so the lists cannot drift from the template.
 */
import { describe, expect, it } from 'vitest';
import * as N from '../../src/narrative/names.js';
import { specOf } from '../../parsers/tables.js';

/** A label without quotes and bracketed parts: “三公”经费支出 → 三公经费支出, 团组数（个） → 团组数. */
const bare = (s: string) => s.replace(/（[^）]*）/g, '').replace(/[“”"]/g, '');

describe('fact names and the template lines they read', () => {
  it.each([
    ['09', N.SANGONG],
    ['09', N.SANGONG_COUNTS],
    ['10', N.VEHICLES],
  ] as const)('公开%s表: every fact names the label of its 行次', (table, list) => {
    const labels = specOf(table).labels!;
    for (const [name, line] of list) expect(bare(labels[line]!)).toMatch(new RegExp(`^${bare(name)}`));
  });

  it('a fact pointed at the wrong 行次 is caught', () => {
    const labels = specOf('09').labels!;
    expect(bare(labels[16]!)).not.toMatch(new RegExp(`^${bare('国内公务接待批次')}`));
  });
});
