/**
 * Punctuation as the report prints it, from what tesseract makes of it. Reports set labels with
 * full-width （） and ：; chi_sim reads a full-width bracket as `〈`, as `(〈` or as ASCII `(`, and the
 * colon as ASCII `:` (seen on every scanned table page of the samples). In text that holds CJK, the
 * brackets and colons are therefore taken as full-width. Numbers and codes are left as read.
 */
const CJK = /[\u4e00-\u9fff]/;

export function foldOcrPunctuation(text: string): string {
  if (!CJK.test(text)) return text;
  return text
    .replace(/[(（]?[〈<][(（]?/g, '（')
    .replace(/[)）]?[〉>][)）]?/g, '）')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：');
}
