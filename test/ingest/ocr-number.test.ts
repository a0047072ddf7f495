import { describe, expect, it } from 'vitest';
import { mendSeparators } from '../../src/ingest/ocr/ocr-number.js';

describe('mendSeparators', () => {
  it('reads the separator before the last two digits as the point, the others as commas', () => {
    expect(mendSeparators('2.693.88')).toBe('2,693.88');
    expect(mendSeparators('2,693,88')).toBe('2,693.88');
    expect(mendSeparators('12.345.678,90')).toBe('12,345,678.90');
    expect(mendSeparators('-1.089.69')).toBe('-1,089.69');
    expect(mendSeparators('2693,88')).toBe('2693.88');
  });

  it('drops a speck beside a separator', () => {
    expect(mendSeparators('1,.089.69')).toBe('1,089.69');
  });

  it('leaves well-formed numbers and readings it cannot mend in one way', () => {
    for (const ok of ['2693.88', '2,693.88', '0.00', '12', '1,234']) expect(mendSeparators(ok)).toBeUndefined();
    // Groups not of three, three decimals, or two points in a row: more than one mending is possible.
    for (const bad of ['26.93.88', '2.693.888', '2..693.88', '2693,8']) expect(mendSeparators(bad)).toBeUndefined();
  });
});
