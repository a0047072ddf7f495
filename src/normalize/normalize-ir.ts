import type { DocumentIR } from '../ir/types.js';
import type { Finding } from '../schema/finding.js';
import { normalizeText } from './glyphs.js';
import { finding } from '../findings/catalogue.js';

/**
 * The normalize stage over the IR: glyph folding, odd spaces and full-width digits in every run and
 * line. Returns a new IR (stages never edit their input) and one finding with the fold counts.
 */
export function normalizeIR(doc: DocumentIR, opts: { foldGlyphs: boolean }): { doc: DocumentIR; findings: Finding[] } {
  let folds = 0;
  const perPage = new Map<number | null, number>();
  const norm = (s: string, page: number | null): string => {
    const r = normalizeText(s, { foldGlyphs: opts.foldGlyphs });
    if (r.folds) perPage.set(page, (perPage.get(page) ?? 0) + r.folds);
    return r.text;
  };
  const pages = doc.pages.map((p) => ({
    ...p,
    lines: p.lines.map((l) => {
      const runs = l.runs.map((r) => ({ ...r, text: norm(r.text, p.page) }));
      // Line text is rebuilt without counting its folds twice.
      const text = normalizeText(l.text, { foldGlyphs: opts.foldGlyphs }).text;
      return { ...l, runs, text };
    }),
  }));
  for (const n of perPage.values()) folds += n;
  const findings: Finding[] = [];
  if (folds > 0) {
    const pagesList = [...perPage.keys()].filter((p): p is number => p !== null);
    findings.push(finding('normalize.glyph-fold', { folds, pages: pagesList }, { actual: String(folds) }));
  }
  return { doc: { ...doc, pages }, findings };
}
