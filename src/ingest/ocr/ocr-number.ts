/**
 * Separators of a number as OCR reads them. Tesseract confuses "," and "." (and adds a speck next to
 * one), so "2,693.88" comes back as "2.693.88", "2,693,88" or "1,.089.69". Money has two decimals and
 * thousands come in groups of three, so a reading of digit groups can be put right in one way only:
 * the separator before the last two digits is the point, the others are commas.
 */

/** Money or a count as the table readers accept it (tables/tokens.ts): commas only between thousands. */
const WELL_FORMED = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** Thousands groups and two decimals, whatever the separators: 2.693.88, 2,693,88, 12.345.678,90. */
const GROUPED = /^(-?\d{1,3})((?:[.,]\d{3})+)[.,](\d{2})$/;
/** A comma before two final digits is no thousands separator: the point misread (2693,88). */
const COMMA_POINT = /^(-?\d+),(\d{2})$/;

/** The well-formed text of a misread number, or undefined when it is well formed or not mendable. */
export function mendSeparators(text: string): string | undefined {
  if (WELL_FORMED.test(text)) return undefined;
  const speckless = text.replace(/,\.|\.,/g, ',');
  if (WELL_FORMED.test(speckless)) return speckless;
  const point = COMMA_POINT.exec(speckless);
  if (point) return `${point[1]}.${point[2]}`;
  const m = GROUPED.exec(speckless);
  if (!m) return undefined;
  return `${m[1]}${m[2]!.replace(/\./g, ',')}.${m[3]}`;
}
