/**
 * Column anchors: where each printed column number (栏次 1…n) sits, on each kind of line, and
 * which anchors a continuation page uses.
 */
import { describe, expect, it } from 'vitest';
import { anchorsPerPage, findAnchors, type Anchor } from '../../src/tables/header.js';
import { gridLine, region, spaceLine, streamLine, tabLine } from '../helpers/region.js';

/** Anchors as [no, x0, x1], in column order. */
const list = (anchors: Map<number, Anchor> | null | undefined) =>
  anchors ? [...anchors.values()].map((a) => [a.no, a.x0, a.x1]) : anchors;

describe('findAnchors', () => {
  it('takes the cell index of each number on a tab 栏次 row', () => {
    const lines = region('05', [
      tabLine(['项目', '', '本年支出合计', '基本支出', '项目支出']),
      tabLine(['栏次', '', '1', '2', '3']),
    ]).lines;
    const head = findAnchors(lines)!;
    expect(head.at).toBe(1);
    expect(list(head.anchors)).toEqual([
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ]);
  });

  it('takes each number’s glyph box on positioned input, and the drawn cell on a grid', () => {
    const stream = findAnchors([
      streamLine(115, [
        [40, '栏次'],
        [335, '1'],
        [415, '2'],
        [495, '3'],
      ]),
    ])!;
    expect(list(stream.anchors)).toEqual([
      [1, 335, 340.5],
      [2, 415, 420.5],
      [3, 495, 500.5],
    ]);
    const xs = [40, 300, 380, 460, 540];
    const grid = findAnchors([
      gridLine(xs, ['项目', '本年支出合计', '基本支出', '项目支出'], { y: 100 }),
      gridLine(xs, ['栏次', '1', '2', '3'], { y: 120 }),
    ])!;
    expect(grid.at).toBe(1);
    // A number in a drawn cell stands for the whole cell, not for its glyphs.
    expect(list(grid.anchors)).toEqual([
      [1, 300, 380],
      [2, 380, 460],
      [3, 460, 540],
    ]);
  });

  it('ends the header at a space-separated 栏次 row but gives it no positions', () => {
    const head = findAnchors([spaceLine('项目 本年支出合计 基本支出 项目支出'), spaceLine('栏 次 1 2 3')]);
    expect(head).toEqual({ anchors: null, at: 1 });
  });

  it('does not take a data row whose numbers happen to rise for the 栏次 row', () => {
    // 10's 车辆数合计 | 1 | 2 rises from 1 but is a row; a row of amounts never is a header.
    expect(findAnchors([tabLine(['车辆数合计', '1', '2'])])).toBeNull();
    expect(findAnchors([tabLine(['合计', '1', '2', '3', '306.02'])])).toBeNull();
    // Header words alone beside 1, 2 make a header.
    expect(list(findAnchors([tabLine(['项目', '1', '2'])])!.anchors)).toEqual([
      [1, 1, 2],
      [2, 2, 3],
    ]);
  });

  describe('an OCR’d 栏次 row with a misread number', () => {
    const ocrRow = (cells: [number, string, number][]) =>
      streamLine(
        115,
        cells.map(([x, text, conf]) => [x, text, { conf }]),
        { origin: 'ocr' },
      );

    it('reads a doubtful glyph right after 栏次 and before 2 as 1', () => {
      const head = findAnchors([
        ocrRow([
          [40, '栏次', 0.95],
          [335, '工', 0.2],
          [415, '2', 0.9],
          [495, '3', 0.93],
        ]),
      ])!;
      expect(list(head.anchors)).toEqual([
        [1, 335, 345],
        [2, 415, 420.5],
        [3, 495, 500.5],
      ]);
    });

    it('reads a doubtful glyph between n − 1 and n + 1 as n', () => {
      const head = findAnchors([
        ocrRow([
          [40, '栏次', 0.95],
          [335, '1', 0.9],
          [415, '人', 0.3],
          [495, '3', 0.93],
        ]),
      ])!;
      expect(list(head.anchors)?.map(([no]) => no)).toEqual([1, 2, 3]);
    });

    it('puts right a number read as another between n − 1 and n + 1, on a 栏次 row only', () => {
      // 04's 栏次 row as OCR read a Calc scan: "4" as "1" at 0.75.
      const cells: [number, string, number][] = [
        [40, '栏次', 0.92],
        [335, '2', 0.97],
        [415, '3', 0.97],
        [495, '1', 0.75],
        [575, '5', 0.97],
      ];
      const two = findAnchors([ocrRow([[20, '栏次', 0.8], [200, '1', 0.96], ...cells])]);
      expect(list(two!.anchors)?.map(([no]) => no)).toEqual([1, 2, 3, 4, 5]);
      // A data row's counts are what they are: no 栏次 word, no correction, no header.
      expect(findAnchors([ocrRow([[200, '1', 0.96], ...cells.slice(1)])])).toBeNull();
    });

    it('does not infer a number from a glyph read surely', () => {
      const row = ocrRow([
        [40, '栏次', 0.95],
        [335, '工', 0.8],
        [415, '2', 0.9],
        [495, '3', 0.93],
      ]);
      expect(findAnchors([row])).toBeNull();
    });
  });
});

describe('anchorsPerPage', () => {
  // Page 1: a ruled table's header; columns 1…3 are the cells 300–380, 380–460, 460–540.
  const xs = [40, 300, 380, 460, 540];
  const page1 = [
    gridLine(xs, ['项目', '本年支出合计', '基本支出', '项目支出'], { y: 100 }),
    gridLine(xs, ['栏次', '1', '2', '3'], { y: 120 }),
    gridLine(xs, ['201', '300.00', '200.00', '100.00'], { y: 140 }),
  ];
  const perPage = (page2: ReturnType<typeof gridLine>[]) => {
    const lines = [...page1, ...page2];
    return anchorsPerPage(lines, findAnchors(lines)!.anchors);
  };

  it('keeps the header’s anchors, confirmed, on a page whose grid has the header’s columns among others', () => {
    // Page 2 draws one more rule (its code column split in two); the value columns are the same.
    const split = [40, 110, 300, 380, 460, 540];
    const of = perPage([gridLine(split, ['20103', '01', '200.00', '200.00', ''], { y: 60, page: 2 })]);
    expect(of(2)).toEqual(of(1));
    expect(of(2)!.trusted).toBe(true);
    expect(list(of(2)!.anchors)).toEqual([
      [1, 300, 380],
      [2, 380, 460],
      [3, 460, 540],
    ]);
  });

  it('moves the anchors to the same cells of a page whose grid is drawn elsewhere', () => {
    const moved = [60, 320, 400, 480, 560];
    const of = perPage([gridLine(moved, ['2010301', '200.00', '200.00', ''], { y: 60, page: 2 })]);
    expect(of(2)!.trusted).toBe(true);
    expect(list(of(2)!.anchors)).toEqual([
      [1, 320, 400],
      [2, 400, 480],
      [3, 480, 560],
    ]);
  });

  it('reuses the header’s anchors unconfirmed on a page without rulings', () => {
    const of = perPage(
      [
        streamLine(60, [
          [40, '2010301'],
          [344, '200.00'],
        ]),
      ].map((l) => ({ ...l, page: 2 })),
    );
    expect(of(2)!.trusted).toBe(false);
    expect(of(2)!.anchors).toBe(of(1)!.anchors);
  });
});
