/**
 * Remove whitespace next to CJK characters ("景德镇 概 况" → "景德镇概况", "2024 年度" → "2024年度")
 * and collapse the rest, so labels and titles compare the same whether the source spaced them or
 * not. Latin/digit words keep one space between them.
 */
const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef“”‘’';
const SPACE_NEXT_TO_CJK = new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, 'g');

export function compactCjk(s: string): string {
  return s.replace(SPACE_NEXT_TO_CJK, '').replace(/\s+/g, ' ').trim();
}

/** Everything whitespace-free: for matching titles and labels against patterns. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
