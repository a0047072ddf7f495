import type { Line } from '../ir/types.js';
import { classify } from './tokens.js';
import { squash } from '../text/compact.js';

/**
 * Column anchors from the header's 栏次 row: the printed column numbers 1…n ("栏次 1 2 3", or
 * "栏 次 | 1 | 栏 次 | 2 3 4 5" on a two-sided table). Each anchor is the x-extent of the number's
 * cell: the cell index for tab text, points for geometric input. Space-separated text has no usable
 * positions, so it yields no anchors and its columns are recovered by arithmetic.
 */
export interface Anchor {
  no: number;
  x0: number;
  x1: number;
}

const HEADER_WORDS = /^(?:栏次|行次|类|款|项|项目|合计|金额|科目编码|科目名称|序号)?$/;

const SPACED_HEADER = /^(?:栏次|行次|栏|次|类|款|项|项目|序号)*$/;

/**
 * The header's 栏次 row. Its index ends the header; its anchors (absent for space-separated text,
 * whose positions mean nothing) give each value column's position.
 */
export function findAnchors(lines: Line[], maxLines = 40): { anchors: Map<number, Anchor> | null; at: number } | null {
  for (let i = 0; i < Math.min(lines.length, maxLines); i++) {
    const line = lines[i]!;
    if (line.separation === 'space') {
      const toks = line.runs.map((r) => r.text.trim()).filter((t) => t !== '');
      const ints = toks.filter((t) => /^\d{1,2}$/.test(t)).map(Number);
      const words = toks.filter((t) => !/^\d{1,2}$/.test(t)).join('');
      if (ints.length && ints[0] === 1 && ints.every((n, k) => k === 0 || n === ints[k - 1]! + 1) && SPACED_HEADER.test(squash(words))) {
        return { anchors: null, at: i };
      }
      continue;
    }
    const nums: Anchor[] = [];
    const words: string[] = [];
    let money = false;
    for (const r of line.runs) {
      const kind = classify(r.text);
      if (kind === 'int') nums.push({ no: Number(r.text), x0: r.x0, x1: r.x1 });
      else if (kind === 'money') money = true;
      else if (kind === 'text') words.push(squash(r.text));
    }
    if (money || nums.length === 0 || nums[0]!.no !== 1) continue;
    // Numbers must rise by one, left to right. A short run (1, 2) is a header only beside a 栏次/行次
    // word or header words alone, since a data row like "车辆数合计 | 1 | 2" rises too.
    if (!nums.every((a, k) => k === 0 || a.no === nums[k - 1]!.no + 1)) continue;
    const labelled = words.some((w) => /栏次|行次/.test(w)) || words.every((w) => HEADER_WORDS.test(w));
    if (nums.length < 3 && !labelled) continue;
    return { anchors: new Map(nums.map((a) => [a.no, a])), at: i };
  }
  return null;
}

/** The column whose anchor a cell falls in (tab: same index; geometry: overlapping or nearest). */
export function columnAt(anchors: Map<number, Anchor>, x0: number, x1: number, separation: Line['separation']): number | undefined {
  const list = [...anchors.values()];
  if (separation === 'tab') return list.find((a) => a.x0 === x0)?.no;
  const mid = (x0 + x1) / 2;
  let best: { no: number; d: number } | undefined;
  for (const a of list) {
    // Numbers are right-aligned in their column: compare right edges and centres, take the closer.
    const d = Math.min(Math.abs((a.x0 + a.x1) / 2 - mid), Math.abs(a.x1 - x1));
    if (!best || d < best.d) best = { no: a.no, d };
  }
  return best?.no;
}
