import type { Line, Run } from '../ir/types.js';
import type { RawCell } from './raw.js';
import { classify, plainDecimal } from './tokens.js';
import { squash } from '../text/compact.js';

/**
 * Runs of a line worth reading: tab lines keep empty cells (their index is their column); a
 * positioned run that may hold two cells gives its pieces.
 */
export function runsOf(line: Line): Run[] {
  if (line.separation === 'tab') return line.runs;
  return line.runs.flatMap((r) => r.pieces ?? [r]).filter((r) => r.text.trim() !== '');
}

export function toCell(run: Run, page: number | null): RawCell {
  const kind = classify(run.text);
  const cell: RawCell = { text: run.text.trim(), kind, run, page };
  if (kind === 'money' || kind === 'int') cell.value = plainDecimal(run.text);
  return cell;
}

/** 注：… / 说明：… lines end a table's rows. */
export function isNoteLine(line: Line): boolean {
  return /^(?:注|说明|备注)\s*\d?\s*[:：.．、]/.test(squash(line.text));
}

const HEADER_ONLY = /^(?:栏次|行次|类|款|项|类款项|项目|科目名称|科目编码|支出功能分类科目编码|金额|单位[:：].*)$/;

/** A line made only of header words (a stray 栏次 row, a repeated header after a page break). */
export function isHeaderWordsOnly(line: Line): boolean {
  const words = runsOf(line)
    .map((r) => squash(r.text))
    .filter((t) => t !== '');
  return (
    words.length > 0 &&
    words.every((w) => HEADER_ONLY.test(w) || /^\d{1,2}$/.test(w)) &&
    words.some((w) => !/^\d{1,2}$/.test(w))
  );
}

/** Title-block lines (部门：…, 2024 年度, 公开 01 表, 金额单位：万元) are never rows. */
export function isMetaLine(line: Line): boolean {
  const s = squash(line.text);
  return /公开\d{1,2}表|^(?:部门|单位|编制单位|编制部门)[:：]|(?:金额)?单位[:：]|^\d{4}年度?$/.test(s);
}
