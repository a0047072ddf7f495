import type { Line, Run } from '../ir/types.js';
import type { Finding } from '../schema/finding.js';
import type { TableRegion } from '../segment/tables.js';
import type { LineRange, TableSpec } from '../../parsers/spec.js';
import { dedupeRows, attachWrappedPieces, type RawCell, type RawRow } from './raw.js';
import type { ReadResult } from './read-code.js';
import { findAnchors, columnAt, namedHead, anchorsPerPage, type PageAnchors } from './header.js';
import { runsOf, toCell, isNoteLine, isMetaLine } from './line-tokens.js';
import { compactCjk, squash } from '../text/compact.js';
import { classify } from './tokens.js';
import { hasPositions, mayHoldPieces, placementOf } from './line-kind.js';
import { canonicalLine, labelMatches } from './labels.js';
import { finding } from '../findings/catalogue.js';

/**
 * Tables keyed by printed 行次: one-sided (09, 10) and two-sided (01, 04: income 行次 on the left,
 * expenditure 行次 on the right of the same printed line). The 行次 printed is the key; the label is
 * only checked against the template. Where a template prints no 行次 (Shanghai), rows are keyed by
 * the canonical 行次 of their label and logged as inferred.
 */
export function readLineTable(region: TableRegion): ReadResult {
  const { spec } = region;
  const findings: Finding[] = [];
  const head = findAnchors(region.lines) ?? namedHead(region);
  const sides: { side: RawRow['side'] | undefined; range: LineRange }[] =
    spec.layout === 'two-sided'
      ? [
          { side: 'income', range: spec.income! },
          { side: 'expenditure', range: spec.expenditure! },
        ]
      : [{ side: undefined, range: spec.lines! }];
  const rows: RawRow[] = [];
  const last = new Map<string, number>();
  let sawLineNumbers = false;
  const anchorsOf = anchorsPerPage(region.lines, head?.anchors);
  // A header repeated on a continuation page is not a row.
  const headerTexts = new Set(region.lines.slice(0, head ? head.at + 1 : 0).map((l) => squash(l.text)));
  const fragments: Line[] = [];
  for (const line of region.lines.slice(head ? head.at + 1 : 0)) {
    if (isNoteLine(line)) break;
    if (isMetaLine(line) || headerTexts.has(squash(line.text))) continue;
    // The 栏次 row numbers columns, not rows; its digits misread, it is not found as the header.
    if (/^栏次/.test(squash(line.text))) continue;
    const tokens = runsOf(line).filter((r) => r.text.trim() !== '');
    // Positioned input: a label wrapped inside its cell leaves text-only pieces above and below the
    // row's line; they are attached by position once the rows are known.
    const segments = splitByLineNumbers(
      tokens,
      sides.map((s) => s.range),
    );
    if (
      !segments &&
      mayHoldPieces(line) &&
      rows.length > 0 &&
      tokens.every((t) => !isValueText(t.text)) &&
      (sawLineNumbers || inferByLabels(tokens, sides, spec.labels ?? {}, line.separation, new Map(last)).length === 0)
    ) {
      fragments.push(line);
      continue;
    }
    if (!segments) {
      // Once the table prints 行次, a line without one is not keyed by its label.
      if (sawLineNumbers) continue;
      // No 行次 on this line: key by the template label, when the label is unambiguous.
      const inferred = inferByLabels(tokens, sides, spec.labels ?? {}, line.separation, last);
      for (const seg of inferred) {
        last.set(seg.side ?? '', seg.no);
        rows.push(toRow(seg, line, anchorsOf(line.page), spec, findings, true));
      }
      continue;
    }
    sawLineNumbers = true;
    for (const seg of segments) {
      rekeyDoubtfulLine(seg, spec, last, findings, line.page);
      last.set(seg.side ?? '', seg.no);
      rows.push(toRow(seg, line, anchorsOf(line.page), spec, findings, false));
    }
  }
  // A piece belongs to the side whose 行次 column is the first to its right.
  attachWrappedPieces(rows, fragments, (piece, onPage) => {
    const right = onPage.filter((r) => r.x !== undefined && r.x > piece.x0);
    const column = Math.min(...right.map((r) => r.x!));
    return right.filter((r) => Math.abs(r.x! - column) <= 15);
  });
  if (rows.length === 0) {
    // Say so rather than emit an empty table silently: e.g. Shanghai's 三公 table prints its items
    // as column groups of one row, a shape this reader does not key.
    findings.push(
      finding(
        'table.no-rows-keyed',
        { table: spec.id },
        { table: spec.id, ...(region.lines[0]?.page != null ? { page: region.lines[0].page } : {}) },
      ),
    );
  }
  checkLabels(rows, spec.labels ?? {}, spec.id, findings);
  return { rows: dedupeRows(rows, spec.id, findings), findings };
}

interface Segment {
  side: RawRow['side'] | undefined;
  range: LineRange;
  no: number;
  /** x of the printed 行次 (or of the label when none is printed): which column group the row is in. */
  anchorX: number;
  label: Run[];
  values: Run[];
  /** How surely the 行次 was read (OCR); 1 when printed in a text layer. */
  noConf: number;
}

/** Split a printed line at its 行次 numbers: [label] 行次 [values] ([label] 行次 [values]). */
function splitByLineNumbers(tokens: Run[], ranges: LineRange[]): Segment[] | null {
  const found: { at: number; range: LineRange; no: number }[] = [];
  let from = 0;
  for (let s = 0; s < ranges.length; s++) {
    const range = ranges[s]!;
    const prevNo = found[found.length - 1]?.no;
    const offset = s > 0 && prevNo !== undefined ? ranges[s]!.first - ranges[s - 1]!.first : undefined;
    let pick = -1;
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i]!.text.trim();
      if (!/^\d{1,3}$/.test(t)) continue;
      const n = Number(t);
      if (n < range.first || n > range.last) continue;
      // On the expenditure side the 行次 is the income 行次 plus a fixed offset; prefer that match.
      if (offset !== undefined && prevNo !== undefined && n === prevNo + offset) {
        pick = i;
        break;
      }
      if (pick < 0) pick = i;
      if (offset === undefined) break;
    }
    if (pick < 0) continue;
    found.push({ at: pick, range, no: Number(tokens[pick]!.text.trim()) });
    from = pick + 1;
  }
  if (found.length === 0) return null;
  return found.map((f, k) => {
    const start = k === 0 ? 0 : found[k - 1]!.at + 1;
    const between = tokens.slice(start, f.at);
    // Tokens between the previous 行次 and this one: the previous side's values, then this label.
    const firstText = between.findIndex((r) => !isValueText(r.text));
    const label = firstText < 0 ? [] : between.slice(firstText);
    const end = found[k + 1]?.at ?? tokens.length;
    const after = tokens.slice(f.at + 1, end);
    const stop = after.findIndex((r) => !isValueText(r.text));
    const values = stop < 0 ? after : after.slice(0, stop);
    const at = tokens[f.at]!;
    return { side: sideOf(f.range, ranges), range: f.range, no: f.no, anchorX: at.x0, label, values, noConf: at.conf };
  });
}

/**
 * An OCR'd 行次 read doubtfully (a blurred 7 as "1" at 0.37) whose label is the template's label of
 * another line, one after the last line keyed on its side, is keyed by its label: the printed
 * number stays in the finding.
 */
function rekeyDoubtfulLine(
  seg: Segment,
  spec: TableSpec,
  last: Map<string, number>,
  findings: Finding[],
  page: number | null,
): void {
  const labels = spec.labels ?? {};
  if (seg.noConf >= 0.5 || seg.label.length === 0) return;
  const label = compactCjk(seg.label.map((r) => r.text).join(''));
  const want = labels[seg.no];
  if (want && labelMatches(label, want)) return;
  const after = last.get(seg.side ?? '') ?? seg.range.first - 1;
  const byLabel = canonicalLine(label, labels, seg.range, after);
  if (byLabel === undefined || byLabel <= after || byLabel === seg.no) return;
  findings.push(
    finding(
      'table.line-inferred',
      { table: spec.id, line: byLabel, label, read: `${seg.no}（置信度 ${seg.noConf.toFixed(2)}）` },
      {
        level: 'warn',
        table: spec.id,
        row: `line:${byLabel}`,
        expected: String(byLabel),
        actual: String(seg.no),
        ...(page !== null ? { page } : {}),
      },
    ),
  );
  seg.no = byLabel;
}

function sideOf(range: LineRange, ranges: LineRange[]): RawRow['side'] | undefined {
  if (ranges.length === 1) return undefined;
  return range === ranges[0] ? 'income' : 'expenditure';
}

function isValueText(t: string): boolean {
  const kind = classify(t);
  return kind === 'money' || kind === 'int' || kind === 'dash';
}

/**
 * No 行次 printed: map each label to its canonical 行次 (Shanghai-style templates). Each label cell
 * (on space-separated text: each run of words) opens a segment with the values after it; the
 * segments of a line fill the sides left to right, so "总计 … 总计 …" keys as 31 and 62.
 */
function inferByLabels(
  tokens: Run[],
  sides: { side: RawRow['side'] | undefined; range: LineRange }[],
  labels: Record<number, string>,
  separation: Line['separation'],
  last: Map<string, number>,
): Segment[] {
  const segs: { label: Run[]; values: Run[] }[] = [];
  for (const t of tokens) {
    const last = segs[segs.length - 1];
    if (isValueText(t.text)) {
      last?.values.push(t);
      continue;
    }
    if (separation === 'space' && last && last.values.length === 0) last.label.push(t);
    else segs.push({ label: [t], values: [] });
  }
  const out: Segment[] = [];
  let next = 0;
  for (const seg of segs) {
    const text = compactCjk(seg.label.map((r) => r.text).join(''));
    for (let s = next; s < sides.length; s++) {
      const no = canonicalLine(text, labels, sides[s]!.range, last.get(sides[s]!.side ?? '') ?? 0);
      if (no === undefined) continue;
      out.push({
        side: sides[s]!.side,
        range: sides[s]!.range,
        no,
        anchorX: seg.values[0]?.x0 ?? seg.label[seg.label.length - 1]!.x1 + 1,
        noConf: 1,
        label: seg.label,
        values: seg.values,
      });
      next = s + 1;
      break;
    }
  }
  return out;
}

function toRow(
  seg: Segment,
  line: Line,
  pageAnchors: PageAnchors | undefined,
  spec: TableSpec,
  findings: Finding[],
  inferred: boolean,
): RawRow {
  const anchors = pageAnchors?.anchors;
  const table = spec.id;
  const cells: RawCell[] = seg.values.map((r) => toCell(r, line.page));
  const row: RawRow = {
    key: `line:${seg.no}`,
    line: seg.no,
    label: compactCjk(seg.label.map((r) => r.text).join('')),
    page: line.page,
    y: line.y,
    cells,
    columns: seg.range.columns,
  };
  row.x = seg.anchorX;
  if (seg.side) row.side = seg.side;
  const dashes = spec.dashes?.[seg.no];
  if (dashes) row.dashColumns = dashes;
  if (inferred) {
    findings.push(
      finding(
        'table.line-inferred',
        { table, line: seg.no, label: row.label },
        { table, row: row.key, confidence: 0.9, ...(line.page !== null ? { page: line.page } : {}) },
      ),
    );
    row.labelNote = 'line inferred from label';
  }
  const n = row.columns.length;
  if (cells.length === 0) return row;
  if (hasPositions(line) && anchors) {
    const cols = cells.map((c) => columnAt(anchors, c.run, line));
    if (cols.every((c, i) => c !== undefined && row.columns.includes(c) && (i === 0 || c > cols[i - 1]!))) {
      if (pageAnchors?.trusted === false && cells.length < n) {
        // Another page's header, unconfirmed by rulings: a guess for the solver to check.
        row.hint = (cols as number[]).map((c) => [c]);
        row.placementNote = '本页无表头或表格线';
        return row;
      }
      row.placed = cols as number[];
      row.placement = placementOf(line);
      return row;
    }
  }
  if (cells.length === n) {
    row.placed = [...row.columns];
    row.placement = placementOf(line);
  } else if (cells.length > n) {
    findings.push(
      finding(
        'table.too-many-values',
        { table, row: row.key, values: cells.map((c) => c.text), columns: n },
        { table, row: row.key },
      ),
    );
    row.cells = cells.slice(0, n);
    row.placed = [...row.columns];
    row.placement = 'explicit';
  }
  return row;
}

function checkLabels(rows: RawRow[], labels: Record<number, string>, table: string, findings: Finding[]): void {
  for (const r of rows) {
    const want = r.line !== undefined ? labels[r.line] : undefined;
    if (!want || r.labelNote) continue;
    if (r.label === '') {
      findings.push(
        finding(
          'table.label-missing',
          { table, line: r.line!, want },
          { table, row: r.key, expected: want, actual: '' },
        ),
      );
    } else if (!labelMatches(r.label, want)) {
      findings.push(
        finding(
          'table.label-mismatch',
          { table, line: r.line!, label: r.label, want },
          { table, row: r.key, expected: want, actual: r.label },
        ),
      );
    }
  }
}

export { squash };
