import type { Finding } from '../schema/finding.js';
import type { Line } from '../ir/types.js';
import type { TableRegion } from '../segment/tables.js';
import { dedupeRows, attachWrappedPieces, type RawRow } from './raw.js';
import type { ReadResult } from './read-code.js';
import { runsOf, toCell, isNoteLine, isMetaLine } from './line-tokens.js';
import { classify } from './tokens.js';
import { compactCjk, squash } from '../text/compact.js';
import { mayHoldPieces, placementOf } from './line-kind.js';
import { finding } from '../findings/catalogue.js';

/**
 * 06: 经济分类 code / name / amount groups printed side by side (人员经费 | 公用经费 | 公用经费 …).
 * Each code opens a group; the next text is its name and the next amount its value, so a dropped
 * empty amount cell cannot shift anything. Totals 人员经费合计 / 公用经费合计 (公用支出合计) take the
 * next amount on the line.
 */
// One glyph of the two that tell the totals apart may be misread (a rewritten text layer gave
// 公用经费合计 as "|用经费合计"); the other still does.
const PERSONNEL_TOTAL = /^(?:人员|.员|人.)(?:经费|支出)合计$/;
const PUBLIC_TOTAL = /^(?:公用|.用|公.)(?:经费|支出)合计$/;
const ECONOMIC_CODE = /^\d{3}(?:\d{2,3})?$/;

export function readEconomicTable(region: TableRegion): ReadResult {
  const { spec } = region;
  const findings: Finding[] = [];
  const rows: RawRow[] = [];
  const fragments: Line[] = [];
  let lastOnPrevLine: RawRow | undefined;
  for (const line of region.lines) {
    if (isNoteLine(line)) break;
    if (isMetaLine(line)) continue;
    const runs = runsOf(line).filter((r) => r.text.trim() !== '');
    let open: RawRow | undefined;
    let pendingTotal: RawRow | undefined;
    let sawCode = false;
    // What no group takes (a second amount, a name after the amount, a number before any code).
    const untaken: string[] = [];
    const textOnly = runs.every((r) => classify(r.text) === 'text');
    // A header band repeated on a continuation page (人员经费 | 公用经费) is not a name.
    if (textOnly && isHeaderish(runs.map((r) => r.text).join(''))) continue;
    // Positioned input: a wrapped name is centred around its row; attach it by position later.
    if (textOnly && mayHoldPieces(line) && rows.length > 0) {
      fragments.push(line);
      continue;
    }
    if (
      textOnly &&
      lastOnPrevLine &&
      runs.length > 0 &&
      !runs.some((r) => PERSONNEL_TOTAL.test(squash(r.text)) || PUBLIC_TOTAL.test(squash(r.text)))
    ) {
      // A wrapped name: continues the last group of the line above.
      if (rows.length > 0 && !isHeaderish(runs.map((r) => r.text).join(''))) {
        lastOnPrevLine.label = compactCjk(lastOnPrevLine.label + runs.map((r) => r.text.trim()).join(''));
      }
      continue;
    }
    for (const r of runs) {
      const t = r.text.trim();
      const kind = classify(t);
      if (kind === 'int' && ECONOMIC_CODE.test(t)) {
        open = { key: `code:${t}`, code: t, label: '', page: line.page, y: line.y, x: r.x1, cells: [], columns: [1] };
        rows.push(open);
        sawCode = true;
        pendingTotal = undefined;
        continue;
      }
      const s = squash(t);
      if (kind === 'text' && (PERSONNEL_TOTAL.test(s) || PUBLIC_TOTAL.test(s))) {
        pendingTotal = {
          key: PERSONNEL_TOTAL.test(s) ? 'total:人员经费' : 'total:公用经费',
          label: s,
          page: line.page,
          cells: [],
          columns: [1],
        };
        rows.push(pendingTotal);
        open = undefined;
        continue;
      }
      const target = pendingTotal ?? open;
      if (kind === 'text') {
        if (target && target === open && target.cells.length === 0) target.label = compactCjk(target.label + t);
        else if (target || sawCode) untaken.push(t);
      } else if (target && target.cells.length === 0) {
        target.cells.push(toCell(r, line.page));
        target.placed = [1];
        target.placement = placementOf(line);
      } else untaken.push(t);
    }
    if (untaken.length) {
      findings.push(
        finding(
          'table.untaken-text',
          { table: spec.id, text: untaken.join(' '), line: squash(line.text) },
          { table: spec.id, ...(line.page !== null ? { page: line.page } : {}) },
        ),
      );
    }
    if (sawCode || pendingTotal) lastOnPrevLine = open ?? pendingTotal;
  }
  // A piece belongs to the column group whose code ends nearest left of it.
  attachWrappedPieces(rows, fragments, (piece, onPage) => {
    const group = onPage.filter((r) => r.x !== undefined && r.x <= piece.x0 + 2);
    const gx = Math.max(...group.map((r) => r.x!));
    return group.filter((r) => Math.abs(r.x! - gx) <= 20);
  });
  for (const r of rows) {
    if (r.code && r.code.length !== 3 && r.code.length !== 5) {
      findings.push(
        finding(
          'table.code-misprint',
          { table: spec.id, code: r.code, label: r.label },
          { table: spec.id, row: r.key, actual: r.code, ...(r.page !== null ? { page: r.page } : {}) },
        ),
      );
    }
  }
  return { rows: dedupeRows(rows, spec.id, findings), findings };
}

function isHeaderish(t: string): boolean {
  return /经济分类|科目编码|科目名称|金额|人员经费|公用经费|编码/.test(squash(t));
}
