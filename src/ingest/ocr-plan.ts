/**
 * Deciding which pages need OCR. A page has a usable text layer when it carries text items and
 * most of their glyphs are real characters: scanned pages carry none, and some producers emit
 * fonts without a ToUnicode map, whose text extracts as U+FFFD or private-use code points.
 */

export type OcrMode = 'auto' | 'always' | 'never';
export type PageTextLayer = 'native' | 'ocr' | 'none';
export type DocumentTextLayer = 'native' | 'ocr' | 'mixed' | 'none';

/** Share of good glyphs below which a text layer is treated as absent. */
export const MIN_GOOD_SHARE = 0.5;

function isBadGlyph(cp: number): boolean {
  return (
    cp === 0xfffd ||
    (cp >= 0xe000 && cp <= 0xf8ff) || // BMP private use
    cp >= 0xf0000 || // supplementary private use planes
    cp < 0x20 // control characters left by broken encodings
  );
}

/** True when the strings hold at least one glyph and at least half of the glyphs are real. */
export function isUsableText(strings: readonly string[]): boolean {
  let good = 0;
  let bad = 0;
  for (const s of strings) {
    for (const ch of s) {
      if (/\s/u.test(ch)) continue;
      if (isBadGlyph(ch.codePointAt(0)!)) bad++;
      else good++;
    }
  }
  return good > 0 && good / (good + bad) >= MIN_GOOD_SHARE;
}

/** Whether a page is OCR'd under a mode, given whether its text layer is usable. */
export function shouldOcr(mode: OcrMode, usableText: boolean): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return !usableText;
}

/** What a page's text came from: OCR when it was OCR'd, none when it had nothing to read. */
export function pageTextLayer(mode: OcrMode, usableText: boolean): PageTextLayer {
  if (shouldOcr(mode, usableText)) return 'ocr';
  return usableText ? 'native' : 'none';
}

/** `source.textLayer` for a document from its pages. Pages with no text do not make it mixed. */
export function documentTextLayer(pages: readonly PageTextLayer[]): DocumentTextLayer {
  const native = pages.includes('native');
  const ocr = pages.includes('ocr');
  if (native && ocr) return 'mixed';
  if (native) return 'native';
  if (ocr) return 'ocr';
  return 'none';
}

export interface OcrPlan {
  /** 1-based page numbers to OCR, ascending. */
  ocrPages: number[];
  /** Per page, index 0 = page 1. */
  pageLayers: PageTextLayer[];
  textLayer: DocumentTextLayer;
}

/** The one OCR decision: per page, from the mode and whether its text layer is usable. */
export function planOcr(mode: OcrMode, usable: readonly boolean[]): OcrPlan {
  const pageLayers = usable.map((u) => pageTextLayer(mode, u));
  const ocrPages = usable.flatMap((u, i) => (shouldOcr(mode, u) ? [i + 1] : []));
  return { ocrPages, pageLayers, textLayer: documentTextLayer(pageLayers) };
}
