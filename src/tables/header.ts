import type { Line, Run } from '../ir/types.js';
import { classify } from './tokens.js';
import { extentOf } from './line-kind.js';
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
      if (
        ints.length &&
        ints[0] === 1 &&
        ints.every((n, k) => k === 0 || n === ints[k - 1]! + 1) &&
        SPACED_HEADER.test(squash(words))
      ) {
        return { anchors: null, at: i };
      }
      continue;
    }
    const nums: Anchor[] = [];
    const words: string[] = [];
    let money = false;
    const runs = misreadColumnNumbers(line.runs);
    for (const r of runs) {
      const kind = classify(r.text);
      // A column number in a drawn cell stands for the whole cell.
      if (kind === 'int') nums.push({ no: Number(r.text), x0: r.cell?.x0 ?? r.x0, x1: r.cell?.x1 ?? r.x1 });
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

/**
 * An OCR'd 栏次 row whose column number was misread ("1" as "工", "4" as "人" below 0.5, or "4" as
 * "1" at any confidence): a one- or two-glyph cell between the numbers n − 1 and n + 1 is n, and
 * one right after a 栏次 word before the number 2 is 1. A number is inferred only where both sides
 * pin it down; a number read as another number is put right only on a line that says 栏次, since a
 * data row may print any counts.
 */
function misreadColumnNumbers(runs: Run[]): Run[] {
  const out = [...runs];
  const isInt = (r: Run | undefined) => r !== undefined && classify(r.text) === 'int';
  const columnRow = runs.some((r) => /栏次/.test(squash(r.text)));
  for (let i = 1; i < out.length; i++) {
    const r = out[i]!;
    if (r.origin !== 'ocr' || squash(r.text).length > 2) continue;
    const doubtful = isInt(r) ? columnRow : r.conf < 0.5;
    if (!doubtful) continue;
    const prev = out[i - 1]!;
    const next = out.slice(i + 1).find(isInt);
    if (isInt(prev) && isInt(out[i + 1]) && Number(out[i + 1]!.text) - Number(prev.text) === 2) {
      out[i] = { ...r, text: String(Number(prev.text) + 1) };
    } else if (!isInt(r) && /栏次/.test(squash(prev.text)) && next?.text.trim() === '2') {
      out[i] = { ...r, text: '1' };
    }
  }
  return out;
}

/**
 * Templates that print no 栏次 row (Shanghai) still name their columns. On positioned input, take
 * each spec column's x from the header cell that carries (part of) its name, matched left to right.
 * Only a complete match is used: a partial one would pull values into the wrong neighbours.
 */
export function anchorsFromNames(lines: Line[], columns: { no: number; name: string }[]): Map<number, Anchor> | null {
  const header: { text: string; x0: number; x1: number }[] = [];
  for (const line of lines) {
    if (line.separation !== 'geometry') return null;
    if (line.runs.some((r) => classify(r.text) === 'money')) break;
    for (const r of line.runs)
      if (classify(r.text) === 'text') header.push({ text: squash(r.text), x0: r.x0, x1: r.x1 });
  }
  const out = new Map<number, Anchor>();
  let minX = -Infinity;
  const names = columns.map((c) => ({ no: c.no, name: squash(c.name).replace(/^(?:收入|支出)(?=决算数)/, '') }));
  for (const { no, name } of names) {
    const hit = header
      .filter((h) => h.x0 > minX && h.text.length >= 2 && (name.includes(h.text) || h.text.includes(name)))
      .sort((a, b) => a.x0 - b.x0)[0];
    if (!hit) return null;
    out.set(no, { no, x0: hit.x0, x1: hit.x1 });
    minX = hit.x1;
  }
  return out.size === columns.length ? out : null;
}

/** The column whose anchor a cell falls in (tab: same index; positioned: overlapping or nearest). */
export function columnAt(anchors: Map<number, Anchor>, run: Run, line: Line): number | undefined {
  const list = [...anchors.values()];
  const { x0, x1 } = extentOf(run);
  if (line.separation === 'tab') return list.find((a) => a.x0 === x0)?.no;
  const mid = (x0 + x1) / 2;
  let best: { no: number; d: number } | undefined;
  for (const a of list) {
    // Numbers are right-aligned in their column: compare right edges and centres, take the closer.
    const d = Math.min(Math.abs((a.x0 + a.x1) / 2 - mid), Math.abs(a.x1 - x1));
    if (!best || d < best.d) best = { no: a.no, d };
  }
  return best?.no;
}

/** Header anchors from column names, for positioned input with no 栏次 row. */
export function namedHead(region: {
  lines: Line[];
  spec: { columns: { no: number; name: string }[] };
}): { anchors: Map<number, Anchor>; at: number } | null {
  const anchors = anchorsFromNames(region.lines, region.spec.columns);
  if (!anchors) return null;
  // The header ends before the first line that prints a number (an amount or a 行次).
  const first = region.lines.findIndex((l) =>
    l.runs.some((r) => classify(r.text) === 'money' || classify(r.text) === 'int'),
  );
  if (first < 0) return { anchors, at: region.lines.length - 1 };
  // A label wrapped in the first data row's cell puts its upper piece above that row's numbers
  // (Shanghai 05: "一般公共服务" over "201 … 支出"): it is not header, so the header ends above it.
  const valuesFrom = Math.min(...[...anchors.values()].map((a) => a.x0));
  let at = first - 1;
  while (at >= 0 && isLabelFragment(region.lines[at]!, valuesFrom)) at--;
  return { anchors, at };
}

const HEADER_NAMES =
  /^(?:项目|功能分类|经济分类|科目编码|科目名称|功能分类科目编码|经济分类科目编码|类|款|项|栏次|行次|序号)$/;

/** Text only, left of every value column, and no header word: a piece of a wrapped row label. */
function isLabelFragment(line: Line, valuesFrom: number): boolean {
  const runs = line.runs.filter((r) => r.text.trim() !== '');
  return (
    line.separation === 'geometry' &&
    runs.length > 0 &&
    runs.every((r) => classify(r.text) === 'text' && r.x1 < valuesFrom && !HEADER_NAMES.test(squash(r.text)))
  );
}

/**
 * x of the vertical grid lines of the ruled table a page's rows were read from; empty where they
 * were not read from a drawn grid.
 */
export function columnEdges(lines: Line[]): number[] {
  return lines.find((l) => l.grid)?.grid?.xs ?? [];
}

/**
 * Column anchors per page: a table continued on another page may repeat its header, possibly at
 * other x positions, so each page uses its own 栏次 row when it has one. A page without a header
 * takes the previous header's columns through the drawn grid: where the page's grid has a column
 * at each anchor's x the anchors stand as they are; otherwise the anchor's cell index among the
 * vertical grid lines is the same on both pages, whatever their x. Without a grid on both pages the
 * previous anchors are reused as they are, unconfirmed.
 */
export interface PageAnchors {
  anchors: Map<number, Anchor>;
  /** False when a header-less page reuses another page's anchors without rulings to confirm them. */
  trusted: boolean;
}

function sameColumns(anchors: Map<number, Anchor>, edges: number[]): boolean {
  const near = (x: number) => edges.some((e) => Math.abs(e - x) <= 2);
  return [...anchors.values()].every((a) => near(a.x0) && near(a.x1));
}

export function anchorsPerPage(
  lines: Line[],
  first: Map<number, Anchor> | null | undefined,
): (page: number | null) => PageAnchors | undefined {
  const byPage = new Map<number | null, PageAnchors>();
  let headerPage: number | null | undefined = first ? lines[0]?.page : undefined;
  let current = first ?? undefined;
  let currentEdges: number[] = [];
  for (const page of [...new Set(lines.map((l) => l.page))]) {
    const pageLines = lines.filter((l) => l.page === page);
    const own = page === null ? null : findAnchors(pageLines);
    const edges = page !== null ? columnEdges(pageLines) : [];
    let trusted = page === headerPage || page === null;
    if (own?.anchors) {
      current = own.anchors;
      currentEdges = edges;
      headerPage = page;
      trusted = true;
    } else if (current && edges.length > 2 && sameColumns(current, edges)) {
      // The page's grid has the header's value columns where the header had them.
      trusted = true;
    } else if (current && edges.length > 2 && edges.length === currentEdges.length) {
      const moved = new Map<number, Anchor>();
      for (const a of current.values()) {
        const mid = (a.x0 + a.x1) / 2;
        const i = currentEdges.findIndex(
          (x, k) => k + 1 < currentEdges.length && mid >= x && mid <= currentEdges[k + 1]!,
        );
        if (i < 0) {
          moved.clear();
          break;
        }
        moved.set(a.no, { no: a.no, x0: edges[i]!, x1: edges[i + 1]! });
      }
      if (moved.size === current.size) {
        current = moved;
        currentEdges = edges;
        trusted = true;
      }
    }
    if (current) byPage.set(page, { anchors: current, trusted });
  }
  return (page) => byPage.get(page) ?? (first ? { anchors: first, trusted: true } : undefined);
}
