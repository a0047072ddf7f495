/**
 * The hand-built lines of test/helpers/region.ts stand for what the ingest makes; these tests hold
 * them to it, so a reader test on a hand-built region says something about real input.
 */
import { describe, expect, it } from 'vitest';
import { textToIR } from '../../src/ingest/text/text.js';
import { findLattices, type LatticeCell } from '../../src/grid/lattice.js';
import { latticeLines } from '../../src/grid/grid-lines.js';
import { gridLine, gridRulings, region, spaceLine, tabLine } from '../helpers/region.js';

describe('region builders', () => {
  it('make the lines plain-text ingest makes of the same text', () => {
    const text = ['栏次\t\t1\t2\t3', '2010301\t行政运行\t200.00\t\t', '201 一般公共服务支出 300.00 200.00'].join('\n');
    const built = region('05', [
      tabLine(['栏次', '', '1', '2', '3']),
      tabLine(['2010301', '行政运行', '200.00', '', '']),
      spaceLine('201 一般公共服务支出 300.00 200.00'),
    ]);
    // Provenance (`at`: line and columns in the file) is the ingest's alone; readers never read it.
    const ingested = textToIR(text).pages[0]!.lines.map((l) => ({
      ...l,
      runs: l.runs.map(({ at: _at, ...run }) => run),
    }));
    expect(built.lines).toEqual(ingested);
  });

  it('make the band the grid builder makes of drawn cells holding the same text', () => {
    const xs = [40, 130, 300, 380, 460, 540];
    const line = gridLine(xs, ['2010301', '行政运行', '200.00', '', '12.50'], { y: 150, page: 3 });
    // A table has two bands at least: an empty one above the band under test.
    const [lattice, ...others] = findLattices(gridRulings(xs, [110, 140, 160]));
    expect(others).toEqual([]);
    // Each drawn cell holds the glyphs of the run gridLine put in it.
    const textOf = (c: LatticeCell) =>
      line.runs.filter((r) => r.cell!.x0 === c.x0 && r.cell!.y0 === c.y0).map(({ cell: _cell, ...glyphs }) => [glyphs]);
    expect(latticeLines(lattice!, textOf, 3)).toEqual([line]);
  });

  it('reject cells that do not fill the grid', () => {
    expect(() => gridLine([0, 10, 20], ['a'], { y: 5 })).toThrow(/span 1 of the 2/);
    expect(() => gridLine([0, 10, 20], ['a', { text: 'b', span: 2 }], { y: 5 })).toThrow(/more than/);
  });
});
