import type { LineRange } from '../../parsers/spec.js';
import { squash } from '../text/compact.js';

/**
 * Label comparison for 行次-keyed tables: numbering prefixes ("一、", "1.", "（1）", "其中："),
 * brackets and quote styles do not count; a truncated printed label matches its template prefix.
 */
export function canonicalForm(label: string): string {
  return squash(label)
    .replace(/^(?:[一二三四五六七八九十]+、|\d+[.．、]|[（(]\d+[)）]|其中[:：])+/, '')
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

export function canonicalLine(label: string, labels: Record<number, string>, range: LineRange): number | undefined {
  const hits: number[] = [];
  for (const [no, want] of Object.entries(labels)) {
    const n = Number(no);
    if (n < range.first || n > range.last) continue;
    if (labelMatches(label, want)) hits.push(n);
  }
  return hits.length === 1 ? hits[0] : hits.find((n) => canonicalForm(labels[n]!) === canonicalForm(label));
}
