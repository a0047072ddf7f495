import { describe, expect, it } from 'vitest';
import { classify, plainDecimal } from '../../src/tables/tokens.js';

describe('classify', () => {
  it('reads money, counts and thousands separators', () => {
    expect(classify('2,693.88')).toBe('money');
    expect(classify('-0.50')).toBe('money');
    expect(classify('12')).toBe('int');
    expect(plainDecimal('2,693.88')).toBe('2693.88');
  });

  it('takes printed dashes, and a rewritten dash glyph, as structurally empty', () => {
    for (const d of ['-', '---', '——', '－', '/', '`']) expect(classify(d)).toBe('dash');
  });

  it('never takes a spreadsheet’s overflow fill (###) for a dash: the cell held a number', () => {
    for (const h of ['#', '###', '########']) expect(classify(h)).toBe('text');
  });
});
