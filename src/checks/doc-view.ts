/**
 * The document's lines as the audit rules (src/checks/audit.ts) read them: cover and 目录 before the
 * body, the body parts and the 公开表 regions, each line with its page. The pipeline builds it from
 * the segmented document; `juesuan check` on a record alone rebuilds what it can from the record's
 * parts (no cover, no 目录: the rules that need them say "not evaluated").
 */
import type { DocumentRecord, TableId } from '../schema/record.js';
import type { Segmented } from '../segment/segment.js';
import { matchTitle } from '../segment/tables.js';
import { squash } from '../text/compact.js';

export interface DocLine {
  text: string;
  page: number | null;
}

export interface DocPart {
  part: number;
  title: string;
  /** Line range [from, to) of the part, its heading line first. */
  from: number;
  to: number;
}

export interface DocTable {
  id: TableId;
  /** The title line. */
  at: number;
  /** End (exclusive) of the table's region: the next title, or the end of its part. */
  to: number;
}

export interface DocView {
  lines: DocLine[];
  parts: DocPart[];
  /** Tables in printed order. */
  tables: DocTable[];
  /** First line of the body; the lines before it are the cover and the 目录. */
  body: number;
  /** Whether the cover and 目录 are in `lines` (false when rebuilt from a record). */
  frontMatter: boolean;
}

export function docViewFromSegment(seg: Segmented): DocView {
  const index = new Map(seg.lines.map((l, i) => [l, i] as const));
  const tables: DocTable[] = [];
  seg.regions.forEach((r) => {
    const first = r.lines[0];
    const at = first !== undefined ? (index.get(first) ?? 0) - 1 : -1;
    if (at < 0) return;
    const last = r.lines[r.lines.length - 1]!;
    tables.push({ id: r.spec.id, at, to: (index.get(last) ?? at) + 1 });
  });
  tables.sort((a, b) => a.at - b.at);
  const starts = [seg.parts[0]?.from, tables[0]?.at].filter((x): x is number => x !== undefined);
  return {
    lines: seg.lines.map((l) => ({ text: l.text, page: l.page })),
    parts: seg.parts.map(({ part, title, from, to }) => ({ part, title, from, to })),
    tables,
    body: starts.length ? Math.min(...starts) : 0,
    frontMatter: true,
  };
}

/** The view a record alone allows: its parts' text (a part on one page gives its lines that page). */
export function docViewFromRecord(record: DocumentRecord): DocView {
  const lines: DocLine[] = [];
  const parts: DocPart[] = [];
  const tables: DocTable[] = [];
  for (const p of record.parts) {
    const from = lines.length;
    const page = p.pageStart !== null && p.pageStart === p.pageEnd ? p.pageStart : null;
    for (const text of p.text.split('\n')) lines.push({ text, page });
    parts.push({ part: p.part, title: p.title, from, to: lines.length });
    for (let i = from + 1; i < lines.length; i++) {
      const t = lines[i]!.text;
      if (squash(t).length > 60) continue;
      const spec = matchTitle(t);
      if (!spec) continue;
      const prev = tables[tables.length - 1];
      if (prev && prev.to > i) prev.to = i;
      tables.push({ id: spec.id, at: i, to: lines.length });
    }
  }
  return { lines, parts, tables, body: 0, frontMatter: false };
}
