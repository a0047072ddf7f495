import type { Line, PageIR } from '../ir/types.js';

/**
 * Page furniture: footers like `— 15 —`, `- 15 -`, `第 15 页`, `15/40` anywhere, and bare page
 * numbers that are the first or last line of a PDF page. Dropped before segmentation so they never
 * become table rows. (In text dumps a lone number can be a wrapped table value, so it is kept.)
 */
const FOOTER =
  /^(?:[—–\-－]+\s*\d{1,4}\s*[—–\-－]+|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

export function isFooterText(text: string): boolean {
  return FOOTER.test(text.trim());
}

export function dropFurniture(page: PageIR): Line[] {
  const lines = page.lines;
  return lines.filter((l, i) => {
    if (isFooterText(l.text)) return false;
    const edge = i === 0 || i === lines.length - 1;
    return !(l.separation === 'geometry' && edge && /^\d{1,4}$/.test(l.text.trim()));
  });
}
