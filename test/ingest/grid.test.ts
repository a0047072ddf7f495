import { describe, expect, it } from 'vitest';
import { findLattices } from '../../src/grid/lattice.js';
import type { Ruling } from '../../src/ir/types.js';
import { deskew, estimateSkew, rotateGray } from '../../src/ingest/ocr/deskew.js';
import {
  detectRules,
  eraseRules,
  gridOptionsFor,
  inkCount,
  ruleThreshold,
  type Gray,
} from '../../src/ingest/ocr/grid.js';

const DPI = 200;

/** A white page with a bordered grid: rows at ys, columns at xs, rules `t` pixels thick. */
function gridImage(width: number, height: number, xs: number[], ys: number[], t = 2): Gray {
  const data = new Uint8Array(width * height).fill(255);
  const x0 = xs[0]!;
  const x1 = xs[xs.length - 1]!;
  const y0 = ys[0]!;
  const y1 = ys[ys.length - 1]!;
  for (const y of ys) for (let d = 0; d < t; d++) for (let x = x0; x < x1 + t; x++) data[(y + d) * width + x] = 0;
  for (const x of xs) for (let d = 0; d < t; d++) for (let y = y0; y < y1 + t; y++) data[y * width + x + d] = 0;
  return { data, width, height };
}

/** A 'glyph': a filled square, short enough never to count as a rule. */
function blot(img: Gray, x: number, y: number, s = 20) {
  for (let r = y; r < y + s; r++) for (let c = x; c < x + s; c++) img.data[r * img.width + c] = 0;
}

describe('grid detection', () => {
  const xs = [50, 300, 500, 700];
  const ys = [100, 160, 220];
  it('finds every rule of a bordered table at its pixel position', () => {
    const img = gridImage(800, 400, xs, ys);
    blot(img, 100, 120);
    const rules = detectRules(img, gridOptionsFor(DPI));
    const h = rules.filter((r) => r.axis === 'h').map((r) => r.pos);
    const v = rules.filter((r) => r.axis === 'v').map((r) => r.pos);
    // A 2-pixel rule starting at row y has its centre line at y + 0.5.
    expect(h.sort((a, b) => a - b)).toEqual(ys.map((y) => y + 0.5));
    expect(v.sort((a, b) => a - b)).toEqual(xs.map((x) => x + 0.5));
  });

  it('finds faint rules (a thin line scanned at low resolution) from the paper level, not a fixed grey', () => {
    const img = gridImage(800, 400, xs, ys);
    // Rules at grey 185 on paper at 248: a fixed 160 sees no rule at all.
    for (let i = 0; i < img.data.length; i++) img.data[i] = img.data[i] === 0 ? 185 : 248;
    expect(detectRules(img, gridOptionsFor(DPI))).toEqual([]);
    expect(ruleThreshold(img)).toBe(198);
    const rules = detectRules(img, gridOptionsFor(DPI, ruleThreshold(img)));
    expect(rules.filter((r) => r.axis === 'h')).toHaveLength(ys.length);
    expect(rules.filter((r) => r.axis === 'v')).toHaveLength(xs.length);
    // Grey paper keeps the threshold at 160, so it does not turn into ink.
    img.data.fill(170);
    expect(ruleThreshold(img)).toBe(160);
  });

  it('takes a rule smeared to 6 px (a 1 pt border scanned, turned back and blurred) for a rule, a bar for none', () => {
    const img = gridImage(800, 400, xs, ys, 6);
    const h = detectRules(img, gridOptionsFor(DPI)).filter((r) => r.axis === 'h');
    expect(h.map((r) => r.pos)).toEqual(ys.map((y) => y + 2.5));
    const bar = gridImage(800, 400, [50, 700], [100], 12);
    expect(detectRules(bar, gridOptionsFor(DPI)).filter((r) => r.axis === 'h')).toEqual([]);
  });

  it('erases the rules and keeps the glyphs', () => {
    const img = gridImage(800, 400, xs, ys);
    blot(img, 100, 120);
    const erased = eraseRules(img, detectRules(img, gridOptionsFor(DPI)));
    expect(inkCount(erased, 0, 0, 800, 400)).toBe(20 * 20);
  });

  // The OCR path reads detected rules with the shared lattice reader (in pixels here).
  const lattice = (img: Gray) =>
    findLattices(
      detectRules(img, gridOptionsFor(DPI)).map((r): Ruling => ({
        axis: r.axis,
        pos: r.pos,
        start: r.start,
        end: r.end + 1,
      })),
      { tolerance: 4, minSize: 12 },
    );

  it('cuts bands into cells between the rules', () => {
    const img = gridImage(800, 400, xs, ys);
    const [table, ...rest] = lattice(img);
    expect(rest).toEqual([]);
    // Two bands of three cells, bounded by the rules' centre lines.
    expect(table!.ys).toEqual([100.5, 160.5, 220.5]);
    expect(table!.cells.filter((c) => c.row === 0).map((c) => [c.x0, c.x1])).toEqual([
      [50.5, 300.5],
      [300.5, 500.5],
      [500.5, 700.5],
    ]);
    expect(table!.cells.filter((c) => c.row === 1)).toHaveLength(3);
  });

  it('does not cut a band where a vertical rule stops short (merged cell)', () => {
    const img = gridImage(800, 400, [50, 700], ys);
    // Middle rule only through the second band.
    for (let y = 160; y < 222; y++) img.data[y * 800 + 400] = img.data[y * 800 + 401] = 0;
    const [table] = lattice(img);
    expect([0, 1].map((row) => table!.cells.filter((c) => c.row === row).length)).toEqual([1, 2]);
  });
});

describe('deskew', () => {
  it('measures a turned table within 0.05° and straightens it so rules are found again', () => {
    const img = gridImage(1200, 900, [100, 500, 900, 1100], [100, 200, 300, 400, 500, 600], 3);
    const turned = rotateGray(img, 0.8);
    expect(Math.abs(estimateSkew(turned) - 0.8)).toBeLessThanOrEqual(0.05);
    const straight = deskew(turned).image;
    const h = detectRules(straight, gridOptionsFor(DPI)).filter((r) => r.axis === 'h');
    expect(h).toHaveLength(6);
    // Each rule runs the table's width (1000 px) give or take the rotation's blur at the ends.
    for (const r of h) expect(r.end - r.start).toBeGreaterThan(980);
  });

  it('measures a page turned well past a degree (a hand-fed scan), either way, within 0.1°', () => {
    const img = gridImage(1200, 900, [100, 500, 900, 1100], [100, 200, 300, 400, 500, 600], 3);
    for (const deg of [2.5, -3]) expect(Math.abs(estimateSkew(rotateGray(img, deg)) - deg)).toBeLessThanOrEqual(0.1);
  });
});
