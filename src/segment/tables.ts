import type { Line } from '../ir/types.js';
import type { TableSpec } from '../../parsers/spec.js';
import { TABLE_SPECS } from '../../parsers/tables.js';
import { squash } from '../text/compact.js';

/** A table's region: its title line and the lines up to the next table title (or the region end). */
export interface TableRegion {
  spec: TableSpec;
  title: string;
  /** The 公开NN表 number printed near the title, when there is one. */
  printedNo: number | null;
  lines: Line[];
  pages: number[];
  /** Found by its 公开NN表 label because no line read as its title. */
  byLabel?: boolean;
}

const PREFIX = /^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．])?(?:20\d{2}年度?)?(?:[^\s]{2,40}?(?:20\d{2}年度?))?/;
const SUFFIX = /(?:[（(]?公开\d{1,2}表[）)]?)?(?:[（(]?(?:金额)?单位[:：].*)?$/;
const LABEL = /公开(\d{1,2})表/;

/** The spec whose title this line is, if it is a table title line. */
export function matchTitle(text: string): TableSpec | undefined {
  const s = squash(text).replace(/[“”"']/g, '“');
  const core = s.replace(SUFFIX, '');
  for (const spec of TABLE_SPECS) {
    // Try the whole line, then with a numbering/year/department prefix removed.
    if (
      spec.titles.test(core) ||
      spec.titles.test(core.replace(/“/g, '"')) ||
      spec.titles.test(core.replace(PREFIX, ''))
    ) {
      return spec;
    }
  }
  // OCR misreads a glyph or two ("-般公共预算…", "文出"): a long title within a small edit distance
  // of exactly one template title still names that table. Short titles (收入决算表 vs 支出决算表)
  // differ by two glyphs, so they must match exactly.
  const near = TABLE_SPECS.filter(
    (spec) =>
      spec.title.length >= 10 &&
      editDistance(core.replace(/“/g, ''), squash(spec.title).replace(/“|”/g, '')) <= Math.floor(spec.title.length / 8),
  );
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** A 公开NN表 label on its own, one glyph of it possibly misread ("|开09表" from a rewritten text layer). */
const LABEL_ONLY = /^(?:公开|.开|公.)(\d{1,2})表$/;

export function findTableRegions(lines: Line[]): TableRegion[] {
  const starts: { at: number; spec: TableSpec; byLabel?: true }[] = [];
  lines.forEach((l, at) => {
    if (squash(l.text).length > 60) return;
    const spec = matchTitle(l.text);
    if (spec) starts.push({ at, spec });
  });
  // A table whose title did not read is found by its 公开NN表 label, when nothing else claims it.
  lines.forEach((l, at) => {
    const no = LABEL_ONLY.exec(squash(l.text))?.[1];
    const spec = no ? TABLE_SPECS.find((t) => Number(t.id) === Number(no)) : undefined;
    if (spec && !starts.some((x) => x.spec.id === spec.id)) starts.push({ at, spec, byLabel: true });
  });
  starts.sort((a, b) => a.at - b.at);
  return starts.map(({ at, spec, byLabel }, i) => {
    const to = starts[i + 1]?.at ?? lines.length;
    const body = lines.slice(at + 1, to);
    const near = [lines[at]!, ...body.slice(0, 8)].map((l) => squash(l.text));
    const printed = near.map((t) => LABEL.exec(t)?.[1]).find((x) => x !== undefined);
    const pages = [...new Set([lines[at]!, ...body].map((l) => l.page).filter((p): p is number => p !== null))];
    const title = squash(lines[at]!.text);
    return {
      spec,
      title,
      printedNo: printed ? Number(printed) : null,
      lines: body,
      pages,
      ...(byLabel ? { byLabel } : {}),
    };
  });
}
