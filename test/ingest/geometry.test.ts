import { describe, expect, it } from 'vitest';
import { itemsToRuns, clusterByBaseline, type TextItem } from '../../src/ingest/pdf/lines.js';
import { buildRulings, mergeRulings, snapSegment } from '../../src/ingest/pdf/rulings.js';

/** A hand-built item: 10pt font, box from the ideographic em (0.88 up, 0.12 down). */
function item(str: string, x0: number, x1: number, baseline = 100): TextItem {
  return { str, x0, x1, baseline, top: baseline - 8.8, bottom: baseline + 1.2, fontSize: 10 };
}
const texts = (items: TextItem[], v: Parameters<typeof itemsToRuns>[1] = []) =>
  itemsToRuns(items, v).map((r) => r.text);

describe('itemsToRuns (10pt: space gap ≥ 3pt, new cell > 10pt)', () => {
  it('joins per-glyph Han items without spaces, even across a word-sized gap', () => {
    expect(texts([item('一', 0, 10), item('般', 10, 20), item('公', 24, 34), item('共', 34, 44)])).toEqual([
      '一般公共',
    ]);
  });
  it('drops spaces pdfjs put between Han glyphs inside one item', () => {
    expect(texts([item('栏 次', 0, 25)])).toEqual(['栏次']);
  });
  it('never splits a number printed in pieces', () => {
    expect(texts([item('2,693', 0, 25), item('.88', 25, 38)])).toEqual(['2,693.88']);
  });
  it('turns a word gap between Latin/digit words into one space, a wide gap into a new run', () => {
    expect(texts([item('Line', 0, 20), item('item', 24, 40), item('99.50', 60, 85)])).toEqual(['Line item', '99.50']);
  });
  it('splits two numbers with a visible gap even when it is narrower than an em', () => {
    expect(texts([item('306.02', 0, 30), item('293.81', 36, 66)])).toEqual(['306.02', '293.81']);
  });
  it('starts a new run at a vertical ruling between two items', () => {
    const v = [{ axis: 'v' as const, pos: 21, start: 80, end: 120 }];
    expect(texts([item('项目', 0, 20), item('行次', 22, 42)], v)).toEqual(['项目', '行次']);
    // a ruling that does not reach this line does not split it
    const short = [{ axis: 'v' as const, pos: 21, start: 0, end: 50 }];
    expect(texts([item('项目', 0, 20), item('行次', 22, 42)], short)).toEqual(['项目行次']);
  });
});

describe('clusterByBaseline', () => {
  it('groups items within 0.4 em of a baseline and orders lines top to bottom, items left to right', () => {
    const lines = clusterByBaseline([
      item('b', 50, 60, 100.5),
      item('c', 0, 10, 130),
      item('a', 0, 10, 100),
      item(' ', 20, 22, 100),
    ]);
    expect(lines.map((l) => l.map((i) => i.str))).toEqual([['a', 'b'], ['c']]);
  });
});

describe('rulings', () => {
  it('snaps within 1° and drops diagonals and dots', () => {
    expect(snapSegment({ x0: 0, y0: 10, x1: 100, y1: 11 })).toEqual({ axis: 'h', pos: 10.5, start: 0, end: 100 }); // 0.57°
    expect(snapSegment({ x0: 0, y0: 10, x1: 100, y1: 12 })).toBeNull(); // 1.15°
    expect(snapSegment({ x0: 5, y0: 50, x1: 5, y1: 0 })).toEqual({ axis: 'v', pos: 5, start: 0, end: 50 });
    expect(snapSegment({ x0: 0, y0: 0, x1: 1, y1: 0 })).toBeNull();
  });
  it('merges collinear pieces drawn cell by cell, keeps separate lines apart', () => {
    const h = (pos: number, start: number, end: number) => ({ axis: 'h' as const, pos, start, end });
    expect(mergeRulings([h(10, 50, 100), h(10.4, 0, 50), h(10, 101, 150), h(20, 0, 150), h(10, 200, 250)])).toEqual([
      // one position group: mean of 10, 10.4, 10, 10
      h(10.1, 0, 150),
      h(10.1, 200, 250),
      h(20, 0, 150),
    ]);
  });
  it('reads thin filled rectangles as their centre line and ignores filled areas', () => {
    expect(
      buildRulings(
        [],
        [
          { x0: 10, y0: 20, x1: 10.8, y1: 120 },
          { x0: 0, y0: 0, x1: 50, y1: 30 },
        ],
      ),
    ).toEqual([{ axis: 'v', pos: 10.4, start: 20, end: 120 }]);
  });
});
