import type { LineRange } from '../../parsers/spec.js';
import { squash } from '../text/compact.js';

/**
 * Label comparison for 行次-keyed tables: numbering prefixes ("一、", "1.", "（1）", "其中："),
 * brackets and quote styles do not count; a truncated printed label matches its template prefix.
 * Any short prefix closed by 、 is a numbering: OCR reads a blurred 一 as "-" and 十九 as "上+九",
 * and no template label has a 、 in its first five characters.
 */
export function canonicalForm(label: string): string {
  return squash(label)
    .replace(/^(?:[^、]{1,4}、|\d+[.．、]|[（(]\d+[)）]|其中[:：])+/, '')
    .replace(/[()（）“”"'‘’]/g, '')
    .replace(/[:：]/g, '');
}

export function labelMatches(printed: string, template: string): boolean {
  const a = canonicalForm(printed);
  const b = canonicalForm(template);
  if (a === b) return true;
  // Printed labels are often truncated or carry a unit suffix ("(台、辆)").
  return a.length >= 4 && (b.startsWith(a) || a.startsWith(b));
}

/**
 * The template 行次 of a label. A label the template repeats (04's 一般公共预算财政拨款 at 1 and 29)
 * takes the first 行次 after the last one keyed on the same side.
 */
export function canonicalLine(
  label: string,
  labels: Record<number, string>,
  range: LineRange,
  after = 0,
): number | undefined {
  const hits: number[] = [];
  for (const [no, want] of Object.entries(labels)) {
    const n = Number(no);
    if (n < range.first || n > range.last) continue;
    if (labelMatches(label, want)) hits.push(n);
  }
  const exact = hits.filter((n) => canonicalForm(labels[n]!) === canonicalForm(label));
  const pool = (exact.length ? exact : hits).sort((a, b) => a - b);
  return pool.find((n) => n > after) ?? pool[0];
}
