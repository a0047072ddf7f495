/**
 * Seed report text → blocks for the sample-PDF generator. Tables are the tab-separated line runs of
 * the seeds (000, 001, 004); the few short lines above a table (title, 公开NN表, 部门, 年度, 单位) are
 * its preamble and start a new page, as in the published reports.
 */

/** One printed cell; `span` merges it over that many grid columns (header bands, 类/款/项 codes). */
export interface Cell {
  text: string;
  span?: number;
  align?: 'left' | 'right' | 'center';
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'table'; id: string | null; preamble: string[]; header: Cell[][]; body: Cell[][] };

const PART_HEADING = /^第[一二三四五]部分/;
const TABLE_LABEL = /公开\s*(\d{2})\s*表/;
/** Preamble lines are short and are neither notes nor sentences. */
const MAX_PREAMBLE_LINES = 6;
const MAX_PREAMBLE_LENGTH = 40;

function isPreambleLine(line: string): boolean {
  const t = line.trim();
  return (
    t.length > 0 &&
    t.length <= MAX_PREAMBLE_LENGTH &&
    !t.includes('\t') &&
    !t.includes('。') &&
    !PART_HEADING.test(t) &&
    !/^注/.test(t) &&
    !/^\d+[.、]/.test(t)
  );
}

export function parseSeed(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  // Pending narrative lines; a table takes its preamble from the end of this list.
  let pending: string[] = [];
  const flushNarrative = (upto: string[]) => {
    for (const l of upto) {
      const t = l.trim();
      if (!t) continue;
      blocks.push(PART_HEADING.test(t) ? { kind: 'heading', text: t } : { kind: 'para', text: t });
    }
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.includes('\t')) {
      pending.push(line);
      i++;
      continue;
    }
    const rows: string[][] = [];
    while (i < lines.length && lines[i]!.includes('\t')) rows.push(lines[i++]!.split('\t').map((c) => c.trim()));
    // Walk back over blank and preamble lines.
    let start = pending.length;
    let taken = 0;
    for (let j = pending.length - 1; j >= 0 && taken < MAX_PREAMBLE_LINES; j--) {
      const t = pending[j]!.trim();
      if (!t) continue;
      if (!isPreambleLine(t)) break;
      start = j;
      taken++;
    }
    const preamble = pending
      .slice(start)
      .map((l) => l.trim())
      .filter(Boolean);
    flushNarrative(pending.slice(0, start));
    pending = [];
    const id = preamble.map((p) => TABLE_LABEL.exec(p)?.[1]).find(Boolean) ?? null;
    const padded = padRows(rows);
    const nHeader = headerRowCount(padded);
    const toCells = (r: string[], isHeader: boolean): Cell[] =>
      r.map((text) => ({
        text: withThousands(text),
        align: AMOUNT.test(text) && text.includes('.') ? 'right' : isHeader ? 'center' : 'left',
      }));
    blocks.push({
      kind: 'table',
      id,
      preamble,
      header: padded.slice(0, nHeader).map((r) => toCells(r, true)),
      body: padded.slice(nHeader).map((r) => toCells(r, false)),
    });
  }
  flushNarrative(pending);
  return blocks;
}

function padRows(rows: string[][]): string[][] {
  const n = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(n - r.length).fill('')]);
}

/** An amount as printed in the tables: decimals, optional sign and thousands separators. */
export const AMOUNT = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+\.\d+$/;

/** Add thousands separators to an amount's integer part (string work: money is never a JS number). */
export function withThousands(cell: string): string {
  const m = /^(-?)(\d+)(\.\d+)$/.exec(cell);
  if (!m || m[2]!.length < 4) return cell;
  return m[1] + m[2]!.replace(/\B(?=(\d{3})+$)/g, ',') + m[3];
}

/**
 * Header rows: all rows before the first row holding an amount or a dash cell. They are repeated
 * on every page a table continues on, so the table reader finds its columns there too.
 */
export function headerRowCount(rows: string[][]): number {
  const first = rows.findIndex((r) => r.some((c) => (AMOUNT.test(c) && c.includes('.')) || /^-{2,}$|^—+$/.test(c)));
  return first <= 0 ? Math.min(1, rows.length) : first;
}
