/**
 * Regex building blocks for the narrative's figures. Kept as source strings so each fact pattern reads
 * as a sentence of the report with holes in it.
 */

/** A printed number: sign, digits with optional thousands separators, optional decimals. */
export const NUM = String.raw`-?\d[\d,]*(?:\.\d+)?`;
/** Money unit after an amount; the captured text becomes the fact's unit. */
export const MONEY = String.raw`(万元|元)`;
/** "为" / "是" sometimes sits between a label and its figure (002: "年初预算数为 476.15"). */
export const IS = String.raw`(?:为|是|：|:)?\s*`;
/** Percent signs: none (C15 flags that), one, or the doubled "%%" of 002. */
export const PCT = String.raw`\s*([%％]*)`;
export const COMMA = String.raw`\s*[，,]\s*`;

/** Strip thousands separators: "2,693.88" → "2693.88". */
export function clean(num: string): string {
  return num.replace(/,/g, '');
}

export function percentUnit(signs: string | undefined): string {
  return signs && signs.length > 0 ? '%' : '';
}

/** "label … N 万元" (an amount stated right after its label). */
export function amountAfter(label: string): RegExp {
  return new RegExp(String.raw`${label}(?:[（(]类[）)])?${IS}(${NUM})\s*${MONEY}`, 'g');
}

/** "，占 p%" / "，占政府采购支出总额的 p%" right after an amount. */
export const SHARE_RE = new RegExp(String.raw`^\s*[，,]?\s*占[^\d，。；,]{0,20}?(${NUM})${PCT}`);

/** The year compared with: 上年, 上年度, 2021 年, 2023 年度. */
const LAST_YEAR = String.raw`(?:上一?年度?|\d{4}\s*年\s*度?)`;

/**
 * "比上年增加 Δ 万元，增长 g%" and its variants: 较上年 / 较 2021 年 / 比上年决算数 / "与 2023 年度相比，
 * 收入支出总计增加 Δ 万元" (Shanghai, the national template; "各增加" when income and expenditure move
 * together); the rate's verb may be 增加/减少 (002) and its percent sign doubled or missing.
 */
export const CHANGE_RE = new RegExp(
  String.raw`(?:(?:比|较)\s*${LAST_YEAR}(?:决算数?)?\s*|(?:与|同)\s*${LAST_YEAR}(?:决算数?)?\s*相比\s*[，,]?\s*[^，。；\d]{0,30}?)` +
    String.raw`各?(增加|减少)\s*(${NUM})\s*(?:万元|元)?` +
    String.raw`(?:${COMMA}(增长|下降|增加|减少)\s*(${NUM})${PCT})?`,
);

export const FLAT_RE = new RegExp(
  String.raw`(?:与|和|较)\s*${LAST_YEAR}(?:决算数?)?\s*(?:相比\s*[，,]?\s*)?(?:基本)?持平`,
);
