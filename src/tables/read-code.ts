import type { Line, Run } from '../ir/types.js';
import type { Finding } from '../schema/finding.js';
import type { TableRegion } from '../segment/tables.js';
import { dedupeRows, attachWrappedPieces, type RawCell, type RawRow } from './raw.js';
import { findAnchors, columnAt, namedHead, anchorsPerPage, type PageAnchors } from './header.js';
import { classify, splitCodeName, codeLevel, CODE } from './tokens.js';
import { runsOf, toCell, isNoteLine, isMetaLine, isHeaderWordsOnly } from './line-tokens.js';
import { compactCjk, squash } from '../text/compact.js';
import { CodeJoiner, findCodeColumns } from './code-parts.js';
import { hasPositions, mayHoldPieces, placementOf } from './line-kind.js';
import { finding } from '../findings/catalogue.js';

/**
 * Code-keyed tables (02/03/05/07/08): one row per printed 科目编码 plus `total` for 合计. A code may
 * sit in its own cell or at the start of the name cell ("201 一般公共服务支出"). Wrapped names
 * continue on text-only lines; values printed on a line of their own belong to the row above.
 */
export interface ReadResult {
  rows: RawRow[];
  findings: Finding[];
}

const TOTAL = /^(?:合计|总计)$/;

interface KeyHit {
  key: string;
  code?: string;
  label: string;
  labelRunIndex: number;
}

export function readCodeTable(region: TableRegion): ReadResult {
  const { spec } = region;
  const columns = spec.columns.map((c) => c.no);
  const findings: Finding[] = [];
  const head = findAnchors(region.lines) ?? namedHead(region);
  const anchorsOf = anchorsPerPage(region.lines, head?.anchors);
  const codes = new CodeJoiner(findCodeColumns(region.lines));
  // A row whose split code makes no code is reported with its text and not read (its values belong
  // to a row no key names; the parent's sums then fail and say so too).
  const unreadable = new Set<Line>();
  const keyOfLine = (line: Line, runs: Run[]): KeyHit | null => {
    const split = codes.read(runs, line.separation);
    if (split?.code === null) {
      unreadable.add(line);
      findings.push(
        finding(
          'table.code-unreadable',
          { table: spec.id, printed: split.printed, text: squash(line.text) },
          { table: spec.id, ...(line.page !== null ? { page: line.page } : {}) },
        ),
      );
      return null;
    }
    return split ? splitKey(split.code, runs, split.after) : keyOf(runs);
  };
  const rows: RawRow[] = [];
  const headerTexts = new Set<string>();
  let started = false;
  const fragments: Line[] = [];
  // An empty table prints no number, so a header found by names runs to the region's end; a 合计
  // under the name column's header is the table's (empty) 合计 row and ends the header there.
  let headEnd = head?.at ?? -1;
  const totalAt = region.lines.findIndex((l) => {
    const h = keyOf(runsOf(l));
    return h?.key === 'total' && underLabelHeader(runsOf(l)[h.labelRunIndex]!, region.lines, l);
  });
  if (totalAt >= 0 && totalAt <= headEnd) headEnd = totalAt - 1;
  for (const [at, line] of region.lines.entries()) {
    // A text-only line of positioned input may be a piece of a wrapped name (never a drawn cell's).
    const textOnly = mayHoldPieces(line) && line.runs.every((r) => classify(r.text) === 'text');
    if (at <= headEnd) {
      headerTexts.add(squash(line.text));
      // The top piece of the first row's wrapped name sits above it, inside the header zone; header
      // lines proper lie too far from any row to be taken.
      if (textOnly) fragments.push(line);
      continue;
    }
    if (isNoteLine(line)) break;
    if (isMetaLine(line)) continue;
    const runs = runsOf(line);
    const hit = keyOfLine(line, runs);
    if (!started && !hit) {
      headerTexts.add(squash(line.text));
      if (textOnly) fragments.push(line);
      continue;
    }
    started = true;
    if (unreadable.has(line)) continue;
    if (!hit) {
      if (headerTexts.has(squash(line.text)) || isHeaderWordsOnly(line)) continue; // repeated header
      // On positioned input a wrapped name is centred around its row: its pieces sit above and
      // below the row's line, so they are attached by position once all rows are known.
      if (mayHoldPieces(line) && runs.every((r) => classify(r.text) === 'text')) {
        fragments.push(line);
        continue;
      }
      continuation(rows[rows.length - 1], line, runs, findings, region.spec.id);
      continue;
    }
    const cells = runs
      .slice(hit.labelRunIndex + 1)
      .map((r) => toCell(r, line.page))
      .filter((c) => c.kind !== 'text' || c.text !== '');
    const stray = cells.filter((c) => c.kind === 'text');
    // "合计 | 基本支出 | 项目支出" with no number is a header row naming columns, not the 合计 row.
    if (hit.key === 'total' && stray.length && !cells.some((c) => c.value !== undefined)) {
      // Unless that 合计 stands under the name column's header (项目/科目名称): then it is the 合计 row,
      // printed on the same line as a sub-header (Shanghai 07/08: 合计 | | | 合计 基本支出 项目支出 |).
      if (underLabelHeader(runs[hit.labelRunIndex]!, region.lines, line)) {
        rows.push({ key: 'total', label: hit.label, page: line.page, y: line.y, columns, cells: [] });
      } else headerTexts.add(squash(line.text));
      continue;
    }
    if (stray.length) {
      findings.push(
        finding(
          'table.stray-text',
          { table: spec.id, row: hit.key, text: stray.map((c) => c.text).join(' ') },
          { table: spec.id, row: hit.key, ...(line.page !== null ? { page: line.page } : {}) },
        ),
      );
    }
    const row: RawRow = {
      key: hit.key,
      label: hit.label,
      page: line.page,
      y: line.y,
      columns,
      cells: cells.filter(
        (c) => (c.kind !== 'text' && c.kind !== 'empty') || (line.separation === 'tab' && c.kind === 'empty'),
      ),
    };
    if (hit.code) row.code = hit.code;
    place(row, line, runs, hit, anchorsOf(line.page));
    row.cells = row.cells.filter((c) => c.kind !== 'empty');
    rows.push(row);
  }
  attachWrappedPieces(rows, fragments, (_piece, onPage) => onPage);
  return { rows: dedupeRows(rows, spec.id, findings), findings };
}

/** Positioned input only: does the run overlap, in x, a 项目/科目名称 header cell printed above it? */
function underLabelHeader(run: Run, lines: Line[], line: Line): boolean {
  if (!mayHoldPieces(line) && !line.grid) return false;
  return lines.some(
    (l) =>
      l.page === line.page &&
      l.y < line.y &&
      l.runs.some((h) => /^(?:项目|科目名称)$/.test(squash(h.text)) && run.x0 < h.x1 && run.x1 > h.x0),
  );
}

/** A code joined from its 类/款/项 parts; the name is the next text run after them. */
function splitKey(code: string, runs: Run[], after: number): KeyHit {
  for (let j = after; j < runs.length; j++) {
    const n = runs[j]!.text.trim();
    if (n === '') continue;
    if (classify(n) === 'text') return { key: `code:${code}`, code, label: compactCjk(n), labelRunIndex: j };
    break;
  }
  return { key: `code:${code}`, code, label: '', labelRunIndex: after - 1 };
}

function keyOf(runs: Run[]): KeyHit | null {
  for (let i = 0; i < runs.length; i++) {
    const t = runs[i]!.text.trim();
    if (t === '') continue;
    if (TOTAL.test(squash(t))) return { key: 'total', label: squash(t), labelRunIndex: i };
    const split = splitCodeName(t);
    if (split && CODE.test(split.code)) {
      if (split.name)
        return { key: `code:${split.code}`, code: split.code, label: compactCjk(split.name), labelRunIndex: i };
      // Code in its own cell: the name is the next non-empty text cell.
      for (let j = i + 1; j < runs.length; j++) {
        const n = runs[j]!.text.trim();
        if (n === '') continue;
        if (classify(n) === 'text')
          return { key: `code:${split.code}`, code: split.code, label: compactCjk(n), labelRunIndex: j };
        break;
      }
      return { key: `code:${split.code}`, code: split.code, label: '', labelRunIndex: i };
    }
    return null; // the first non-empty cell is neither a code nor 合计: not a data row
  }
  return null;
}

function continuation(prev: RawRow | undefined, line: Line, runs: Run[], findings: Finding[], table: string): void {
  if (!prev) return;
  const cells = runs.map((r) => toCell(r, line.page)).filter((c) => c.kind !== 'empty');
  const texts = cells.filter((c) => c.kind === 'text');
  const values = cells.filter((c) => c.kind !== 'text');
  if (texts.length) prev.label = compactCjk(prev.label + texts.map((c) => c.text).join(''));
  if (values.length) {
    if (prev.cells.length === 0) {
      prev.cells = values;
      delete prev.placed;
      delete prev.placement;
    } else {
      findings.push(
        finding(
          'table.orphan-values',
          { table, row: prev.key, values: values.map((c) => c.text).join(' ') },
          { table, row: prev.key, ...(line.page !== null ? { page: line.page } : {}) },
        ),
      );
    }
  }
}

/** Decide columns from separators/geometry where they are trustworthy; otherwise leave to arithmetic. */
function place(row: RawRow, line: Line, runs: Run[], hit: KeyHit, pageAnchors: PageAnchors | undefined): void {
  const anchors = pageAnchors?.anchors;
  const n = row.columns.length;
  const values = row.cells.filter((c) => c.kind !== 'empty');
  if (values.length === 0) return;
  if (!hasPositions(line)) {
    if (values.length === n) {
      row.placed = values.map((_, i) => row.columns[i]!);
      row.placement = 'explicit';
    }
    return;
  }
  const labelRun = runs[hit.labelRunIndex]!;
  const filled = row.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.kind !== 'empty');
  if (!anchors) {
    // No 栏次 row: values follow the label in column order (tab cell positions keep empty cells).
    // A row with more cells than columns begins with empty cells left of the values (合计's empty
    // name cell, an empty 项 cell): those are not value columns, the row's last n cells are.
    const extra = row.cells.length - n;
    const skip = extra > 0 && row.cells.slice(0, extra).every((c) => c.kind === 'empty') ? extra : 0;
    const placed = filled.map(({ i }) => row.columns[i - skip] ?? -1);
    if (!placed.every((c) => c > 0)) return;
    if (!line.grid && line.separation !== 'tab' && values.length < n) {
      // Unruled positioned text keeps only inked cells: a sparse row's order is a guess for the
      // solver to check, and a column the identities cannot pin down is flagged.
      row.hint = placed.map((c) => [c]);
      row.placementNote = '本页无表头或表格线';
      return;
    }
    row.placed = placed;
    row.placement = placementOf(line);
    return;
  }
  const cols = filled.map(({ c }) => columnAt(anchors, c.run, line));
  const labelInValueColumn = line.separation === 'tab' && [...anchors.values()].some((a) => a.x0 === labelRun.x0);
  const defined = cols.filter((c): c is number => c !== undefined);
  const ascending = defined.every((c, i) => i === 0 || c > defined[i - 1]!);
  if (
    !labelInValueColumn &&
    ascending &&
    defined.length === values.length &&
    defined.every((c) => row.columns.includes(c)) &&
    (pageAnchors?.trusted !== false || values.length === n)
  ) {
    row.placed = defined;
    row.placement = placementOf(line);
    return;
  }
  // Printed positions disagree with the header (a merged cell swallowed a column): keep what each
  // end of the row suggests as hints and let the identities decide.
  row.placementNote = labelInValueColumn ? '名称单元格落在数值栏' : '单元格位置与表头不符';
  const lastIdx = row.cells.length - 1;
  row.hint = filled.map(({ i }) => {
    const fromLeft = row.columns[i];
    const fromRight = row.columns[n - 1 - (lastIdx - i)];
    return [fromLeft, fromRight].filter((x): x is number => x !== undefined);
  });
}

export { codeLevel };
export type { RawCell };
